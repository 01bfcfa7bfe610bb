import { api, rowsOf } from '../api.js';
import { formatTime, h, replace, table } from '../dom.js';
import { t } from '../i18n.js';

const display = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

export async function mappingsPage(container, [table_], context) {
  const { body: tables } = await api('/mappings');
  if (!context.isCurrent()) return;
  const names = rowsOf(tables).map((x) => (typeof x === 'string' ? x : x.name));
  const current = table_ ?? names[0];
  const nav = h(
    'nav',
    { class: 'tabs' },
    names.map((name) => h('a', { href: `#/mappings/${encodeURIComponent(name)}`, class: name === current ? 'active' : undefined }, name)),
  );
  if (!current) return replace(container, h('h1', {}, t('mappings.title')), h('p', { class: 'empty' }, t('mappings.empty')));
  const canWrite = context.principal.scopes.some((s) => s === 'write' || s === 'admin');
  const status = h('p', { role: 'status', class: 'muted' });
  const entriesBox = h('div', {});
  const historyBox = h('div', {});
  const path = `/mappings/${encodeURIComponent(current)}`;

  const load = async () => {
    const [{ body, etag }, { body: history }] = await Promise.all([api(path), api(`${path}/history?limit=50`)]);
    if (!context.isCurrent()) return;
    const entries = rowsOf(body);
    const edit = (entry) => {
      const input = h('input', { type: 'text', value: display(entry.value), 'aria-label': `${entry.key} ${t('mappings.value')}` });
      const save = h('button', { type: 'submit', class: 'primary' }, t('common.save'));
      const form = h('form', { class: 'inline-edit' }, input, save);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          let value = input.value;
          if (typeof entry.value !== 'string') {
            try {
              value = JSON.parse(input.value);
            } catch {
              value = input.value;
            }
          }
          await api(`${path}/${encodeURIComponent(entry.key)}`, {
            method: 'PUT',
            body: { value },
            headers: etag ? { 'if-match': etag } : {},
          });
          status.textContent = t('common.done');
          await load();
        } catch (e) {
          status.textContent =
            e.status === 412 ? t('mappings.stale') : e.status === 403 ? t('common.forbidden') : t('common.error', { message: e.message });
          if (e.status === 412) await load();
        }
      });
      return form;
    };
    replace(
      entriesBox,
      table(
        [
          { title: t('mappings.key'), cell: (e) => e.key },
          { title: t('mappings.value'), cell: (e) => (canWrite ? edit(e) : display(e.value)) },
        ],
        entries,
        t('mappings.empty'),
      ),
    );
    replace(
      historyBox,
      h('h2', {}, t('mappings.history')),
      table(
        [
          { title: t('col.at'), cell: (r) => formatTime(r.at ?? r.changedAt) },
          { title: t('mappings.by'), cell: (r) => r.changedBy?.name ?? r.by ?? '—' },
          { title: t('mappings.key'), cell: (r) => r.key },
          { title: t('mappings.old'), cell: (r) => (r.oldValue === null || r.oldValue === undefined ? '—' : display(r.oldValue)) },
          { title: t('mappings.new'), cell: (r) => (r.newValue === null || r.newValue === undefined ? '—' : display(r.newValue)) },
        ],
        rowsOf(history),
        t('common.none'),
      ),
    );
  };
  replace(container, h('h1', {}, t('mappings.title')), nav, status, entriesBox, historyBox);
  await load();
}
