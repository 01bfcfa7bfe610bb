import { ProviderErrorRegistry } from '../core/provider-errors';
import { SandboxUnderTest, startSandboxUnderTest } from '../testing/sandbox-under-test';
import type { PilotInventoryResponse, PilotListResponse } from './pilot.wire';

const CARRIER = 'samarkand.sfexpress.test';
const KEY = { 'x-ca-key': 'demo-ca-key' };
const LIST_ERROR = { data: [], total: 0 };
const INVENTORY_ERROR = { connectorResponses: [], products: [], purchases: [] };

describe('Pilot simulator: API and documented errors', () => {
  let sb: SandboxUnderTest;

  beforeAll(async () => {
    sb = await startSandboxUnderTest();
  });
  afterAll(() => sb.close());

  const get = (url: string, query: Record<string, string> = {}) => sb.inject({ url, headers: KEY, query });
  const send = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
    sb.inject({ method, url, headers: KEY, payload: payload as object });

  describe('authentication', () => {
    it.each([
      ['the list envelope', `/pilot/freight-forward/${CARRIER}`, LIST_ERROR],
      ['the inventory envelope', `/pilot/inventory/product/${CARRIER}`, INVENTORY_ERROR],
    ])('answers 401 in %s when x-ca-key is missing', async (_envelope, url, shape) => {
      const res = await sb.inject({ url });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 401, message: expect.stringContaining('x-ca-key'), ...shape });
    });

    it('answers 403 when x-ca-key is not a known key', async () => {
      const res = await sb.inject({ url: '/pilot/carriers/', headers: { 'x-ca-key': 'nope' } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ code: 403, message: expect.any(String), ...LIST_ERROR });
    });

    it('answers 401 on the callback in the callback envelope', async () => {
      const res = await sb.inject({ method: 'POST', url: '/pilot/callback/haiku', payload: { deliveryOrder: { deliveryOrderCode: 'X' } } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ success: 'false', errorcode: '401', errormsg: expect.any(String) });
    });
  });

  describe('carriers', () => {
    it('lists every configured carrier, with or without the trailing slash of the document', async () => {
      for (const url of ['/pilot/carriers/', '/pilot/carriers']) {
        const body = (await get(url)).json<PilotListResponse<{ carrier: string; logisticsCode: string }>>();
        expect(body).toMatchObject({ code: 200, total: 1, data: [{ carrier: CARRIER, logisticsCode: 'SF' }] });
      }
    });

    it('answers one carrier by name, and none for an unknown name', async () => {
      expect((await get('/pilot/carriers/', { carrier: CARRIER })).json()).toMatchObject({ total: 1 });
      expect((await get('/pilot/carriers/', { carrier: 'samarkand.dhl.test' })).json()).toMatchObject({ total: 0, data: [] });
    });
  });

  describe('documented 400 "Invalid input" on queries', () => {
    it.each([
      ['an unknown carrier', `/pilot/freight-forward/samarkand.nowhere.test`, {}, LIST_ERROR],
      ['a status outside UNPROCESSED…ALL', `/pilot/freight-forward/${CARRIER}`, { status: 'DELIVERED' }, LIST_ERROR],
      ['a page_size outside 1, 10, 50, 100, 1000', `/pilot/freight-forward/${CARRIER}`, { page_size: '20' }, LIST_ERROR],
      ['page_no 0', `/pilot/freight-forward/${CARRIER}`, { page_no: '0' }, LIST_ERROR],
      ['page_no 1001', `/pilot/freight-forward/${CARRIER}`, { page_no: '1001' }, LIST_ERROR],
      ['a created_range that is not an interval', `/pilot/freight-forward/${CARRIER}`, { created_range: 'yesterday' }, LIST_ERROR],
      ['an unknown stock_status', `/pilot/inventory/product/${CARRIER}`, { stock_status: 'BROKEN' }, INVENTORY_ERROR],
      ['an unknown stock_type', `/pilot/inventory/product/${CARRIER}`, { stock_type: '6' }, INVENTORY_ERROR],
      ['a page_size of 5', `/pilot/inventory/product/${CARRIER}`, { page_size: '5' }, INVENTORY_ERROR],
      ['an unknown carrier', `/pilot/inventory/product/samarkand.nowhere.test`, {}, INVENTORY_ERROR],
      ['no purchase_order_no', `/pilot/inventory/purchase/${CARRIER}`, {}, INVENTORY_ERROR],
    ])('refuses a query with %s', async (_what, url, query, shape) => {
      const res = await get(url, query);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 400, message: expect.stringMatching(/^Invalid input: /), ...shape });
    });

    it('accepts 1000 as page size and the numbered stock status of the description', async () => {
      expect((await get(`/pilot/freight-forward/${CARRIER}`, { status: 'ALL', page_size: '1000' })).statusCode).toBe(200);
      const products = (
        await get(`/pilot/inventory/product/${CARRIER}`, { stock_status: '1', page_size: '1000' })
      ).json<PilotInventoryResponse>();
      expect(products.products).toHaveLength(sb.settings.skus);
      expect(
        (await get(`/pilot/inventory/product/${CARRIER}`, { stock_status: 'DEFECTIVE' })).json<PilotInventoryResponse>().products,
      ).toEqual([]);
    });
  });

  describe('documented 400 "Invalid input" on bodies', () => {
    it.each([
      ['more than 100 itemKeys', { operation: 'QUERY_WAYBILL', itemKeys: Array.from({ length: 101 }, (_, i) => `SF${i}`) }],
      ['a pageSize above 100', { operation: 'QUERY_WAYBILL', pageSize: 101 }],
      ['a pageNo of 0', { operation: 'QUERY_PRODUCT', pageNo: 0 }],
      ['an unknown operation', { operation: 'CREATE_WAYBILL' }],
      ['itemKeys that are not strings', { itemKeys: [1, 2] }],
    ])('refuses FreightForward with %s', async (_what, body) => {
      const res = await send('POST', `/pilot/freight-forward/${CARRIER}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 400, message: expect.stringMatching(/^Invalid input: /), ...LIST_ERROR });
    });

    it('answers a malformed JSON body with 400 in the list envelope, not Nest default body', async () => {
      const res = await sb.inject({
        method: 'POST',
        url: `/pilot/freight-forward/${CARRIER}`,
        headers: { ...KEY, 'content-type': 'application/json' },
        payload: '{"operation":',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 400, message: expect.stringMatching(/^Invalid input: /), ...LIST_ERROR });
    });

    it('answers a malformed JSON body with 400 in the inventory envelope on inventory paths', async () => {
      const res = await sb.inject({
        method: 'PUT',
        url: `/pilot/inventory/product/${CARRIER}`,
        headers: { ...KEY, 'content-type': 'application/json' },
        payload: '{',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 400, message: expect.stringMatching(/^Invalid input: /), ...INVENTORY_ERROR });
    });

    it('refuses a freight-forward product without its required hsCode', async () => {
      const res = await send('PUT', `/pilot/freight-forward/product/${CARRIER}`, {
        barcode: '1',
        skuNumber: 'S',
        brand: 'B',
        name: 'N',
        nameCn: 'N',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<PilotListResponse<unknown>>().message).toContain('hsCode is required');
    });

    it('refuses a freight-forward product whose netWeight is a string', async () => {
      const body = {
        barcode: '1',
        skuNumber: 'S',
        brand: 'B',
        name: 'N',
        nameCn: 'N',
        hsCode: '3305900000',
        customsUnitCodeWeight: '035',
        customsUnitCodePackage: '142',
        countryOfOrigin: '502',
        netWeight: '0.25',
      };
      const res = await send('PUT', `/pilot/freight-forward/product/${CARRIER}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json<PilotListResponse<unknown>>().message).toContain('netWeight must be a number');
    });

    it.each([
      ['without merchantGoodsNo', { platformGoodsNo: 'P', barcodes: '1' }],
      ['whose grossWeight is a string', { merchantGoodsNo: 'M-NEW', platformGoodsNo: 'P', barcodes: '1', grossWeight: '0.5' }],
      ['with safeDays that is not a whole number', { merchantGoodsNo: 'M-NEW', platformGoodsNo: 'P', barcodes: '1', safeDays: 1.5 }],
      ['already registered', { merchantGoodsNo: 'M000001', platformGoodsNo: 'P', barcodes: '1' }],
    ])('refuses to register a product %s', async (_what, body) => {
      const res = await send('POST', `/pilot/inventory/product/${CARRIER}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 400, message: expect.stringMatching(/^Invalid input: /), ...INVENTORY_ERROR });
    });

    it('refuses to update a product that is not registered', async () => {
      const res = await send('PUT', `/pilot/inventory/product/${CARRIER}`, {
        merchantGoodsNo: 'M-GHOST',
        platformGoodsNo: 'P',
        barcodes: '1',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<PilotInventoryResponse>().message).toContain('not registered');
    });

    it.each([
      ['for a warehouse goods number the 3PL does not know', { warehouseGoodsNo: 'W-GHOST', purchaseOrderNo: 'PO-X', goodsNum: 5 }],
      ['without goodsNum', { warehouseGoodsNo: 'W000001', purchaseOrderNo: 'PO-Y' }],
      [
        'with a goodsStatus outside GOOD, DEFECTIVE, SAMPLE',
        { warehouseGoodsNo: 'W000001', purchaseOrderNo: 'PO-Z', goodsNum: 1, goodsStatus: 'NEW' },
      ],
    ])('refuses a purchase order %s', async (_what, body) => {
      const res = await send('POST', `/pilot/inventory/purchase/${CARRIER}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 400, message: expect.stringMatching(/^Invalid input: /), ...INVENTORY_ERROR });
    });

    it('refuses a second purchase order with the same number', async () => {
      const body = { warehouseGoodsNo: 'W000002', purchaseOrderNo: 'PO-TWICE', goodsNum: 3 };
      expect((await send('POST', `/pilot/inventory/purchase/${CARRIER}`, body)).statusCode).toBe(200);
      expect((await send('POST', `/pilot/inventory/purchase/${CARRIER}`, body)).statusCode).toBe(400);
    });

    it('refuses a callback from an unknown logistics provider in the callback envelope', async () => {
      const res = await send('POST', '/pilot/callback/dhl', { deliveryOrder: { deliveryOrderCode: 'X' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ success: 'false', errorcode: '400', errormsg: expect.stringMatching(/^Invalid input: /) });
    });

    it('refuses a callback without a deliveryOrder', async () => {
      const res = await sb.inject({
        method: 'POST',
        url: '/pilot/callback/haiku',
        headers: { ...KEY, 'content-type': 'application/xml' },
        payload: '<request/>',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ success: 'false', errorcode: '400' });
    });
  });

  it('renders the injectable 500 "Failed" in the list envelope for the fault injector', () => {
    const shape = sb.app.get(ProviderErrorRegistry).get('pilot');
    expect(shape?.injectableCodes).toEqual(['500', '503']);
    expect(shape?.render('500', 'Failed')).toEqual({ status: 500, body: { code: 500, message: 'Failed', data: [], total: 0 } });
  });

  describe('products', () => {
    it('registers a product with a warehouse-generated number and no stock, then updates it', async () => {
      const registered = (
        await send('POST', `/pilot/inventory/product/${CARRIER}`, {
          merchantGoodsNo: 'M-REG',
          platformGoodsNo: 'P-REG',
          barcodes: '6900000000011',
          goodsName: '新品',
        })
      ).json<PilotInventoryResponse>();
      expect(registered.products[0]).toMatchObject({
        merchantGoodsNo: 'M-REG',
        totalNum: '0',
        usableNum: '0',
        warehouseGoodsNo: expect.stringMatching(/^W\d{10}$/),
      });
      const updated = (
        await send('PUT', `/pilot/inventory/product/${CARRIER}`, {
          merchantGoodsNo: 'M-REG',
          platformGoodsNo: 'P-REG',
          barcodes: '6900000000011',
          goodsName: '新品 改',
        })
      ).json<PilotInventoryResponse>();
      expect(updated.products[0]).toMatchObject({ goodsName: '新品 改', warehouseGoodsNo: registered.products[0]?.warehouseGoodsNo });
      const byNumber = (
        await get(`/pilot/inventory/product/${CARRIER}`, { warehouse_goods_no: registered.products[0]?.warehouseGoodsNo ?? '' })
      ).json<PilotInventoryResponse>();
      expect(byNumber.products.map((p) => p.merchantGoodsNo)).toEqual(['M-REG']);
    });

    it('upserts freight-forward product data and finds it with QUERY_PRODUCT', async () => {
      const body = {
        barcode: '6900000000028',
        skuNumber: 'SKU-FF',
        brand: 'Percy & Reed',
        name: 'Shampoo',
        nameCn: '洗发水',
        hsCode: '3305900000',
        customsUnitCodeWeight: '035',
        customsUnitCodePackage: '142',
        countryOfOrigin: '502',
        netWeight: 0.25,
        rrpCny: 158.4,
      };
      expect((await send('PUT', `/pilot/freight-forward/product/${CARRIER}`, body)).json()).toMatchObject({
        code: 200,
        total: 1,
        data: [body],
      });
      const found = (
        await send('POST', `/pilot/freight-forward/${CARRIER}`, { operation: 'QUERY_PRODUCT', itemKeys: ['SKU-FF', 'SKU-000001'] })
      ).json();
      expect(found).toMatchObject({ code: 200, total: 2 });
    });
  });
});
