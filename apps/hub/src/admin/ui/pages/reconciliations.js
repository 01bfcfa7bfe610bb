import { api, nextCursorOf, rowsOf } from '../api.js';
import { badge, formatTime, h, replace, table } from '../dom.js';
import { t } from '../i18n.js';

/** The report kinds of libs/reports (REPORT_KINDS), in the order the issue lists them. */
const KINDS = [
  'order-presence',
  'shipment-confirmation',
  'status-mismatch',
  'amount-mismatch',
  'stock-drift',
  'price-drift',
  'return-handling',
];
const DISCREPANCY_STATES = ['open', 'recurring', 'repaired', 'accepted'];
const stateTone = (s) =>
  s === 'open' || s === 'recurring' || s === 'failed' ? 'bad' : s === 'repaired' || s === 'completed' ? 'good' : 'neutral';
const canWriteWith = (principal) => principal.scopes.some((s) => s === 'write' || s === 'admin');

const progressOf = (run) => {
  const p = run.progress ?? {};
  const pct = typeof p.percentage === 'number' ? `${Math.round(p.percentage)} %` : '';
  const eta = p.etaAt && (run.state === 'running' || run.state === 'queued') ? `ETA ${formatTime(p.etaAt)}` : '';
  return [t(`recon.state.${run.state}`), p.phase, pct, eta].filter(Boolean).join(' · ');
};

const showValue = (value) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function startForm(connections, status) {
  const day = (d) => d.toISOString().slice(0, 10);
  const now = new Date();
  const from = h('input', { type: 'date', name: 'from', value: day(new Date(now.getTime() - 7 * 86_400_000)), required: true });
  const to = h('input', { type: 'date', name: 'to', value: day(new Date(now.getTime() + 86_400_000)), required: true });
  const kindBoxes = KINDS.map((kind) => h('input', { type: 'checkbox', name: 'kind', value: kind, checked: true }));
  const connectionBoxes = connections.map((c) => h('input', { type: 'checkbox', name: 'connection', value: c.name, checked: c.enabled }));
  const form = h(
    'form',
    { class: 'card start-run', 'data-testid': 'start-run' },
    h('h2', {}, t('recon.start')),
    h(
      'fieldset',
      {},
      h('legend', {}, t('recon.kinds')),
      KINDS.map((kind, i) => h('label', { class: 'check' }, kindBoxes[i], ` ${t(`recon.kind.${kind}`)}`)),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('nav.connections')),
      connections.map((c, i) => h('label', { class: 'check' }, connectionBoxes[i], ` ${c.name}`)),
    ),
    h(
      'div',
      { class: 'filters' },
      h('label', {}, t('recon.from'), ' ', from),
      h('label', {}, t('recon.to'), ' ', to),
      h('button', { type: 'submit', class: 'primary' }, t('recon.start')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    const checked = (boxes) => boxes.filter((b) => b.checked).map((b) => b.value);
    try {
      const { body: run } = await api('/reconciliations', {
        method: 'POST',
        // Business days are China days: the window is read in GMT+8, as Nengmao speaks it.
        body: {
          kinds: checked(kindBoxes),
          connections: checked(connectionBoxes),
          from: `${from.value}T00:00:00+08:00`,
          to: `${to.value}T00:00:00+08:00`,
        },
      });
      location.hash = `#/reconciliations/${encodeURIComponent(run.id)}`;
    } catch (e) {
      status.textContent = e.status === 403 ? t('common.forbidden') : t('common.error', { message: e.message });
    }
  });
  return form;
}

export async function reconciliationsPage(container, _params, context) {
  const [{ body }, { body: connections }] = await Promise.all([api('/reconciliations?limit=50'), api('/connections')]);
  if (!context.isCurrent()) return;
  const status = h('p', { role: 'status', class: 'error' });
  replace(
    container,
    h('h1', {}, t('recon.title')),
    canWriteWith(context.principal) ? startForm(rowsOf(connections), status) : null,
    status,
    table(
      [
        { title: t('col.id'), cell: (r) => h('a', { href: `#/reconciliations/${encodeURIComponent(r.id)}` }, String(r.id).slice(0, 8)) },
        { title: t('recon.kinds'), cell: (r) => (r.kinds ?? []).map((k) => t(`recon.kind.${k}`)).join(', ') },
        { title: t('nav.connections'), cell: (r) => (r.connections ?? []).join(', ') },
        { title: t('recon.progress'), cell: (r) => badge(progressOf(r), stateTone(r.state)) },
        { title: t('recon.discrepancies'), numeric: true, cell: (r) => String(r.discrepancies ?? 0) },
        { title: t('col.at'), cell: (r) => formatTime(r.createdAt) },
      ],
      rowsOf(body),
      t('recon.empty'),
    ),
  );
}

export async function reconciliationPage(container, [id], context) {
  const base = `/reconciliations/${encodeURIComponent(id)}`;
  const canWrite = canWriteWith(context.principal);
  const kind = h(
    'select',
    { name: 'kind', 'aria-label': t('col.kind') },
    h('option', { value: '' }, t('orders.any')),
    KINDS.map((k) => h('option', { value: k }, t(`recon.kind.${k}`))),
  );
  const state = h(
    'select',
    { name: 'state', 'aria-label': t('col.state') },
    h('option', { value: '' }, t('orders.any')),
    DISCREPANCY_STATES.map((s) => h('option', { value: s }, t(`recon.state.${s}`))),
  );
  const header = h('div', {});
  const list = h('div', {});
  const status = h('p', { role: 'status', class: 'muted' });
  let refresh;

  const filterQuery = () => {
    const q = new URLSearchParams();
    if (kind.value) q.set('kind', kind.value);
    if (state.value) q.set('state', state.value);
    return q;
  };

  const exportLinks = () =>
    h(
      'p',
      { class: 'exports' },
      `${t('recon.export')}: `,
      ['csv', 'xlsx', 'jsonl'].map((format) => {
        const q = filterQuery();
        q.set('format', format);
        return [
          h(
            'a',
            { href: `/api/v1${base}/discrepancies/export?${q}`, download: '', 'data-testid': `export-${format}` },
            format.toUpperCase(),
          ),
          ' ',
        ];
      }),
    );

  const act = async (call, done) => {
    try {
      await call();
      status.textContent = done;
      await load();
    } catch (e) {
      status.textContent = e.status === 403 ? t('common.forbidden') : t('common.error', { message: e.message });
    }
  };

  const actions = (d) => {
    if (!canWrite || (d.state !== 'open' && d.state !== 'recurring')) return d.repairDeliveryId ? `→ #${d.repairDeliveryId}` : '';
    return h(
      'span',
      { class: 'actions' },
      d.repairAction
        ? h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-testid': 'repair',
              onclick: () =>
                void act(() => api(`${base}/discrepancies/${encodeURIComponent(d.id)}/repair`, { method: 'POST' }), t('recon.repaired')),
            },
            t('recon.repair'),
          )
        : null,
      ' ',
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            void act(() => api(`${base}/discrepancies/${encodeURIComponent(d.id)}/accept`, { method: 'POST' }), t('common.done')),
        },
        t('recon.accept'),
      ),
    );
  };

  const load = async () => {
    const q = filterQuery();
    q.set('limit', '100');
    const [{ body: run }, { body: page }] = await Promise.all([api(base), api(`${base}/discrepancies?${q}`)]);
    if (!context.isCurrent()) return;
    const running = run.state === 'running' || run.state === 'queued';
    replace(
      header,
      h('h1', {}, `${t('recon.title')} ${String(run.id).slice(0, 8)}`),
      h(
        'p',
        {},
        badge(progressOf(run), stateTone(run.state)),
        ' ',
        `${formatTime(run.from)} – ${formatTime(run.to)} · ${(run.connections ?? []).join(', ')}`,
        run.error ? h('span', { class: 'error' }, ` ${run.error}`) : null,
      ),
      canWrite && running
        ? h(
            'button',
            { type: 'button', onclick: () => void act(() => api(`${base}/cancel`, { method: 'POST' }), t('common.done')) },
            t('recon.cancelRun'),
          )
        : null,
      canWrite && !running
        ? h(
            'button',
            {
              type: 'button',
              'data-testid': 'repair-all',
              onclick: () =>
                void act(
                  () => api(`${base}/discrepancies/repair`, { method: 'POST', body: Object.fromEntries(filterQuery()) }),
                  t('recon.repaired'),
                ),
            },
            t('recon.repairAll'),
          )
        : null,
      exportLinks(),
    );
    replace(
      list,
      table(
        [
          { title: t('col.kind'), cell: (d) => h('span', { title: d.code }, t(`recon.kind.${d.kind}`)) },
          { title: t('col.connection'), cell: (d) => d.connection },
          { title: t('recon.entity'), cell: (d) => d.entityKey },
          { title: t('recon.expected'), cell: (d) => h('code', {}, showValue(d.expected)) },
          { title: t('recon.actual'), cell: (d) => h('code', {}, showValue(d.actual)) },
          { title: t('recon.atStake'), numeric: true, cell: (d) => (d.amountAtStake ? `${d.amountAtStake} ${d.currency ?? ''}` : '—') },
          { title: t('col.state'), cell: (d) => badge(t(`recon.state.${d.state}`), stateTone(d.state)) },
          { title: t('col.actions'), cell: actions },
        ],
        rowsOf(page),
        t('recon.noDiscrepancies'),
      ),
      nextCursorOf(page) ? h('p', { class: 'muted' }, t('recon.firstHundred')) : null,
    );
    clearTimeout(refresh);
    // A running reconciliation's progress is followed live.
    if (running) refresh = setTimeout(() => context.isCurrent() && void load(), 2000);
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
