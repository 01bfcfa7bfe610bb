import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Instant } from '@serai/domain';
import type { ConnectionConfig } from '@serai/engine/ports';
import { collectCalls, fixturesIn, ReplayServer, sendJson, startReplayServer, testHttpService } from '../kernel/testing/replay-server';
import type { WmsClient } from './wms.client';
import { WmsConnectorFactory } from './wms.factory';
import type { SkuInfo } from './wire/sku';

/**
 * The WMS document has no JSON example at all (only tables with a Sample column), so every request
 * fixture is derived: assembled from the tables (fixtures/README.md). Each is rebuilt here by the
 * connector from typed input, sent over HTTP (ADR 0005 transport) and its body compared with the
 * fixture; the operation travels as `?SERVICE_TYPE=`, asserted with it.
 */

const FIXTURES = join(__dirname, 'fixtures');
const { fixtureJson } = fixturesIn(FIXTURES);

const INSERT: SkuInfo = {
  sku: 'sku1',
  title: 'abc',
  barcode: '6901234567892',
  type: 'SINGLE',
  picUrl: 'https://img.example.com/sku1.jpg',
  saleStatus: 'ON_SALE',
  weight: '0.5',
  netWeight: '0.45',
  weightUnit: 'KG',
  abbrTitle: 'abc',
  brand: 'Samarkand Naturals',
  unit: 'PCS',
  color: 'white',
  size: '100ml',
  length: '10',
  width: '5',
  height: '15',
  dimensionUnit: 'CM',
  itemPackage: 1,
  description: '深层保湿面霜',
  descriptionEn: 'Deep Moisture Face Cream',
  functionDescription: 'Moisturising',
  enable: 1,
  packingRate: 24,
  cartonLength: '40',
  cartonWidth: '30',
  cartonHeight: '35',
  cartonWeight: '12.5',
  cartonNetWeight: '10.8',
  cartonDimensionUnit: 'cm',
  cartonWeightUnit: 'KG',
  chineseCustomsDeclarationName: '面霜',
  englishCustomsDeclarationName: 'Face cream',
  cdPriceMethod: 'RATE',
  cdPriceRate: '0.6',
  cdPriceMaximum: '200',
  customsDeclarationPrice: '120',
  customsDeclarationPriceUnit: 'CNY',
  customsCode: '3304990000',
  exportTax: '0',
  declaration: 'Cosmetics, non-hazardous',
  dangerousTransportGoodsType: 'NONE',
  batteryType: 0,
  ccPriceMethod: 'CONSTANT',
  ccPriceRate: '1',
  ccPriceMaximum: '300',
  ccPrice: '150',
  ccPriceUnit: 'GBP',
  needQualityInspection: false,
  price: '259.9',
  priceUnit: 'CNY',
  asin: 'B000000001',
  customProp1: 'W000001',
  customProp2: 'GB',
  customProp3: 'batch-a',
  categoryName1: 'Skincare',
  categoryName2: 'Face',
  categoryName3: 'Cream',
  remarkName: 'Description',
  singleBoxCode: 'BOX-sku1',
  singleItemVolume: '750',
  skuCustomFieldValueVOList: [{ customFieldId: 3, value: 'michael' }],
  purchaseCost: '80.5',
  purchaseCostUnit: 'CNY',
  skuSupplierList: [
    {
      name: 'Supplier name',
      isDefault: true,
      purchaserList: ['buyer.zhang'],
      deliveryCycle: 7,
      purchasePrice: '80.5',
      purchasePriceUnit: 'CNY',
      minimumPurchaseQuantity: 10,
      purchaseTaxRate: '13',
      drawbackRate: '9',
      purchaseUrl: 'https://supplier.example.com/sku1',
    },
  ],
  isRelatedSingleCost: false,
  warehouseNameList: ['warehouseName1'],
};

/** UPDATE_SKU_INFO takes no warehouseNameList; the update changes title, price and custom fields. */
const { warehouseNameList: _notUpdatable, ...INSERTED } = INSERT;
const UPDATE: Omit<SkuInfo, 'warehouseNameList'> = {
  ...INSERTED,
  title: 'abc (new formula)',
  price: '279.9',
  skuCustomFieldValueVOList: [
    { customFieldId: 3, value: 'michael' },
    { customFieldId: 2, value: '720' },
  ],
};

const COMBINATION: SkuInfo = {
  sku: 'sku1-x3',
  title: 'abc gift set of 3',
  type: 'COMBINATION',
  weight: '1.6',
  netWeight: '1.35',
  weightUnit: 'KG',
  length: '30',
  width: '15',
  height: '15',
  dimensionUnit: 'CM',
  enable: 1,
  singleSkuList: [{ sku: 'sku1', quantity: 3 }],
  isRelatedSingleCost: true,
  price: '699',
  priceUnit: 'CNY',
};

const ANSWERS: Readonly<Record<string, string>> = {
  QUERY_SIMPLE_LIST_SKU: 'query-simple-list-sku.response.json',
  INSERT_SKU_INFO: 'insert-sku-info.response.json',
  UPDATE_SKU_INFO: 'update-sku-info.response.json',
  UPDATE_SKU_STATUS: 'update-sku-status.response.json',
};

describe('WMS request examples (all derived from the document tables) rebuilt by the connector', () => {
  let server: ReplayServer;

  beforeAll(async () => {
    server = await startReplayServer();
    server.handle((request, response) =>
      sendJson(response, 200, fixtureJson(ANSWERS[request.url.searchParams.get('SERVICE_TYPE') ?? ''] ?? '')),
    );
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  function client(): WmsClient {
    const connection: ConnectionConfig = {
      name: 'wms-examples',
      provider: 'wms',
      baseUrl: server.baseUrl,
      credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
      options: { timeoutMs: 1_000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
    };
    return new WmsConnectorFactory(testHttpService()).create(connection, collectCalls()).client;
  }

  /** The one request sent: `POST /api/v1/sku?SERVICE_TYPE=…` and its body parsed. */
  function sentBody(serviceType: string): unknown {
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect([request!.method, request!.url.pathname, request!.url.search]).toEqual(['POST', '/api/v1/sku', `?SERVICE_TYPE=${serviceType}`]);
    return JSON.parse(request!.body);
  }

  const cases: Record<string, { title: string; run: () => Promise<void> }> = {
    'query-simple-list-sku.request.json': {
      title:
        'QUERY_SIMPLE_LIST_SKU with every filter (derived); the connector writes update times with a time of day (ADR 0005), so the sample day 2022-09-26 is expected as 00:00:00 to 23:59:59 GMT+8',
      run: async () => {
        await client().querySkusPage(
          {
            categoryName1: 'Level 1 product classification',
            categoryName2: 'Secondary product categories',
            categoryName3: 'Three levels of product classification',
            updatedFrom: Instant.parse('2022-09-25T16:00:00Z'),
            updatedTo: Instant.parse('2022-09-26T15:59:59Z'),
            skus: ['123', '456'],
            titles: ['The title of the product '],
            customFields: [
              { customFieldId: 3, value: '张三' },
              { customFieldId: 1, from: '1970/01/01', to: '1971/01/01' },
            ],
          },
          1,
          50,
        );
        expect(sentBody('QUERY_SIMPLE_LIST_SKU')).toEqual({
          ...fixtureJson('query-simple-list-sku.request.json'),
          updateTimeFrom: '2022-09-26 00:00:00',
          updateTimeTo: '2022-09-26 23:59:59',
        });
      },
    },
    'insert-sku-info.request.json': {
      title: 'INSERT_SKU_INFO of a SINGLE with every field, decimals as numbers (derived)',
      run: async () => {
        await client().insertSku(INSERT);
        expect(sentBody('INSERT_SKU_INFO')).toEqual(fixtureJson('insert-sku-info.request.json'));
      },
    },
    'insert-sku-info-combination.request.json': {
      title: 'INSERT_SKU_INFO of a COMBINATION of three sku1 (derived)',
      run: async () => {
        await client().insertSku(COMBINATION);
        expect(sentBody('INSERT_SKU_INFO')).toEqual(fixtureJson('insert-sku-info-combination.request.json'));
      },
    },
    'update-sku-info.request.json': {
      title: 'UPDATE_SKU_INFO full replacement without warehouseNameList (derived)',
      run: async () => {
        await client().updateSku(UPDATE);
        expect(sentBody('UPDATE_SKU_INFO')).toEqual(fixtureJson('update-sku-info.request.json'));
      },
    },
    'update-sku-status.request.json': {
      title: 'UPDATE_SKU_STATUS disabling sku1 as enable 0 (derived)',
      run: async () => {
        await client().setSkuEnabled('sku1', false);
        expect(sentBody('UPDATE_SKU_STATUS')).toEqual(fixtureJson('update-sku-status.request.json'));
      },
    },
  };

  it('has a case for every request fixture of the folder', () => {
    const fixtures = readdirSync(FIXTURES).filter((name) => /\.request\.(json|xml)$/.test(name));
    expect(fixtures.sort()).toEqual(Object.keys(cases).sort());
  });

  it.each(Object.entries(cases).map(([file, { title }]) => [file, title]))('%s: %s', async (file) => {
    await cases[file]!.run();
  });
});
