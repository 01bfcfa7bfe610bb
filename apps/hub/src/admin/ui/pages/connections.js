import { api, rowsOf } from '../api.js';
import { badge, h, replace, table } from '../dom.js';
import { t } from '../i18n.js';

export async function connectionsPage(container, _params, context) {
  const [{ body: list }, { body: dashboard }] = await Promise.all([api('/connections'), api('/dashboard?hours=24')]);
  if (!context.isCurrent()) return;
  const health = new Map(dashboard.providers.map((p) => [p.connection, p]));
  const canWrite = context.principal.scopes.some((s) => s === 'write' || s === 'admin');

  const testButton = (connection) => {
    const result = h('span', { class: 'test-result', role: 'status' });
    const button = h('button', { type: 'button' }, t('connections.test'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      result.textContent = t('connections.testing');
      try {
        const { body } = await api(`/connections/${encodeURIComponent(connection.name)}/test`, { method: 'POST' });
        replace(
          result,
          badge(
            body.ok ? t('connections.ok', { message: body.message }) : t('connections.failed', { message: body.message }),
            body.ok ? 'good' : 'bad',
          ),
        );
      } catch (e) {
        replace(result, badge(e.status === 403 ? t('common.forbidden') : t('connections.failed', { message: e.message }), 'bad'));
      } finally {
        button.disabled = false;
      }
    });
    return h('span', {}, button, ' ', result);
  };

  replace(
    container,
    h('h1', {}, t('connections.title')),
    table(
      [
        { title: t('col.connection'), cell: (c) => c.name },
        { title: t('connections.provider'), cell: (c) => c.provider },
        { title: t('connections.enabled'), cell: (c) => badge(c.enabled ? '✓' : '✗', c.enabled ? 'good' : 'warn') },
        {
          title: t('connections.health'),
          cell: (c) => {
            const p = health.get(c.name);
            if (!p) return '—';
            const tone = p.breaker === 'open' || p.deliveryFailureRate > 0.05 ? 'bad' : p.deadLetters > 0 ? 'warn' : 'good';
            return badge(
              `${p.breaker} · ${p.calls} calls · ${(p.callFailureRate * 100).toFixed(1)} % · p95 ${p.p95LatencyMs ?? '—'} ms · ${p.deadLetters} dead`,
              tone,
            );
          },
        },
        { title: t('col.actions'), cell: (c) => (canWrite ? testButton(c) : '') },
      ],
      rowsOf(list),
      t('connections.empty'),
    ),
  );
}
