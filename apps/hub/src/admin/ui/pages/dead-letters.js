import { api, nextCursorOf, rowsOf } from '../api.js';
import { formatTime, h, replace, table } from '../dom.js';
import { t } from '../i18n.js';

export async function deadLettersPage(container, _params, context) {
  const status = h('p', { role: 'status', class: 'muted' });
  const list = h('div', {});
  const canWrite = context.principal.scopes.some((s) => s === 'write' || s === 'admin');

  const load = async () => {
    const { body } = await api('/deliveries?state=dead&limit=100');
    if (!context.isCurrent()) return;
    const rows = rowsOf(body);
    replace(
      list,
      table(
        [
          { title: t('col.id'), cell: (d) => d.id },
          { title: t('col.route'), cell: (d) => d.route },
          { title: t('col.connection'), cell: (d) => d.connection },
          { title: t('col.capability'), cell: (d) => d.capability },
          { title: t('col.attempts'), numeric: true, cell: (d) => String(d.attempts) },
          {
            title: t('col.error'),
            cell: (d) =>
              h('span', { class: 'error-text' }, d.lastErrorCode ? `[${d.lastErrorCode}] ${d.lastError ?? ''}` : (d.lastError ?? '—')),
          },
          { title: t('col.updated'), cell: (d) => formatTime(d.updatedAt) },
          {
            title: t('col.actions'),
            cell: (d) =>
              canWrite
                ? h(
                    'button',
                    {
                      type: 'button',
                      onclick: () =>
                        void act(() => api(`/deliveries/${encodeURIComponent(d.id)}/retry`, { method: 'POST' }), t('common.done')),
                    },
                    t('deadLetters.retry'),
                  )
                : '',
          },
        ],
        rows,
        t('deadLetters.empty'),
      ),
      nextCursorOf(body) ? h('p', { class: 'muted' }, '…') : null,
    );
  };

  const act = async (call, done) => {
    status.textContent = '';
    try {
      const { body } = await call();
      status.textContent = typeof body?.requeued === 'number' ? t('deadLetters.replayed', { count: body.requeued }) : done;
      await load();
    } catch (e) {
      status.textContent = e.status === 403 ? t('common.forbidden') : t('common.error', { message: e.message });
    }
  };

  replace(
    container,
    h('h1', {}, t('deadLetters.title')),
    canWrite
      ? h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: () => void act(() => api('/deliveries/replay', { method: 'POST', body: { state: 'dead' } }), t('common.done')),
          },
          t('deadLetters.replayAll'),
        )
      : null,
    status,
    list,
  );
  await load();
}
