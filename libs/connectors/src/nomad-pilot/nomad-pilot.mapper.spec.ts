import { join } from 'node:path';
import { createSku, Instant, Money, Product, ProductSnapshot, Weight } from '@serai/domain';
import fc from 'fast-check';
import { parseJsonKeepingBigIntegers } from '../kernel/json-with-big-integers';
import { ResponseReader } from '../kernel/response-reader';
import { PILOT_PACKAGE_STATUS_TABLE } from './codes';
import { fixturesIn } from '../kernel/testing/replay-server';
import {
  mapDeliveryOrderCallback,
  mapFreightForwardProduct,
  mapInventoryProduct,
  mapPilotPackage,
  MissingProductData,
  shiftDecimal,
  toFreightForwardProduct,
  toInventoryProductBody,
} from './nomad-pilot.mapper';
import { readInventoryEnvelope, readListEnvelope } from './nomad-pilot.errors';
import { deliveryOrderCallbackKey, InvalidDeliveryOrderCallback, parseDeliveryOrderCallback } from './operations/delivery-order-callback';
import { readFreightForwardProduct } from './operations/update-freight-forward-product';
import { readPilotPackage } from './operations/query-freight-forward';
import { serializeWithDecimals } from '../kernel/decimal-json';
import { PILOT_DECIMAL_KEYS } from './wire/decimal-keys';
import { INVENTORY_PRODUCT_BODY_FIELDS, PilotInventoryProductBody } from './wire/inventory-product';
import { readFields } from './wire/read-fields';

const { fixtureJson, readFixture } = fixturesIn(join(__dirname, 'fixtures'));

const json = (name: string) => parseJsonKeepingBigIntegers(readFixture(name));

const PRODUCT: ProductSnapshot = Product.create({
  id: 'GOODS-100',
  titles: { zh: '深层保湿面霜', en: 'Deep Moisture Face Cream' },
  brand: 'Percy & Reed',
  description: 'Rich cream for dry skin',
  skus: [
    {
      sku: 'SKU-A',
      barcodes: ['6901234567892', '6901234567893'],
      itemNumbers: { merchantGoodsNo: 'M-SKU-A' },
      titles: { zh: '深层保湿面霜 50ml', en: 'Deep Moisture Face Cream 50ml' },
      attributes: { spec: '50ml/瓶', model: 'DM-50' },
      netWeight: Weight.of('250', 'g'),
      grossWeight: Weight.of('0.3', 'kg'),
      customs: { hsCode: '3304990000', originCountry: 'GB', customsUnit: '142', filingId: 'CF-001', taxRate: '0.091' },
      prices: { sale: Money.of('129.90', 'CNY'), market: Money.of('158.40', 'CNY') },
    },
  ],
}).toSnapshot();

describe('Nomad Pilot mapper', () => {
  describe('document examples parse into the wire types', () => {
    it.each([
      'query-carrier.response-200.json',
      'query-carrier.response-500.json',
      'query-freight-forward.response-200.json',
      'freight-forward.response-200.json',
      'freight-forward-product.response-200.json',
    ])('%s: the list envelope with an empty data[] and the placeholder total', (name) => {
      expect(readListEnvelope(json(name), (item) => item.raw())).toEqual({ code: 42, message: 'string', data: [], total: 42 });
    });

    it.each([
      'inventory-product-get.response-200.json',
      'inventory-product-put.response-200.json',
      'inventory-product-post.response-200.json',
      'inventory-purchase-get.response-200.json',
    ])('%s: the inventory envelope with a product, a purchase and 31-field PoItems', (name) => {
      const envelope = readInventoryEnvelope(json(name));
      expect(envelope.products[0]).toMatchObject({
        merchantGoodsNo: 'string',
        totalNum: 'string',
        grossWeight: '42',
        safeDays: 42,
        adventDay: 42,
      });
      expect(envelope.purchases[0]).toMatchObject({ warehousePurchaseNo: 'string', grossWeight: 'string' });
      expect(Object.keys(envelope.purchases[0]!.poItems[0]!)).toHaveLength(31);
      expect(envelope.purchases[0]!.qcUnqualifiedItems).toHaveLength(1);
      expect(envelope.connectorResponses[0]).toMatchObject({
        mappingName: 'GetProductOp',
        input: '{"product_id": 12121}',
        requestCount: 1,
      });
    });

    it('reads the freight-forward product example with decimals as text, the same in the request and the curl', () => {
      const product = readFreightForwardProduct(ResponseReader.of(json('freight-forward-product.request.json')));
      expect(product).toMatchObject({
        brand: 'Percy & Reed',
        netWeight: '0.25',
        grossWeight: '0.3',
        rrpCny: '158.4',
        rrpGbp: '18',
        taxRate: '9.1',
        countryOfOrigin: '502',
      });
      const curl = fixtureJson<{ body: unknown }>('freight-forward-product.curl.json');
      expect(readFreightForwardProduct(ResponseReader.of(curl.body))).toEqual(product);
    });

    it.each(['inventory-product-post.request.json', 'inventory-product-put.request.json'])(
      'reads the inventory product body %s, example-only overseaPurchase included',
      (name) => {
        const body = readFields<PilotInventoryProductBody>(ResponseReader.of(json(name)), INVENTORY_PRODUCT_BODY_FIELDS);
        expect(body).toMatchObject({ overseaPurchase: 'string', modelNumber: '纸尿裤XL 30片/包', vatRate: 42, grossWeight: '42' });
        expect(Object.keys(body)).toHaveLength(32);
      },
    );

    it('reads the freight-forward request example', () => {
      expect(json('freight-forward.request.json')).toEqual({
        operation: 'QUERY_WAYBILL',
        itemKeys: ['SF1035215690597', 'SF1025950147480'],
        pageNo: 1,
        pageSize: 10,
      });
    });
  });

  describe('delivery-order callback', () => {
    it('reads the document example (JSON under an XML content type) and its XML rendering alike', () => {
      const fromJson = parseDeliveryOrderCallback(readFixture('callback.request.json'));
      const fromXml = parseDeliveryOrderCallback(readFixture('callback.request.xml'));
      expect(fromXml).toEqual(fromJson);
      expect(fromJson.deliveryOrder.deliveryOrderCode).toBe('string');
      expect(Object.keys(fromJson.deliveryOrder)).toHaveLength(15);
      expect(fixtureJson('callback.response-400.json')).toEqual({ success: 'success', errorcode: 'string', errormsg: 'string' });
    });

    it('refuses to guess the meaning of the example placeholder status', () => {
      const example = parseDeliveryOrderCallback(readFixture('callback.request.json'));
      expect(() => mapDeliveryOrderCallback(example)).toThrow(expect.objectContaining({ code: 'UNKNOWN_STATUS', retryable: false }));
    });

    it('maps a QiMen PARTDELIVERED XML message to a partial shipment with its package lines and China time', () => {
      const callback = parseDeliveryOrderCallback(readFixture('callback-qimen-partdelivered.request.xml'));
      expect(callback.deliveryOrder.operatorName).toBe('张 & 李');
      const [shipment, ...rest] = mapDeliveryOrderCallback(callback);
      expect(rest).toHaveLength(0);
      expect(shipment).toMatchObject({
        externalOrderNumber: 'TM20240901001',
        packageId: '4829105573312908',
        carrierCode: 'SF',
        trackingNumber: 'SF1035215690597',
        status: 'shipped',
        partial: true,
        lines: [
          { sku: 'M-SKU-A', quantity: 1 },
          { sku: 'M-SKU-B', quantity: 1 },
        ],
      });
      expect(shipment!.shippedAt?.toISOString()).toBe('2024-09-01T10:30:00.000Z');
      expect(deliveryOrderCallbackKey(callback)).toBe('4829105573312908-000007');
    });

    it('maps a final DELIVERED JSON message to a complete shipment from its order lines', () => {
      const [shipment] = mapDeliveryOrderCallback(parseDeliveryOrderCallback(readFixture('callback-delivered.request.json')));
      expect(shipment).toMatchObject({
        status: 'shipped',
        partial: false,
        trackingNumber: 'SF1025950147480',
        lines: [{ sku: 'M-SKU-A', quantity: 3 }],
      });
    });

    it('reads PARTDELIVERED in confirmType, and an intermediate confirmation of a delivery, as partial', () => {
      const base = parseDeliveryOrderCallback(readFixture('callback-delivered.request.json'));
      for (const confirmType of ['PARTDELIVERED', '1']) {
        const [shipment] = mapDeliveryOrderCallback({ ...base, deliveryOrder: { ...base.deliveryOrder, confirmType } });
        expect(shipment?.partial).toBe(true);
      }
    });

    it.each([
      ['ACCEPT', 'pending'],
      ['CANCELED', 'cancelled'],
      ['SIGN', 'delivered'],
    ] as const)('maps status %s to %s', (status, expected) => {
      const base = parseDeliveryOrderCallback(readFixture('callback-delivered.request.json'));
      expect(mapDeliveryOrderCallback({ ...base, deliveryOrder: { ...base.deliveryOrder, status } })[0]?.status).toBe(expected);
    });

    it('refuses bodies it cannot read, saying why', () => {
      expect(() => parseDeliveryOrderCallback('<!DOCTYPE x [<!ENTITY a "b">]><deliveryOrder/>')).toThrow(InvalidDeliveryOrderCallback);
      expect(() => parseDeliveryOrderCallback('{"deliveryOrder":{"status":"DELIVERED"}}')).toThrow(/deliveryOrderCode is required/);
      expect(() => parseDeliveryOrderCallback('status=DELIVERED')).toThrow(/neither JSON nor XML/);
    });
  });

  describe('packages', () => {
    const pkg = readPilotPackage(
      ResponseReader.of({
        deliveryOrderCode: 'TM20240901001',
        deliveryOrderId: '4829105573312908',
        status: 'SHIPPED',
        trackingReference: 'SF103521569059',
        logisticsCode: 'SF',
        shippedAt: '2024-09-01T10:30:00.000Z',
        items: [{ skuNumber: 'SKU-A', quantity: 2 }],
      }),
    );

    it('maps a SHIPPED package to a shipped canonical shipment with its time and lines', () => {
      const shipment = mapPilotPackage(pkg, 'samarkand.sfexpress.test');
      expect(shipment).toMatchObject({
        externalOrderNumber: 'TM20240901001',
        packageId: '4829105573312908',
        carrierCode: 'SF',
        trackingNumber: 'SF103521569059',
        status: 'shipped',
        partial: false,
      });
      expect(shipment.shippedAt?.toISOString()).toBe('2024-09-01T10:30:00.000Z');
      expect(shipment.lines).toEqual([{ sku: 'SKU-A', quantity: 2 }]);
    });

    it.each(Object.entries(PILOT_PACKAGE_STATUS_TABLE))('maps package status %s to %s', (status, expected) => {
      expect(mapPilotPackage({ ...pkg, status }, 'c').status).toBe(expected);
    });
  });

  describe('inventory', () => {
    const asOf = Instant.parse('2024-09-01T00:00:00Z');

    it('parses string quantities strictly: on hand, usable, and the difference reserved', () => {
      const figure = mapInventoryProduct(
        { merchantGoodsNo: 'M-SKU-A', totalNum: '12', usableNum: '10', shopNo: '' },
        'samarkand.sfexpress.test',
        asOf,
      );
      expect(figure).toEqual({
        sku: 'M-SKU-A',
        identifiers: { merchantGoodsNo: 'M-SKU-A' },
        location: 'samarkand.sfexpress.test',
        onHand: 12,
        available: 10,
        reserved: 2,
        asOf,
      });
    });

    it('hands the engine every number the 3PL knows the product by, for the SKU cross-reference', () => {
      const figure = mapInventoryProduct(
        {
          merchantGoodsNo: 'M000001',
          warehouseGoodsNo: 'W000001',
          barcodes: ' 6901234567892, 6901234567908',
          totalNum: '1',
          usableNum: '1',
        },
        'c',
        asOf,
      );
      expect(figure.identifiers).toEqual({ merchantGoodsNo: 'M000001', warehouseGoodsNo: 'W000001', barcode: '6901234567892' });
    });

    it('refuses the example placeholder quantities and any non-integer text', () => {
      const example = readInventoryEnvelope(json('inventory-product-get.response-200.json')).products[0]!;
      expect(() => mapInventoryProduct(example, 'c', asOf)).toThrow(expect.objectContaining({ code: 'INVALID_QUANTITY' }));
      for (const bad of ['1.5', '-1', '1e3', ' ', '12abc'])
        expect(() => mapInventoryProduct({ merchantGoodsNo: 'M', totalNum: bad, usableNum: '0' }, 'c', asOf)).toThrow(
          /totalNum must be a whole number/,
        );
    });
  });

  describe('catalogue SKU to Pilot products', () => {
    const sku = PRODUCT.skus[0]!;

    it('builds the inventory product body with weights in kilograms and the merchant goods number', () => {
      expect(toInventoryProductBody(PRODUCT, sku, { pattern: 'BBC' })).toEqual({
        merchantGoodsNo: 'M-SKU-A',
        platformGoodsNo: 'GOODS-100',
        barcodes: '6901234567892,6901234567893',
        goodsName: '深层保湿面霜 50ml',
        grossWeight: '0.3',
        netWeight: '0.25',
        pattern: 'BBC',
        modelNumber: 'DM-50',
        spec: '50ml/瓶',
        hsCode: '3304990000',
        country: 'GB',
      });
    });

    it('builds the freight-forward product with the tax rate in per cent and the RRP in yuan, as JSON numbers', () => {
      const product = toFreightForwardProduct(PRODUCT, sku);
      expect(product).toMatchObject({
        barcode: '6901234567892',
        skuNumber: 'SKU-A',
        brand: 'Percy & Reed',
        customsUnitCodeWeight: '035',
        customsUnitCodePackage: '142',
        rrpCny: '158.40',
        taxRate: '9.1',
        netWeight: '0.25',
      });
      expect(serializeWithDecimals(product, PILOT_DECIMAL_KEYS)).toContain('"rrpCny":158.40');
    });

    it('comes back from a freight-forward product as the same SKU data', () => {
      const back = mapFreightForwardProduct(toFreightForwardProduct(PRODUCT, sku));
      const rebuilt = createSku({ ...back, prices: { sale: sku.prices.sale, market: back.marketPrice } });
      expect(rebuilt.sku).toBe(sku.sku);
      expect(rebuilt.barcodes).toEqual(['6901234567892']);
      expect(rebuilt.titles).toEqual(sku.titles);
      expect(rebuilt.netWeight?.equals(sku.netWeight!)).toBe(true);
      expect(rebuilt.grossWeight?.equals(sku.grossWeight!)).toBe(true);
      expect(rebuilt.customs).toEqual(sku.customs);
      expect(rebuilt.prices.market?.equals(sku.prices.market!)).toBe(true);
      expect(back.brand).toBe('Percy & Reed');
    });

    it('names every required field a SKU lacks for the freight-forward product', () => {
      const bare = createSku({ sku: 'SKU-Z', titles: { en: 'Bare' }, prices: { sale: Money.of('1.00', 'CNY') } });
      expect(() => toFreightForwardProduct({ ...PRODUCT, brand: undefined }, bare)).toThrow(MissingProductData);
      expect(() => toFreightForwardProduct({ ...PRODUCT, brand: undefined }, bare)).toThrow(/barcode, brand, hsCode, .*netWeight/);
    });
  });

  it('moves the decimal point of a rate both ways without losing a digit', () => {
    expect(shiftDecimal('0.091', 2)).toBe('9.1');
    expect(shiftDecimal('9.1', -2)).toBe('0.091');
    expect(shiftDecimal('0.13', 2)).toBe('13');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        const text = shiftDecimal(units.toString(), -scale);
        expect(shiftDecimal(shiftDecimal(text, 2), -2)).toBe(text);
      }),
    );
  });
});
