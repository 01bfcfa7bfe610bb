import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionConfig } from '@serai/engine/ports';
import { ProviderHttpClient } from '../kernel/provider-http-client';
import {
  collectCalls,
  fixturesIn,
  ReceivedRequest,
  ReplayServer,
  sendJson,
  startReplayServer,
  testHttpService,
} from '../kernel/testing/replay-server';
import { PILOT_PROVIDER } from './codes';
import type { NomadPilotClient } from './nomad-pilot.client';
import { NomadPilotConnectorFactory } from './nomad-pilot.factory';
import { nomadPilotAuthHeaders } from './nomad-pilot.signer';
import { parseDeliveryOrderCallback } from './operations/delivery-order-callback';
import { buildFreightForwardBody, freightForwardRequest } from './operations/freight-forward';
import type { PilotDeliveryOrderCallback } from './wire/delivery-order-callback';
import type { PilotFreightForwardProduct } from './wire/freight-forward-product';
import type { PilotInventoryProductBody } from './wire/inventory-product';

/**
 * Every request example of the Pilot document (and the inferred callback bodies, named so), rebuilt
 * by the connector from typed input and compared with the fixture. Outgoing requests are sent over
 * HTTP to a local server and compared as the document prints them: its origin instead of the
 * server's, the headers it names, the body parsed. Callbacks go the other way (Pilot sends them, the
 * connector reads them), so there the connector's reader must turn the fixture into the typed value.
 */

const FIXTURES = join(__dirname, 'fixtures');
const { fixtureJson, readFixture } = fixturesIn(FIXTURES);
const DOCUMENT_ORIGIN = 'https://nomad.samarkand-global.cn';
const API_KEY = '$API_KEY';
const CARRIER = '{carrier}';

interface CurlExample {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

const ANSWERS: readonly [RegExp, string][] = [
  [/^GET \/pilot\/carriers\//, 'query-carrier.response-200.json'],
  [/^PUT \/pilot\/freight-forward\/product\//, 'freight-forward-product.response-200.json'],
  [/^GET \/pilot\/freight-forward\//, 'query-freight-forward.response-200.json'],
  [/^POST \/pilot\/freight-forward\//, 'freight-forward.response-200.json'],
  [/^GET \/pilot\/inventory\/product\//, 'inventory-product-get.response-200.json'],
  [/^PUT \/pilot\/inventory\/product\//, 'inventory-product-put.response-200.json'],
  [/^POST \/pilot\/inventory\/product\//, 'inventory-product-post.response-200.json'],
  [/^GET \/pilot\/inventory\/purchase\//, 'inventory-purchase-get.response-200.json'],
];

/** The documented inventory body: the example's own values, typed (decimals as decimal text). */
const INVENTORY_PRODUCT: PilotInventoryProductBody = {
  merchantGoodsNo: 'string',
  platformGoodsNo: 'string',
  barcodes: 'string',
  warehouseGoodsNo: 'string',
  thirdCategoryNo: 'string',
  goodsName: 'string',
  grossWeight: '42.0',
  netWeight: '42.0',
  safeDays: 42,
  batch: 'string',
  overseaPurchase: 'string',
  pattern: 'string' as PilotInventoryProductBody['pattern'],
  qiRecord: 'string',
  customRecord: 'string',
  ccProvider: 'string',
  bondedArea: 'string',
  customsSellerRecord: 'string',
  batAttrIds: 'string',
  modelNumber: '纸尿裤XL 30片/包',
  spec: '(400ml/瓶+5片/盒)/套',
  vatRate: 42,
  taxRate: 42,
  hsCode: 'string',
  country: 'string',
  qiCountry: 'string',
  legalUnit1: 'string',
  legalAmount1: 'string',
  legalUnit2: 'string',
  legalAmount2: 'string',
  measurement: 'string',
  qiMeasurement: 'string',
  declarationElements: 'string',
};

const FREIGHT_FORWARD_PRODUCT: PilotFreightForwardProduct = {
  barcode: '12508742',
  skuNumber: '12508742',
  brand: 'Percy & Reed',
  name: '12508742',
  nameCn: '12508742',
  hsCode: '3305900000',
  model: 'iPhone XR',
  customsUnitCodeWeight: '035, means 千克/kilogram',
  customsUnitCode: 'string',
  customsUnitCodePackage: '142',
  countryOfOrigin: '502',
  netWeight: '0.25',
  grossWeight: '0.3',
  spec: '250ml/瓶',
  descriptionEn: 'string',
  descriptionCn: 'string',
  additionalImageUrls: ['string'],
  storeIds: ['string'],
  rrpCny: '158.4',
  rrpGbp: '18',
  customsFilingId: 'string',
  ingredients: '发酵乳杆菌Lc40(CECT5716),麦芽糊精,蔗糖,抗坏血酸钠',
  taxRate: '9.1',
};

const DOCUMENT_DELIVERY_ORDER = {
  deliveryOrderCode: 'string',
  deliveryOrderId: 'string',
  warehouseCode: 'string',
  orderType: 'string',
  status: 'string',
  outBizCode: 'string',
  confirmType: 'string',
  orderConfirmTime: 'string',
  operatorCode: 'string',
  operatorName: 'string',
  operateTime: 'string',
  storageFee: 'string',
  logisticsCode: 'string',
  logisticsName: 'string',
  expressCode: 'string',
};

const DOCUMENT_CALLBACK: PilotDeliveryOrderCallback = { deliveryOrder: DOCUMENT_DELIVERY_ORDER, orderLines: [], packages: [] };

const DELIVERED_CALLBACK: PilotDeliveryOrderCallback = {
  deliveryOrder: {
    deliveryOrderCode: 'TM20240901002',
    deliveryOrderId: '4829105573312999',
    warehouseCode: 'WH-SF-01',
    orderType: 'JYCK',
    status: 'DELIVERED',
    outBizCode: '4829105573312999-000009',
    confirmType: '0',
    orderConfirmTime: '2024-09-01 18:30:00',
    operatorCode: 'SANDBOX',
    operatorName: 'Sandbox 3PL',
    operateTime: '2024-09-01 18:30:00',
    storageFee: '0.00',
    logisticsCode: 'SF',
    logisticsName: '顺丰速运',
    expressCode: 'SF1025950147480',
  },
  orderLines: [{ orderLineNo: '1', itemCode: 'M-SKU-A', itemId: 'W0000000001', planQty: '3', actualQty: '3' }],
  packages: [],
};

const QIMEN_PARTDELIVERED_CALLBACK: PilotDeliveryOrderCallback = {
  deliveryOrder: {
    deliveryOrderCode: 'TM20240901001',
    deliveryOrderId: '4829105573312908',
    warehouseCode: 'WH-SF-01',
    orderType: 'JYCK',
    status: 'PARTDELIVERED',
    outBizCode: '4829105573312908-000007',
    confirmType: '1',
    orderConfirmTime: '2024-09-01 18:30:00',
    operatorCode: 'OP01',
    operatorName: '张 & 李',
    operateTime: '2024-09-01 18:30:00',
    storageFee: '0.00',
    logisticsCode: 'SF',
    logisticsName: '顺丰速运',
    expressCode: 'SF1035215690597',
  },
  orderLines: [
    { orderLineNo: '1', itemCode: 'M-SKU-A', itemId: 'W0000000001', planQty: '2', actualQty: '1' },
    { orderLineNo: '2', itemCode: 'M-SKU-B', itemId: 'W0000000002', planQty: '1', actualQty: '1' },
  ],
  packages: [
    {
      logisticsCode: 'SF',
      expressCode: 'SF1035215690597',
      items: [
        { itemCode: 'M-SKU-A', quantity: '1' },
        { itemCode: 'M-SKU-B', quantity: '1' },
      ],
    },
  ],
};

describe('Nomad Pilot request examples rebuilt by the connector', () => {
  let server: ReplayServer;

  beforeAll(async () => {
    server = await startReplayServer('/pilot');
    server.handle((request, response) => {
      const key = `${request.method} ${request.url.pathname}`;
      const answer = ANSWERS.find(([pattern]) => pattern.test(key));
      if (answer === undefined) sendJson(response, 404, { code: 404, message: `no answer for ${key}` });
      else sendJson(response, 200, fixtureJson(answer[1]));
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const settings = {
    timeoutMs: 1_000,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  };

  function client(): NomadPilotClient {
    const connection: ConnectionConfig = {
      name: 'pilot-examples',
      provider: 'nomad-pilot',
      baseUrl: server.baseUrl,
      // The document's placeholders as key and carrier, so header and path compare as printed.
      credentials: { caKey: API_KEY },
      options: { carrier: CARRIER, timeoutMs: settings.timeoutMs, retry: settings.retry },
    };
    return new NomadPilotConnectorFactory(testHttpService()).create(connection, collectCalls()).client;
  }

  /** The one request the last call sent, as the document would print it. */
  function sent(documentedHeaders: readonly string[]): CurlExample {
    expect(server.requests).toHaveLength(1);
    const request: ReceivedRequest = server.requests[0]!;
    return {
      method: request.method,
      url: `${DOCUMENT_ORIGIN}${decodeURI(request.url.pathname)}${request.url.search}`,
      headers: Object.fromEntries(documentedHeaders.map((name) => [name, String(request.headers[name.toLowerCase()] ?? '(not sent)')])),
      ...(request.body === '' ? {} : { body: JSON.parse(request.body) as unknown }),
    };
  }

  function headerNames(example: CurlExample): string[] {
    return Object.keys(example.headers);
  }

  /** Sends `call`, then compares the request with a curl example, or only its body with a request-body example. */
  async function expectRebuilt(fixture: string, call: () => Promise<unknown>): Promise<void> {
    await call();
    const expected = fixtureJson<CurlExample & Record<string, unknown>>(fixture);
    if (fixture.endsWith('.curl.json')) expect(sent(headerNames(expected))).toEqual(expected);
    else expect(sent([]).body).toEqual(expected);
  }

  /** QUERY_WAYBILL with the example's page of 10, built by the operation code (the client always asks pages of 100). */
  async function sendDocumentedWaybillQuery(): Promise<void> {
    const http = new ProviderHttpClient(
      testHttpService(),
      { provider: PILOT_PROVIDER, connectionName: 'pilot-examples', baseUrl: server.baseUrl, timeoutMs: 1_000, retry: settings.retry },
      collectCalls(),
    );
    const request = freightForwardRequest(CARRIER, buildFreightForwardBody('QUERY_WAYBILL', ['SF1035215690597', 'SF1025950147480'], 1, 10));
    await http.send(
      {
        ...request,
        headers: ({ body, url, method }) =>
          nomadPilotAuthHeaders(
            { caKey: API_KEY, signing: 'none' },
            { method, url, body, accept: 'application/json', contentType: request.contentType },
          ),
      },
      () => undefined,
    );
  }

  function expectCallbackRead(fixture: string, expected: PilotDeliveryOrderCallback, bodyOf = readFixture): void {
    expect(parseDeliveryOrderCallback(bodyOf(fixture))).toEqual(expected);
  }

  const curlBody = (fixture: string): string => JSON.stringify(fixtureJson<CurlExample>(fixture).body);

  const cases: Record<string, { title: string; run: () => Promise<void> | void }> = {
    'query-carrier.curl.json': {
      title: 'GET /carriers/ with x-ca-key (document, seed lines 104–120)',
      run: () => expectRebuilt('query-carrier.curl.json', () => client().queryCarriers()),
    },
    'query-freight-forward.curl.json': {
      title: 'GET /freight-forward/{carrier}?status=UNPROCESSED&page_no=1&page_size=10 (document, seed lines 170–186)',
      run: () => expectRebuilt('query-freight-forward.curl.json', () => client().queryFreightForwardPage('UNPROCESSED', 1, 10)),
    },
    'freight-forward.curl.json': {
      title: 'POST /freight-forward/{carrier} QUERY_WAYBILL, headers and body (document, seed lines 241–269; operation code, page of 10)',
      run: () => expectRebuilt('freight-forward.curl.json', sendDocumentedWaybillQuery),
    },
    'freight-forward.request.json': {
      title: 'QUERY_WAYBILL body with two SF numbers, page 1 of 10 (document, seed lines 241–269; operation code)',
      run: () => expectRebuilt('freight-forward.request.json', sendDocumentedWaybillQuery),
    },
    'freight-forward-product.curl.json': {
      title: 'PUT /freight-forward/product/{carrier}, headers and body, decimals as printed (document, seed lines 388–436)',
      run: () => expectRebuilt('freight-forward-product.curl.json', () => client().updateFreightForwardProduct(FREIGHT_FORWARD_PRODUCT)),
    },
    'freight-forward-product.request.json': {
      title: 'freight-forward product body (document, seed lines 388–436)',
      run: () => expectRebuilt('freight-forward-product.request.json', () => client().updateFreightForwardProduct(FREIGHT_FORWARD_PRODUCT)),
    },
    'inventory-product-get.curl.json': {
      title: 'GET /inventory/product/{carrier} without filters (document, seed lines 482–648)',
      run: () => expectRebuilt('inventory-product-get.curl.json', () => client().queryInventoryProductsPage({})),
    },
    'inventory-product-put.curl.json': {
      title: 'PUT /inventory/product/{carrier}, headers and body (document, seed lines 744–947)',
      run: () => expectRebuilt('inventory-product-put.curl.json', () => client().updateInventoryProduct(INVENTORY_PRODUCT)),
    },
    'inventory-product-put.request.json': {
      title: 'inventory product update body (document, seed lines 744–947)',
      run: () => expectRebuilt('inventory-product-put.request.json', () => client().updateInventoryProduct(INVENTORY_PRODUCT)),
    },
    'inventory-product-post.curl.json': {
      title: 'POST /inventory/product/{carrier}, headers and body (document, seed lines 1043–1246)',
      run: () => expectRebuilt('inventory-product-post.curl.json', () => client().registerInventoryProduct(INVENTORY_PRODUCT)),
    },
    'inventory-product-post.request.json': {
      title: 'inventory product register body (document, seed lines 1043–1246)',
      run: () => expectRebuilt('inventory-product-post.request.json', () => client().registerInventoryProduct(INVENTORY_PRODUCT)),
    },
    'inventory-purchase-get.curl.json': {
      title: 'GET /inventory/purchase/{carrier}?purchase_order_no=string (document, seed lines 1262–1428, deprecated)',
      run: () => expectRebuilt('inventory-purchase-get.curl.json', () => client().queryPurchaseOrder('string')),
    },
    'callback.curl.json': {
      title:
        'inbound callback: the curl body is read to the typed delivery order (document, seed lines 39–63; Pilot sends it, its headers are not the connector’s)',
      run: () => expectCallbackRead('callback.curl.json', DOCUMENT_CALLBACK, curlBody),
    },
    'callback.request.json': {
      title: 'inbound callback: the JSON body is read to the typed delivery order (document, seed lines 39–63)',
      run: () => expectCallbackRead('callback.request.json', DOCUMENT_CALLBACK),
    },
    'callback.request.xml': {
      title: 'inbound callback: the XML rendering is read to the same typed delivery order (derived, not in the document)',
      run: () => expectCallbackRead('callback.request.xml', DOCUMENT_CALLBACK),
    },
    'callback-delivered.request.json': {
      title: 'inbound callback: the sandbox’s DELIVERED JSON with order lines is read to the typed callback (derived, not in the document)',
      run: () => expectCallbackRead('callback-delivered.request.json', DELIVERED_CALLBACK),
    },
    'callback-qimen-partdelivered.request.xml': {
      title: 'inbound callback: the QiMen PARTDELIVERED XML with CDATA and & is read to the typed callback (derived, not in the document)',
      run: () => expectCallbackRead('callback-qimen-partdelivered.request.xml', QIMEN_PARTDELIVERED_CALLBACK),
    },
  };

  it('has a case for every request fixture of the folder', () => {
    const fixtures = readdirSync(FIXTURES).filter((name) => /\.(request\.(json|xml)|curl\.json)$/.test(name));
    expect(fixtures.sort()).toEqual(Object.keys(cases).sort());
  });

  it.each(Object.entries(cases).map(([file, { title }]) => [file, title]))('%s: %s', async (file) => {
    await cases[file]!.run();
  });
});
