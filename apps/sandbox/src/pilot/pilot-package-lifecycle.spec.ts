import { SandboxClock } from '../core/sandbox-clock';
import { SandboxEventMap, SandboxEvents } from '../core/sandbox-events';
import { envoyOrderBody } from '../envoy/testing/envoy-order-body.builder';
import { SandboxUnderTest, startSandboxUnderTest } from '../testing/sandbox-under-test';
import type { PackageView, StockView } from './pilot-inspection.controller';
import type { PilotInventoryResponse, PilotListResponse, PilotPackageRecord } from './pilot.wire';

const CARRIER = 'samarkand.sfexpress.test';
const STORE = 'samarkand.youzan.test';
const KEY = { 'x-ca-key': 'demo-ca-key' };
const STEP = 15_000;

describe('Pilot simulator: the 3PL at work', () => {
  let sb: SandboxUnderTest;
  let clock: SandboxClock;

  beforeAll(async () => {
    sb = await startSandboxUnderTest({ packageStepMs: STEP, envoyStores: [STORE] });
    clock = sb.app.get(SandboxClock);
  });
  afterAll(() => sb.close());

  const createEnvoyOrder = async (ref: string, sku: string, quantity: number) => {
    const res = await sb.inject({
      method: 'POST',
      url: `/envoy/order/${STORE}`,
      headers: KEY,
      payload: envoyOrderBody(ref, {}, sku, quantity),
    });
    expect(res.statusCode).toBe(200);
  };
  const pkg = async (code: string) => (await sb.inject({ url: `/_sandbox/pilot/packages/${code}` })).json<PackageView>();
  const stock = async (id: string) => (await sb.inject({ url: `/_sandbox/pilot/stock/${id}` })).json<StockView>();
  const apiStock = async (warehouseGoodsNo: string) =>
    (
      await sb.inject({ url: `/pilot/inventory/product/${CARRIER}`, headers: KEY, query: { warehouse_goods_no: warehouseGoodsNo } })
    ).json<PilotInventoryResponse>().products[0];

  it('turns an order created at Envoy into an UNPROCESSED package for the first carrier', async () => {
    await createEnvoyOrder('P-NEW', 'SKU-000001', 1);
    expect(await pkg('P-NEW')).toMatchObject({
      carrier: CARRIER,
      store: STORE,
      status: 'UNPROCESSED',
      trackingReference: '',
      items: [{ skuNumber: 'SKU-000001', quantity: 1 }],
    });
    const listed = (await sb.inject({ url: `/pilot/freight-forward/${CARRIER}`, headers: KEY, query: { status: 'UNPROCESSED' } })).json<
      PilotListResponse<PilotPackageRecord>
    >();
    expect(listed.data.map((p) => p.deliveryOrderCode)).toContain('P-NEW');
  });

  it('moves a package one step per packageStepMs: PACKED with an SF waybill, PROCESSED, then SHIPPED', async () => {
    await createEnvoyOrder('P-STEP', 'SKU-000002', 1);
    // The sandbox clock also follows the wall clock, so stay a second clear of the step.
    clock.advance(STEP - 1000);
    expect((await pkg('P-STEP')).status).toBe('UNPROCESSED');
    clock.advance(1000);
    const packed = await pkg('P-STEP');
    expect(packed).toMatchObject({
      status: 'PACKED',
      logisticsCode: 'SF',
      logisticsName: '顺丰速运',
      trackingReference: expect.stringMatching(/^SF\d{12}$/),
    });
    clock.advance(STEP);
    expect((await pkg('P-STEP')).status).toBe('PROCESSED');
    clock.advance(STEP);
    const shipped = await pkg('P-STEP');
    expect(shipped.status).toBe('SHIPPED');
    expect(Date.parse(shipped.shippedAt) - Date.parse(shipped.packedAt)).toBe(2 * STEP);
    expect(shipped.nextStepAt).toBeNull();
  });

  it('moves several steps at once when the clock jumps, stamping each step at its due time', async () => {
    await createEnvoyOrder('P-JUMP', 'SKU-000003', 1);
    const created = Date.parse((await pkg('P-JUMP')).createdAt);
    clock.advance(10 * STEP);
    const jumped = await pkg('P-JUMP');
    expect(jumped.status).toBe('SHIPPED');
    expect([jumped.packedAt, jumped.processedAt, jumped.shippedAt].map((t) => Date.parse(t) - created)).toEqual([STEP, 2 * STEP, 3 * STEP]);
  });

  it('reserves stock at PACKED and deducts it at SHIPPED, in the inventory API as strings', async () => {
    const before = await stock('SKU-000004');
    await createEnvoyOrder('P-STOCK', 'SKU-000004', 3);
    clock.advance(STEP);
    expect(await stock('SKU-000004')).toMatchObject({ onHand: before.onHand, reserved: 3, usable: before.onHand - 3 });
    expect(await apiStock(before.warehouseGoodsNo)).toMatchObject({
      totalNum: String(before.onHand),
      usableNum: String(before.onHand - 3),
    });
    clock.advance(2 * STEP);
    expect(await stock('SKU-000004')).toMatchObject({ onHand: before.onHand - 3, reserved: 0, usable: before.onHand - 3 });
    expect(await apiStock(before.warehouseGoodsNo)).toMatchObject({
      totalNum: String(before.onHand - 3),
      usableNum: String(before.onHand - 3),
    });
  });

  it('tells the order system when a package ships, which then awaits and records the buyer confirmation', async () => {
    const shipped: SandboxEventMap['pilot.package.shipped'][] = [];
    const stop = sb.app.get(SandboxEvents).on('pilot.package.shipped', (e) => shipped.push(e));
    await createEnvoyOrder('P-ENVOY', 'SKU-000005', 2);
    clock.advance(3 * STEP);
    stop();
    const tracking = (await pkg('P-ENVOY')).trackingReference;
    expect(shipped).toEqual([
      {
        carrier: CARRIER,
        deliveryOrderCode: 'P-ENVOY',
        trackingNumber: tracking,
        logisticsCode: 'SF',
        lines: [{ sku: 'SKU-000005', quantity: 2 }],
      },
    ]);
    const order = async () => (await sb.inject({ url: `/_sandbox/envoy/stores/${STORE}/orders/P-ENVOY` })).json();
    expect(await order()).toMatchObject({ status: 'WAIT_BUYER_CONFIRM_GOODS', trackingReference: tracking, expressCompany: 'SF' });
    clock.advance(2 * STEP);
    expect(await order()).toMatchObject({ status: 'TRADE_SUCCESS' });
  });

  it('keeps a package UNPROCESSED while stock is short, and packs it when a purchase order is received one step later', async () => {
    const item = await stock('SKU-000006');
    await sb.inject({ method: 'POST', url: '/_sandbox/pilot/stock/SKU-000006', payload: { onHand: 1 } });
    await createEnvoyOrder('P-SHORT', 'SKU-000006', 5);
    clock.advance(3 * STEP);
    expect(await pkg('P-SHORT')).toMatchObject({ status: 'UNPROCESSED', waitingForStock: true });
    const purchase = await sb.inject({
      method: 'POST',
      url: `/pilot/inventory/purchase/${CARRIER}`,
      headers: KEY,
      payload: { warehouseGoodsNo: item.warehouseGoodsNo, purchaseOrderNo: 'PO-REFILL', goodsNum: 10 },
    });
    expect(purchase.json<PilotInventoryResponse>().purchases[0]).toMatchObject({ poOrderStatus: 'CREATED', storageStatus: 'NOT_STORED' });
    clock.advance(STEP);
    const received = (
      await sb.inject({ url: `/pilot/inventory/purchase/${CARRIER}`, headers: KEY, query: { purchase_order_no: 'PO-REFILL' } })
    ).json<PilotInventoryResponse>();
    expect(received.purchases[0]).toMatchObject({
      poOrderStatus: 'COMPLETED',
      storageStatus: 'STORED',
      poItems: [{ realInstoreQty: '10', qualifiedQty: '10' }],
    });
    expect(await pkg('P-SHORT')).toMatchObject({ status: 'PACKED', waitingForStock: false });
    expect(await stock('SKU-000006')).toMatchObject({ onHand: 11, reserved: 5, usable: 6 });
  });

  it('does not add defective goods of a purchase order to sellable stock', async () => {
    const item = await stock('SKU-000007');
    await sb.inject({
      method: 'POST',
      url: `/pilot/inventory/purchase/${CARRIER}`,
      headers: KEY,
      payload: { warehouseGoodsNo: item.warehouseGoodsNo, purchaseOrderNo: 'PO-BROKEN', goodsNum: 4, goodsStatus: 'DEFECTIVE' },
    });
    clock.advance(STEP);
    expect((await stock('SKU-000007')).onHand).toBe(item.onHand);
  });

  it('releases reserved stock when a packed package is cancelled, and refuses to cancel a shipped one', async () => {
    const before = await stock('SKU-000008');
    await sb.inject({
      method: 'POST',
      url: '/_sandbox/pilot/packages',
      payload: { deliveryOrderCode: 'P-CANCEL', lines: [{ sku: 'SKU-000008', quantity: 2 }] },
    });
    await sb.inject({ method: 'POST', url: '/_sandbox/pilot/packages/P-CANCEL/status', payload: { status: 'PACKED' } });
    expect((await stock('SKU-000008')).reserved).toBe(2);
    const cancelled = await sb.inject({ method: 'POST', url: '/_sandbox/pilot/packages/P-CANCEL/cancel' });
    expect(cancelled.json()).toMatchObject({ status: 'CANCEL', cancelledAt: expect.any(String) });
    expect(await stock('SKU-000008')).toMatchObject({ onHand: before.onHand, reserved: 0 });
    expect((await sb.inject({ method: 'POST', url: '/_sandbox/pilot/packages/P-JUMP/cancel' })).statusCode).toBe(409);
  });

  it('forces a planted package straight to SHIPPED with a planted tracking number that QUERY_WAYBILL finds', async () => {
    await sb.inject({
      method: 'POST',
      url: '/_sandbox/pilot/packages',
      payload: { deliveryOrderCode: 'P-FORCE', trackingReference: 'SF1035215690597', lines: [{ sku: 'SKU-000009', quantity: 1 }] },
    });
    expect(
      (await sb.inject({ method: 'POST', url: '/_sandbox/pilot/packages/P-FORCE/status', payload: { status: 'SHIPPED' } })).json(),
    ).toMatchObject({ status: 'SHIPPED' });
    const found = (
      await sb.inject({
        method: 'POST',
        url: `/pilot/freight-forward/${CARRIER}`,
        headers: KEY,
        payload: { operation: 'QUERY_WAYBILL', itemKeys: ['SF1035215690597'] },
      })
    ).json<PilotListResponse<PilotPackageRecord>>();
    expect(found).toMatchObject({
      code: 200,
      total: 1,
      data: [{ deliveryOrderCode: 'P-FORCE', status: 'SHIPPED', labelUrl: expect.stringContaining('SF1035215690597') }],
    });
    expect(
      (await sb.inject({ method: 'POST', url: '/_sandbox/pilot/packages/P-FORCE/status', payload: { status: 'PACKED' } })).statusCode,
    ).toBe(409);
  });

  it('pages QueryFreightForward by status and created_range', async () => {
    const from = clock.now().toISOString();
    for (const code of ['P-PAGE-1', 'P-PAGE-2', 'P-PAGE-3']) {
      await sb.inject({
        method: 'POST',
        url: '/_sandbox/pilot/packages',
        payload: { deliveryOrderCode: code, lines: [{ sku: 'SKU-000010', quantity: 1 }] },
      });
      clock.advance(1000);
    }
    const range = `${from}/${clock.now().toISOString()}`;
    const page = async (no: string) =>
      (
        await sb.inject({
          url: `/pilot/freight-forward/${CARRIER}`,
          headers: KEY,
          query: { status: 'ALL', created_range: range, page_no: no, page_size: '1' },
        })
      ).json<PilotListResponse<PilotPackageRecord>>();
    expect((await page('1')).total).toBe(3);
    expect([(await page('1')).data[0]?.deliveryOrderCode, (await page('3')).data[0]?.deliveryOrderCode]).toEqual(['P-PAGE-1', 'P-PAGE-3']);
    expect((await page('4')).data).toEqual([]);
  });
});
