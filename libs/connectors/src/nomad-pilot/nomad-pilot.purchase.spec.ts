import { join } from 'node:path';
import { createSkuRef, Instant } from '@serai/domain';
import { fixturesIn } from '../kernel/testing/replay-server';
import { readInventoryEnvelope } from './nomad-pilot.errors';
import { MissingProductData, mapPurchaseOrder, toPurchaseOrderBody } from './nomad-pilot.mapper';
import type { PilotPoItem, PilotPurchase } from './wire/inventory-purchase';

const { fixtureJson } = fixturesIn(join(__dirname, 'fixtures'));

const SKU = createSkuRef({ sku: 'SKU-A', itemNumbers: { merchantGoodsNo: 'M-SKU-A', warehouseGoodsNo: 'W0000000001' } });

function poItem(overrides: Partial<Record<keyof PilotPoItem, string>> = {}): PilotPoItem {
  return {
    goodsNo: 'W0000000001',
    goodsStatus: 'GOOD',
    numApplication: '5',
    realInstoreQty: '4',
    qualifiedQty: '3',
    unQualifiedQty: '1',
    shortQty: '1',
    damagedQty: '0',
    excessQty: '0',
    isvGoodsNo: 'M-SKU-A',
    ...overrides,
  };
}

function purchase(overrides: Partial<PilotPurchase> = {}): PilotPurchase {
  return {
    warehousePurchaseNo: 'PO20240901000001',
    warehouseGoodsNo: 'W0000000001',
    supplierNo: 'SUP-1',
    poOrderStatus: 'COMPLETED',
    storageStatus: 'STORED',
    createTime: '2024-09-01 10:00:00',
    completeTime: '2024-09-01 10:00:15',
    poItems: [poItem()],
    qcQualifiedItems: [],
    qcUnqualifiedItems: [],
    ...overrides,
  };
}

describe('Pilot purchase (inbound) orders: canonical mapping', () => {
  it('writes an inbound order for one SKU as the documented body with the warehouse goods number and goodsNum', () => {
    expect(toPurchaseOrderBody({ purchaseOrderNo: 'PO-1', sku: SKU, quantity: 12, supplierNo: 'SUP-1', condition: 'defective' })).toEqual({
      warehouseGoodsNo: 'W0000000001',
      purchaseOrderNo: 'PO-1',
      supplierNo: 'SUP-1',
      goodsNum: 12,
      goodsStatus: 'DEFECTIVE',
    });
  });

  it('leaves goodsStatus and supplierNo out when not given, so the documented default GOOD applies', () => {
    expect(toPurchaseOrderBody({ purchaseOrderNo: 'PO-2', sku: SKU, quantity: 1 })).toEqual({
      warehouseGoodsNo: 'W0000000001',
      purchaseOrderNo: 'PO-2',
      goodsNum: 1,
    });
  });

  it('refuses a SKU without a warehouse goods number, naming the missing item number', () => {
    expect(() => toPurchaseOrderBody({ purchaseOrderNo: 'PO-3', sku: createSkuRef({ sku: 'SKU-B' }), quantity: 1 })).toThrow(
      new MissingProductData('SKU-B', ['itemNumbers.warehouseGoodsNo']),
    );
  });

  it.each([0, -1, 2.5])('refuses the quantity %p, as goodsNum is a whole number of at least 1', (quantity) => {
    expect(() => toPurchaseOrderBody({ purchaseOrderNo: 'PO-4', sku: SKU, quantity })).toThrow(
      'quantity must be a whole number of at least 1',
    );
  });

  it('reads a received purchase with its quantities as numbers, its times in China time and the sums', () => {
    expect(mapPurchaseOrder(purchase())).toEqual({
      warehousePurchaseNo: 'PO20240901000001',
      warehouseGoodsNo: 'W0000000001',
      supplierNo: 'SUP-1',
      status: 'COMPLETED',
      storageStatus: 'STORED',
      createdAt: Instant.parse('2024-09-01T02:00:00Z'),
      completedAt: Instant.parse('2024-09-01T02:00:15Z'),
      lines: [
        {
          merchantGoodsNo: 'M-SKU-A',
          warehouseGoodsNo: 'W0000000001',
          condition: 'good',
          requested: 5,
          received: 4,
          qualified: 3,
          unqualified: 1,
          short: 1,
          damaged: 0,
          excess: 0,
        },
      ],
      requested: 5,
      received: 4,
    });
  });

  it('reads a purchase not yet received: empty counts are 0 and there is no completion time', () => {
    const result = mapPurchaseOrder(
      purchase({
        poOrderStatus: 'CREATED',
        storageStatus: 'NOT_STORED',
        completeTime: '',
        poItems: [poItem({ realInstoreQty: '', qualifiedQty: '', unQualifiedQty: '', shortQty: '' })],
      }),
    );
    expect(result.completedAt).toBeUndefined();
    expect([result.status, result.requested, result.received]).toEqual(['CREATED', 5, 0]);
    expect(result.lines[0]).toMatchObject({ requested: 5, received: 0, qualified: 0, unqualified: 0, short: 0 });
  });

  it.each([
    ['numApplication', ''],
    ['numApplication', '5.0'],
    ['realInstoreQty', '-1'],
    ['qualifiedQty', '3 pcs'],
  ] as const)('refuses %s = %p as INVALID_QUANTITY instead of guessing', (field, value) => {
    expect(() => mapPurchaseOrder(purchase({ poItems: [poItem({ [field]: value })] }))).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY', kind: 'invalid_response', retryable: false }),
    );
  });

  it('refuses the document example (seed lines 1262–1428) because its quantities are the placeholder "string"', () => {
    const envelope = readInventoryEnvelope(fixtureJson('inventory-purchase-get.response-200.json'));
    expect(() => mapPurchaseOrder(envelope.purchases[0]!)).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY', message: expect.stringContaining('numApplication') }),
    );
  });

  it('refuses a purchase without a warehousePurchaseNo', () => {
    expect(() => mapPurchaseOrder(purchase({ warehousePurchaseNo: '' }))).toThrow(expect.objectContaining({ code: 'MISSING_PURCHASE_NO' }));
  });
});
