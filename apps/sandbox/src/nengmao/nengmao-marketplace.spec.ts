import { SandboxCatalog } from '../core/sandbox-catalog';
import { SandboxClock } from '../core/sandbox-clock';
import { SandboxUnderTest, startSandboxUnderTest } from '../testing/sandbox-under-test';
import { parseDecimalToCents } from './nengmao-money';
import { formatNengmaoTime } from './nengmao-time';
import { callNengmao, inspect } from './testing/nengmao-test-client';

interface WireOrder {
  orderSn: string;
  status: string;
  orderAmount: number;
  shippingFee: number;
  discountAmountSum: number;
  createTime: string;
  orderGoods: { sku: string; qty: number; saleAmount: number; subOrderTaxFee: number; tagPrice: number }[];
}

function cents(value: number): number {
  return parseDecimalToCents(String(value)) ?? Number.NaN;
}

async function listAll(sb: SandboxUnderTest, path: string, body: Record<string, unknown>): Promise<WireOrder[]> {
  const orders: WireOrder[] = [];
  for (let pageNo = 1; ; pageNo += 1) {
    const answer = await callNengmao(sb, path, { ...body, pageNo, pageSize: 100 });
    const page = answer.data as WireOrder[];
    orders.push(...page);
    if (page.length < 100) return orders;
  }
}

function ship(order: { orderSn: string; lines: { sku: string; qty: number }[] }, expressNo = `SF${order.orderSn.slice(-8)}`) {
  return {
    shipOrderList: [{ orderSn: order.orderSn, shipTime: '2026-01-01 10:00:00', expressCompany: 'sf', expressNo, goodsList: order.lines }],
  };
}

describe('the simulated Nengmao marketplace', () => {
  let sb: SandboxUnderTest;
  let clock: SandboxClock;

  beforeAll(async () => {
    sb = await startSandboxUnderTest({ initialOrders: 120, seed: 11 });
    clock = sb.app.get(SandboxClock);
  });

  afterAll(async () => {
    await sb.close();
  });

  it('seeds the configured orders, paid and awaiting retrieval, with catalogue SKUs', async () => {
    const orders = await listAll(sb, '/nengmao/api/order/list', { orderType: 'Y', orderStatus: 1 });
    expect(orders).toHaveLength(120);
    const catalog = sb.app.get(SandboxCatalog);
    for (const order of orders) for (const line of order.orderGoods) expect(catalog.find(line.sku)).toBeDefined();
    expect((await callNengmao(sb, '/tmg/api/order/list', {})).total).toBe(120);
  });

  it('builds the same orders from the same seed', async () => {
    const twin = await startSandboxUnderTest({ initialOrders: 120, seed: 11 });
    try {
      const mine = await callNengmao(sb, '/nengmao/api/order/list', { pageSize: 5 });
      const theirs = await callNengmao(twin, '/nengmao/api/order/list', { pageSize: 5 });
      const numbers = (answer: { data: unknown }) =>
        (answer.data as WireOrder[]).map((o) => [o.orderSn, o.orderAmount, o.orderGoods.length]);
      expect(numbers(theirs)).toEqual(numbers(mine));
    } finally {
      await twin.close();
    }
  });

  it('makes amounts add up: lines plus shipping make the order total, tag prices minus discount too', async () => {
    for (const order of await listAll(sb, '/nengmao/api/order/list', {})) {
      // Brand saleAmount is per unit (doc §7.1); the tax fee is per line.
      const paid = order.orderGoods.reduce((sum, l) => sum + cents(l.saleAmount) * l.qty + cents(l.subOrderTaxFee), 0);
      const tags = order.orderGoods.reduce((sum, l) => sum + cents(l.tagPrice) * l.qty, 0);
      expect(paid + cents(order.shippingFee)).toBe(cents(order.orderAmount));
      expect(tags - cents(order.discountAmountSum) + cents(order.shippingFee)).toBe(cents(order.orderAmount));
    }
  });

  it('pages through a list to its last page', async () => {
    const sizes: number[] = [];
    const seen = new Set<string>();
    for (let pageNo = 1; pageNo <= 15; pageNo += 1) {
      const answer = await callNengmao(sb, '/tmg/api/order/list', { pageNo, pageSize: 9 });
      expect(answer.total).toBe(120);
      const page = answer.data as WireOrder[];
      sizes.push(page.length);
      for (const o of page) seen.add(o.orderSn);
    }
    expect(sizes).toEqual([...Array<number>(13).fill(9), 3, 0]);
    expect(seen.size).toBe(120);
  });

  it('moves a confirmed order from orderType Y to N', async () => {
    const [first] = (await callNengmao(sb, '/nengmao/api/order/list', { pageSize: 1 })).data as WireOrder[];
    const orderSn = first?.orderSn ?? '';
    const confirmed = await callNengmao(sb, '/nengmao/api/status/confirmation', { orderSnList: [orderSn] });
    expect(confirmed.data).toEqual({
      orderResult: { successList: [orderSn], failureList: [] },
      returnResult: { successList: [], failureList: [] },
    });
    expect((await listAll(sb, '/nengmao/api/order/list', { orderType: 'Y' })).map((o) => o.orderSn)).not.toContain(orderSn);
    expect((await listAll(sb, '/nengmao/api/order/list', { orderType: 'N' })).map((o) => o.orderSn)).toContain(orderSn);
    const seen = await inspect(sb, `/_sandbox/nengmao/orders/${orderSn}`);
    expect(seen).toMatchObject({ orderType: 'N', confirmationCount: 1, status: 1 });
  });

  it('filters by create-time window in GMT+8', async () => {
    const planted = await inspect<{ orderSn: string }>(sb, '/_sandbox/nengmao/orders', { createTime: '2024-02-29 23:59:59' });
    const inside = await callNengmao(sb, '/nengmao/api/order/list', {
      startCreateTime: '2024-02-29 00:00:00',
      endCreateTime: '2024-02-29 23:59:59',
    });
    expect((inside.data as WireOrder[]).map((o) => [o.orderSn, o.createTime])).toEqual([[planted.orderSn, '2024-02-29 23:59:59']]);
    const after = await callNengmao(sb, '/nengmao/api/order/list', {
      startCreateTime: '2024-03-01 00:00:00',
      endCreateTime: '2024-03-01 23:59:59',
    });
    expect(after.total).toBe(0);
  });

  it('records shipments with courier and tracking number, and shows them in a modify-time window', async () => {
    const order = await inspect<{ orderSn: string; lines: { sku: string; qty: number }[] }>(sb, '/_sandbox/nengmao/orders', {});
    const before = formatNengmaoTime(clock.nowMs());
    clock.advance(60_000);
    expect((await callNengmao(sb, '/nengmao/api/order/ship', ship(order, 'SF1234567890'))).errorCode).toBe(200);
    const seen = await inspect<Record<string, unknown>>(sb, `/_sandbox/nengmao/orders/${order.orderSn}`);
    expect(seen).toMatchObject({ status: 2, shipCalls: 1, shipments: [{ expressCompany: 'sf', expressNo: 'SF1234567890' }] });
    expect((seen.wire as { shippingStatus: string }).shippingStatus).toBe('shipped(已发货)');
    const shipments = await inspect<{ orderSn: string; shipments: { expressNo: string }[] }[]>(sb, '/_sandbox/nengmao/shipments');
    expect(shipments.find((s) => s.orderSn === order.orderSn)?.shipments[0]?.expressNo).toBe('SF1234567890');
    const changed = await callNengmao(sb, '/nengmao/api/order/list', {
      orderStatus: 2,
      startModifyTime: before,
      endModifyTime: formatNengmaoTime(clock.nowMs()),
    });
    expect((changed.data as WireOrder[]).map((o) => o.orderSn)).toContain(order.orderSn);
    const earlier = await callNengmao(sb, '/nengmao/api/order/list', { orderStatus: 2, endModifyTime: before });
    expect((earlier.data as WireOrder[]).map((o) => o.orderSn)).not.toContain(order.orderSn);
  });

  it('ships part of an order (status 7) and then the rest (status 2)', async () => {
    await inspect(sb, '/_sandbox/nengmao/skus', { sku: 'PART-A' });
    const order = await inspect<{ orderSn: string }>(sb, '/_sandbox/nengmao/orders', { lines: [{ sku: 'PART-A', qty: 3 }] });
    const part = { orderSn: order.orderSn, lines: [{ sku: 'PART-A', qty: 1 }] };
    await callNengmao(sb, '/nengmao/api/order/ship', ship(part, 'T1'));
    expect((await inspect(sb, `/_sandbox/nengmao/orders/${order.orderSn}`)).status).toBe(7);
    await callNengmao(sb, '/nengmao/api/order/ship', ship({ orderSn: order.orderSn, lines: [{ sku: 'PART-A', qty: 2 }] }, 'T2'));
    expect(await inspect(sb, `/_sandbox/nengmao/orders/${order.orderSn}`)).toMatchObject({ status: 2, shipCalls: 2 });
  });

  it('settles a buyer cancellation request with cancelConfirm: 20 refuses, 10 cancels', async () => {
    const order = await inspect<{ orderSn: string }>(sb, '/_sandbox/nengmao/orders', {});
    await inspect(sb, `/_sandbox/nengmao/orders/${order.orderSn}/cancellation-request`, {});
    const pending = await callNengmao(sb, '/nengmao/api/order/list', { orderStatus: 4 });
    expect((pending.data as WireOrder[]).map((o) => [o.orderSn, o.status])).toContainEqual([order.orderSn, '4']);
    await callNengmao(sb, '/nengmao/api/order/cancelConfirm', { cancelList: [{ orderSn: order.orderSn, status: 20, message: '已发货' }] });
    expect((await inspect(sb, `/_sandbox/nengmao/orders/${order.orderSn}`)).status).toBe(1);
    await inspect(sb, `/_sandbox/nengmao/orders/${order.orderSn}/cancellation-request`, {});
    await callNengmao(sb, '/nengmao/api/order/cancelConfirm', { cancelList: [{ orderSn: order.orderSn, status: '10' }] });
    expect((await inspect(sb, `/_sandbox/nengmao/orders/${order.orderSn}`)).status).toBe(3);
  });

  it('cancels part of an order by brand (status 5) and the whole of it (status 3)', async () => {
    await inspect(sb, '/_sandbox/nengmao/skus', { sku: 'PART-B' });
    await inspect(sb, '/_sandbox/nengmao/skus', { sku: 'PART-C' });
    const order = await inspect<{ orderSn: string }>(sb, '/_sandbox/nengmao/orders', {
      lines: [
        { sku: 'PART-B', qty: 1 },
        { sku: 'PART-C', qty: 1 },
      ],
    });
    const cancel = (sku: string) => ({
      cancelList: [{ orderSn: order.orderSn, status: 10, message: '缺货', goodsList: [{ sku, qty: 1 }] }],
    });
    await callNengmao(sb, '/nengmao/api/order/cancelbybrand', cancel('PART-B'));
    expect((await inspect(sb, `/_sandbox/nengmao/orders/${order.orderSn}`)).status).toBe(5);
    await callNengmao(sb, '/nengmao/api/order/cancelbybrand', cancel('PART-C'));
    expect((await inspect(sb, `/_sandbox/nengmao/orders/${order.orderSn}`)).status).toBe(3);
  });

  it('reads back stock written through the API, full then incremental, with its modify time', async () => {
    const from = formatNengmaoTime(clock.advance(1000).getTime());
    await callNengmao(sb, '/nengmao/api/stocks/update', { updateType: 0, skuList: [{ sku: 'SKU-000002', stocks: 40 }] });
    await callNengmao(sb, '/nengmao/api/stocks/update', { updateType: 1, skuList: [{ sku: 'SKU-000002', stocks: -15 }] });
    const answer = await callNengmao(sb, '/nengmao/api/stocks/list', {
      startModifyTime: from,
      endModifyTime: formatNengmaoTime(clock.nowMs()),
    });
    // The clock follows wall time: on a busy machine a second may pass between write and read.
    const [stock] = answer.data as { sku: string; stocks: number; lastModifyTime: string }[];
    expect([(answer.data as unknown[]).length, stock?.sku, stock?.stocks]).toEqual([1, 'SKU-000002', 25]);
    expect(stock?.lastModifyTime >= from && (stock?.lastModifyTime ?? '') <= formatNengmaoTime(clock.nowMs())).toBe(true);
    expect(await inspect(sb, '/_sandbox/nengmao/stocks/SKU-000002')).toMatchObject({ stocks: 25, updates: 2 });
    const goods = await callNengmao(sb, '/nengmao/api/goods/list', { skuList: ['SKU-000002'] });
    const skus = (goods.data as { skuList: { sku: string; inventory: number }[] }[])[0]?.skuList;
    expect(skus?.find((s) => s.sku === 'SKU-000002')?.inventory).toBe(25);
  });

  it('reads back prices written through the API', async () => {
    const before = formatNengmaoTime(clock.nowMs());
    await callNengmao(sb, '/nengmao/api/price/update', { skuList: [{ sku: 'SKU-000003', salePrice: 199.9, isDiscount: 'true' }] });
    const answer = await callNengmao(sb, '/nengmao/api/price/list', { skuList: ['SKU-000003'] });
    const [price] = answer.data as { sku: string; price: number; lastModifyTime: string }[];
    expect([(answer.data as unknown[]).length, price?.sku, price?.price]).toEqual([1, 'SKU-000003', 199.9]);
    expect((price?.lastModifyTime ?? '') >= before && (price?.lastModifyTime ?? '') <= formatNengmaoTime(clock.nowMs())).toBe(true);
    expect(await inspect(sb, '/_sandbox/nengmao/prices/SKU-000003')).toMatchObject({ salePrice: 199.9, isDiscount: 'true', updates: 1 });
  });

  it('creates TMG orders through the sandbox-only order/create, awaiting retrieval', async () => {
    await inspect(sb, '/_sandbox/tmg/skus', { sku: 'TMG-1', stocks: 10 });
    const order = {
      orderSn: '300000000000000001',
      orderAccount: 'acc',
      orderAmount: 20,
      shippingFee: 0,
      discountAmountSum: 0,
      consignee: '李娜',
      country: '中国',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      address: '文三路1号',
      zipcode: '310012',
      telephone: '13900000000',
      mobile: '13900000000',
      platform: 'TM',
      paymentSn: 'P1',
      paymentType: 'alipay',
      createTime: formatNengmaoTime(clock.nowMs()),
      payTime: formatNengmaoTime(clock.nowMs()),
      orderGoods: [{ upcCode: '', sku: 'TMG-1', internalId: '', saleAmount: 20, tagPrice: 25, qty: 2 }],
    };
    expect((await callNengmao(sb, '/tmg/api/order/create', [order])).errorCode).toBe(200);
    const listed = await listAll(sb, '/tmg/api/order/list', {});
    expect(listed.map((o) => o.orderSn)).toContain('300000000000000001');
    expect(await inspect(sb, '/_sandbox/tmg/stocks/TMG-1')).toMatchObject({ stocks: 8 });
  });

  it('brings back a share of delivered orders as returns within 72 hours', async () => {
    const before = (await inspect<{ returns: number }>(sb, '/_sandbox/nengmao/counts')).returns;
    for (let i = 0; i < 100; i += 1) {
      const order = await inspect<{ orderSn: string; lines: { sku: string; qty: number }[] }>(sb, '/_sandbox/nengmao/orders', {});
      await callNengmao(sb, '/nengmao/api/order/ship', ship(order));
    }
    clock.advance(73 * 60 * 60_000);
    const returns = (await inspect<{ returns: number }>(sb, '/_sandbox/nengmao/counts')).returns - before;
    expect(returns).toBeGreaterThan(0);
    expect(returns).toBeLessThan(20);
  });

  it('lists returns and moves them from returnType Y to N on confirmation', async () => {
    const order = await inspect<{ orderSn: string; lines: { sku: string; qty: number }[] }>(sb, '/_sandbox/nengmao/orders', {});
    await callNengmao(sb, '/nengmao/api/order/ship', ship(order));
    const created = await inspect<{ returnSn: string }>(sb, `/_sandbox/nengmao/orders/${order.orderSn}/returns`, {});
    const window = { startCreateTime: formatNengmaoTime(clock.nowMs() - 60_000), endCreateTime: formatNengmaoTime(clock.nowMs()) };
    const listed = await callNengmao(sb, '/nengmao/api/return/list', { ...window, returnStatus: 1 });
    expect((listed.data as { returnSn: string; orderSn: string }[]).map((r) => [r.returnSn, r.orderSn])).toContainEqual([
      created.returnSn,
      order.orderSn,
    ]);
    await callNengmao(sb, '/nengmao/api/status/confirmation', { returnSnList: [created.returnSn] });
    const after = await callNengmao(sb, '/nengmao/api/return/list', { ...window, returnType: 'N' });
    expect((after.data as { returnSn: string }[]).map((r) => r.returnSn)).toContain(created.returnSn);
    expect(await inspect(sb, `/_sandbox/nengmao/returns/${created.returnSn}`)).toMatchObject({ returnType: 'N', confirmationCount: 1 });
  });
});

describe('the marketplace while running', () => {
  it('creates orders at the configured rate as the clock advances, some later asking to cancel', async () => {
    const started = Date.now();
    const sb = await startSandboxUnderTest({ orderRatePerMinute: 60, seed: 3 });
    // The clock also follows wall time: each real second that passes on a busy machine may add one
    // order (60 a minute) to what the advances create.
    const expectAbout = (actual: number | undefined, advanced: number): void => {
      expect(actual).toBeGreaterThanOrEqual(advanced);
      expect(actual).toBeLessThanOrEqual(advanced + Math.ceil((Date.now() - started) / 1000) + 1);
    };
    try {
      const clock = sb.app.get(SandboxClock);
      clock.advance(10 * 60_000);
      expectAbout((await callNengmao(sb, '/nengmao/api/order/list', {})).total, 600);
      expectAbout((await callNengmao(sb, '/tmg/api/order/list', {})).total, 600);
      clock.advance(60 * 60_000);
      const counts = await inspect<{ orders: number; ordersByStatus: Record<string, number> }>(sb, '/_sandbox/nengmao/counts');
      expectAbout(counts.orders, 4200);
      expect(counts.ordersByStatus['4']).toBeGreaterThan(40);
      expect(counts.ordersByStatus['4']).toBeLessThan(200);
    } finally {
      await sb.close();
    }
  });
});
