import { api, nextCursorOf, rowsOf } from '../api.js';
import { badge, formatTime, h, replace, table } from '../dom.js';
import { t } from '../i18n.js';

const STATUSES = [
  'received',
  'acknowledged',
  'forwarded',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancellation_requested',
  'cancelled',
  'cancellation_refused',
];

const money = (m) => (m ? `${m.amount} ${m.currency}` : '—');
const statusTone = (s) =>
  s === 'cancelled' || s === 'cancellation_refused' ? 'bad' : s === 'shipped' || s === 'delivered' ? 'good' : 'neutral';

export async function ordersPage(container, _params, context) {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const number = h('input', {
    name: 'externalOrderNumber',
    type: 'search',
    value: query.get('number') ?? '',
    'aria-label': t('orders.filter.number'),
    placeholder: t('orders.filter.number'),
  });
  const status = h(
    'select',
    { name: 'status', 'aria-label': t('orders.filter.status') },
    h('option', { value: '' }, t('orders.any')),
    STATUSES.map((s) => h('option', { value: s }, s)),
  );
  const sku = h('input', { name: 'sku', type: 'search', 'aria-label': t('orders.filter.sku'), placeholder: t('orders.filter.sku') });
  const results = h('div', { class: 'results' });
  const form = h(
    'form',
    { class: 'filters', role: 'search' },
    number,
    status,
    sku,
    h('button', { type: 'submit', class: 'primary' }, t('common.search')),
  );

  let cursor = null;
  const rows = [];
  const load = async (reset) => {
    if (reset) {
      rows.length = 0;
      cursor = null;
    }
    const params = new URLSearchParams({ limit: '25' });
    if (number.value.trim()) params.set('externalOrderNumber', number.value.trim());
    if (status.value) params.set('status', status.value);
    if (sku.value.trim()) params.set('sku', sku.value.trim());
    if (cursor) params.set('cursor', cursor);
    const { body } = await api(`/orders?${params}`);
    if (!context.isCurrent()) return;
    rows.push(...rowsOf(body));
    cursor = nextCursorOf(body);
    replace(
      results,
      table(
        [
          {
            title: t('orders.col.number'),
            cell: (o) => h('a', { href: `#/orders/${encodeURIComponent(o.id)}` }, o.source?.externalOrderNumber ?? o.id),
          },
          { title: t('orders.col.source'), cell: (o) => o.source?.connection ?? '—' },
          { title: t('orders.col.status'), cell: (o) => badge(o.status, statusTone(o.status)) },
          { title: t('orders.col.total'), numeric: true, cell: (o) => money(o.totalPaid) },
          { title: t('orders.col.created'), cell: (o) => formatTime(o.createdAt) },
        ],
        rows,
        t('orders.empty'),
      ),
      cursor ? h('button', { type: 'button', onclick: () => void load(false) }, t('common.more')) : null,
    );
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(true).catch((e) => replace(results, h('p', { class: 'error', role: 'alert' }, t('common.error', { message: e.message }))));
  });
  replace(container, h('h1', {}, t('orders.title')), form, results);
  await load(true);
}

function timelineEntry(entry) {
  if (entry.kind === 'event') return [formatTime(entry.at), badge(t('order.events'), 'neutral'), entry.type, ''];
  if (entry.kind === 'delivery') {
    const tone = entry.state === 'succeeded' ? 'good' : entry.state === 'dead' || entry.state === 'failed' ? 'bad' : 'warn';
    return [
      formatTime(entry.at),
      badge(t('order.deliveries'), 'neutral'),
      `${entry.route} → ${entry.connection} (${entry.capability})`,
      badge(`${entry.state} · ${entry.attempts}`, tone),
    ];
  }
  const tone = entry.outcome === 'success' ? 'good' : 'bad';
  return [
    formatTime(entry.at),
    badge(t('order.calls'), 'neutral'),
    `${entry.connection ?? '—'} ${entry.method} ${entry.operation} #${entry.attempt}`,
    badge(
      `${entry.outcome}${entry.httpStatus ? ` ${entry.httpStatus}` : ''} · ${entry.latencyMs} ms${entry.error ? ` · ${entry.error}` : ''}`,
      tone,
    ),
  ];
}

export async function orderPage(container, [id], context) {
  const [{ body: timeline }, detail] = await Promise.all([
    api(`/orders/${encodeURIComponent(id)}/timeline`),
    api(`/orders/${encodeURIComponent(id)}`).then(
      (r) => r.body,
      () => undefined,
    ),
  ]);
  if (!context.isCurrent()) return;
  const number = detail?.source?.externalOrderNumber ?? detail?.externalOrderNumber ?? id;
  const entries = timeline.entries ?? [];
  replace(
    container,
    h('p', {}, h('a', { href: '#/orders' }, `← ${t('orders.title')}`)),
    h('h1', {}, t('order.title', { number })),
    detail
      ? h(
          'dl',
          { class: 'facts' },
          h('dt', {}, t('orders.col.status')),
          h('dd', {}, badge(detail.status, statusTone(detail.status))),
          h('dt', {}, t('orders.col.source')),
          h('dd', {}, detail.source?.connection ?? '—'),
          h('dt', {}, t('orders.col.total')),
          h('dd', {}, money(detail.totalPaid ?? detail.amounts?.totalPaid)),
        )
      : null,
    h('h2', {}, t('order.timeline')),
    entries.length === 0
      ? h('p', { class: 'empty' }, t('order.noTimeline'))
      : h(
          'ol',
          { class: 'timeline', 'data-testid': 'timeline' },
          entries.map((entry) => h('li', { class: `entry ${entry.kind}` }, ...timelineEntry(entry).map((part) => h('span', {}, part)))),
        ),
  );
}
