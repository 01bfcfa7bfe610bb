import { api } from '../api.js';
import { horizontalBars, stackedColumns } from '../charts.js';
import { badge, h, replace, table } from '../dom.js';
import { t } from '../i18n.js';

const HOURS = 24;

function hourLabel(iso) {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:00`;
}

/** Every hour of the window, so quiet hours show as gaps rather than vanishing. */
function hoursOf(since, generatedAt) {
  const hours = [];
  const start = new Date(since);
  start.setMinutes(0, 0, 0);
  for (let at = start.getTime(); at <= new Date(generatedAt).getTime(); at += 3_600_000) hours.push(new Date(at).toISOString());
  return hours;
}

export async function dashboardPage(container, _params, context) {
  const { body } = await api(`/dashboard?hours=${HOURS}`);
  if (!context.isCurrent()) return;
  const hours = hoursOf(body.since, body.generatedAt);
  const sources = [...new Set(body.ordersPerHour.map((r) => r.source))].sort();
  const countAt = (source, hour) =>
    body.ordersPerHour
      .filter((r) => r.source === source && new Date(r.hour).getTime() === new Date(hour).getTime())
      .reduce((s, r) => s + r.orders, 0);
  const ordersChart =
    body.ordersPerHour.length === 0
      ? h('p', { class: 'empty' }, t('dashboard.noOrders'))
      : stackedColumns({
          title: t('dashboard.ordersPerHour', { hours: HOURS }),
          x: hours.map(hourLabel),
          series: sources.map((source) => ({ name: source, values: hours.map((hour) => countAt(source, hour)) })),
        });
  const providers = body.providers;
  const breakerTone = (state) => (state === 'open' ? 'bad' : state === 'half_open' ? 'warn' : state === 'closed' ? 'good' : 'neutral');
  replace(
    container,
    h('h1', {}, t('nav.dashboard')),
    h(
      'div',
      { class: 'tiles' },
      h(
        'a',
        { class: `tile ${body.deadLetters > 0 ? 'bad' : 'good'}`, href: '#/dead-letters', 'data-testid': 'dead-letters-tile' },
        h('strong', {}, String(body.deadLetters)),
        h('span', {}, t('dashboard.deadLetters')),
      ),
      ...providers.map((p) =>
        h('div', { class: 'tile' }, h('span', {}, p.connection), badge(`${t('dashboard.breaker')}: ${p.breaker}`, breakerTone(p.breaker))),
      ),
    ),
    h('section', { class: 'card' }, h('h2', {}, t('dashboard.ordersPerHour', { hours: HOURS })), ordersChart),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('dashboard.failureRate')),
        providers.length === 0
          ? h('p', { class: 'empty' }, t('dashboard.noProviders'))
          : horizontalBars({
              title: t('dashboard.failureRate'),
              max: 1,
              items: providers.map((p) => ({
                label: p.connection,
                value: p.deliveryFailureRate,
                tone: p.deliveryFailureRate > 0.05 ? 'bad' : 'good',
              })),
              format: (v) => `${(v * 100).toFixed(1)} %`,
            }),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('dashboard.latency')),
        providers.length === 0
          ? h('p', { class: 'empty' }, t('dashboard.noProviders'))
          : horizontalBars({
              title: t('dashboard.latency'),
              items: providers.map((p) => ({ label: p.connection, value: p.p95LatencyMs ?? 0 })),
              format: (v) => `${v} ms`,
            }),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('dashboard.deliveryLatency')),
        providers.length === 0
          ? h('p', { class: 'empty' }, t('dashboard.noProviders'))
          : horizontalBars({
              title: t('dashboard.deliveryLatency'),
              items: providers.map((p) => ({ label: p.connection, value: p.p95DeliveryLatencyMs ?? 0 })),
              format: (v) => `${v} ms`,
            }),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('dashboard.syncLag')),
      body.sync.length === 0
        ? h('p', { class: 'empty' }, t('dashboard.noSync'))
        : horizontalBars({
            title: t('dashboard.syncLag'),
            items: body.sync.map((s) => ({
              label: `${s.connection} · ${s.stream}`,
              value: s.lagSeconds ?? 0,
              tone: s.lastError ? 'bad' : (s.lagSeconds ?? 0) > 600 ? 'warn' : 'good',
            })),
            format: (v) => `${v} s`,
          }),
      table(
        [
          { title: t('col.connection'), cell: (s) => s.connection },
          { title: t('col.stream'), cell: (s) => s.stream },
          { title: t('col.error'), cell: (s) => s.lastError ?? '—' },
        ],
        body.sync.filter((s) => s.lastError),
        '',
      ),
    ),
  );
}
