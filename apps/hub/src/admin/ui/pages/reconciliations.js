import { api, nextCursorOf, rowsOf } from '../api.js';
import { badge, formatTime, h, replace, table } from '../dom.js';
import { t } from '../i18n.js';

const KINDS = [
  'orders-missing',
  'shipments-unconfirmed',
  'status-mismatch',
  'amount-mismatch',
  'stock-drift',
  'price-drift',
  'returns-unhandled',
];
const stateTone = (s) =>
  s === 'open' || s === 'recurring' || s === 'failed' ? 'bad' : s === 'repaired' || s === 'completed' ? 'good' : 'neutral';

const progressOf = (run) => {
  const p = run.progress ?? run;
  const pct = typeof p.percentage === 'number' ? `${Math.round(p.percentage)} %` : '';
  return [run.state, p.phase, pct].filter(Boolean).join(' · ');
};

export async function reconciliationsPage(container, _params, context) {
  const { body } = await api('/reconciliations?limit=50');
  if (!context.isCurrent()) return;
  const canWrite = context.principal.scopes.some((s) => s === 'write' || s === 'admin');
  const status = h('p', { role: 'status', class: 'muted' });
  const today = new Date();
  const weekAgo = new Date(today.getTime() - 7 * 86_400_000);
  const day = (d) => d.toISOString().slice(0, 10);
  const from = h('input', { type: 'date', name: 'from', value: day(weekAgo), 'aria-label': t('recon.from') });
  const to = h('input', { type: 'date', name: 'to', value: day(today), 'aria-label': t('recon.to') });
  const form = h(
    'form',
    { class: 'filters' },
    h('label', {}, t('recon.from'), ' ', from),
    h('label', {}, t('recon.to'), ' ', to),
    h('button', { type: 'submit', class: 'primary' }, t('recon.start')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { body: run } = await api('/reconciliations', {
        method: 'POST',
        body: { from: `${from.value}T00:00:00+08:00`, to: `${to.value}T23:59:59+08:00` },
      });
      location.hash = `#/reconciliations/${encodeURIComponent(run.id)}`;
    } catch (e) {
      status.textContent = e.status === 403 ? t('common.forbidden') : t('common.error', { message: e.message });
    }
  });
  replace(
    container,
    h('h1', {}, t('recon.title')),
    canWrite ? form : null,
    status,
    table(
      [
        { title: t('col.id'), cell: (r) => h('a', { href: `#/reconciliations/${encodeURIComponent(r.id)}` }, String(r.id)) },
        { title: t('recon.kinds'), cell: (r) => (r.kinds ?? r.scope?.kinds ?? []).join(', ') },
        { title: t('recon.progress'), cell: (r) => badge(progressOf(r), stateTone(r.state)) },
        { title: t('col.at'), cell: (r) => formatTime(r.createdAt ?? r.startedAt) },
      ],
      rowsOf(body),
      t('recon.empty'),
    ),
  );
}

export async function reconciliationPage(container, [id], context) {
  const base = `/reconciliations/${encodeURIComponent(id)}`;
  const canWrite = context.principal.scopes.some((s) => s === 'write' || s === 'admin');
  const kind = h(
    'select',
    { name: 'kind', 'aria-label': t('col.kind') },
    h('option', { value: '' }, t('orders.any')),
    KINDS.map((k) => h('option', { value: k }, k)),
  );
  const state = h(
    'select',
    { name: 'state', 'aria-label': t('col.state') },
    h('option', { value: '' }, t('orders.any')),
    ['open', 'recurring', 'repaired', 'accepted'].map((s) => h('option', { value: s }, s)),
  );
  const header = h('div', {});
  const list = h('div', {});
  const status = h('p', { role: 'status', class: 'muted' });

  const exportLinks = () => {
    const q = new URLSearchParams();
    if (kind.value) q.set('kind', kind.value);
    if (state.value) q.set('state', state.value);
    return h(
      'p',
      { class: 'exports' },
      `${t('recon.export')}: `,
      ['csv', 'xlsx', 'jsonl'].map((format) => [
        h(
          'a',
          { href: `/api/v1${base}/discrepancies/export.${format}?${q}`, download: '', 'data-testid': `export-${format}` },
          format.toUpperCase(),
        ),
        ' ',
      ]),
    );
  };

  const load = async () => {
    const q = new URLSearchParams({ limit: '100' });
    if (kind.value) q.set('kind', kind.value);
    if (state.value) q.set('state', state.value);
    const [{ body: run }, { body: page }] = await Promise.all([api(base), api(`${base}/discrepancies?${q}`)]);
    if (!context.isCurrent()) return;
    replace(
      header,
      h('h1', {}, `${t('recon.title')} ${run.id}`),
      h('p', {}, badge(progressOf(run), stateTone(run.state))),
      canWrite && (run.state === 'running' || run.state === 'queued')
        ? h('button', { type: 'button', onclick: () => void act(() => api(`${base}/cancel`, { method: 'POST' })) }, t('recon.cancelRun'))
        : null,
      exportLinks(),
    );
    replace(
      list,
      table(
        [
          { title: t('col.kind'), cell: (d) => d.kind },
          { title: t('col.connection'), cell: (d) => d.connection ?? '—' },
          { title: t('col.id'), cell: (d) => d.entityKey ?? d.key ?? '—' },
          { title: t('recon.ours'), cell: (d) => h('code', {}, JSON.stringify(d.ours ?? d.canonical ?? d.left ?? null)) },
          { title: t('recon.theirs'), cell: (d) => h('code', {}, JSON.stringify(d.theirs ?? d.provider ?? d.right ?? null)) },
          { title: t('col.state'), cell: (d) => badge(d.state, stateTone(d.state)) },
          {
            title: t('col.actions'),
            cell: (d) =>
              canWrite && d.repairAction && (d.state === 'open' || d.state === 'recurring')
                ? h(
                    'button',
                    {
                      type: 'button',
                      'data-testid': 'repair',
                      onclick: () => void act(() => api(`${base}/discrepancies/${encodeURIComponent(d.id)}/repair`, { method: 'POST' })),
                    },
                    `${t('recon.repair')} (${d.repairAction})`,
                  )
                : '',
          },
        ],
        rowsOf(page),
        t('recon.noDiscrepancies'),
      ),
      nextCursorOf(page) ? h('p', { class: 'muted' }, '…') : null,
    );
  };

  const act = async (call) => {
    try {
      await call();
      status.textContent = t('recon.repaired');
      await load();
    } catch (e) {
      status.textContent = e.status === 403 ? t('common.forbidden') : t('common.error', { message: e.message });
    }
  };
  kind.addEventListener('change', () => void load());
  state.addEventListener('change', () => void load());
  replace(
    container,
    h('p', {}, h('a', { href: '#/reconciliations' }, `← ${t('recon.title')}`)),
    header,
    h('div', { class: 'filters' }, kind, state),
    status,
    list,
  );
  await load();
}
