import { SandboxClock } from '../core/sandbox-clock';
import { startSandboxUnderTest, SandboxUnderTest } from '../testing/sandbox-under-test';
import { callWms } from './wms-signed-request';

interface QueryBody {
  errorCode: string;
  state: string;
  total: number;
  result: { sku: string; title: string; enable: number; type: string; singleSkuList?: unknown[]; price?: number; color?: string }[];
}

const single = (sku: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  sku,
  title: `Title ${sku}`,
  type: 'SINGLE',
  weight: '1.25',
  netWeight: 1.1,
  weightUnit: 'KG',
  length: 10,
  width: 10,
  height: 10,
  dimensionUnit: 'CM',
  enable: 1,
  ...extra,
});

describe('WMS SKU endpoint', () => {
  let sandbox: SandboxUnderTest;
  const query = async (body: object): Promise<QueryBody> => (await callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', body)).json<QueryBody>();

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 250, seed: 7 });
  });
  afterAll(() => sandbox.close());

  it('lists catalogue SKUs with the documented defaults of page 1 and 100 per page', async () => {
    const body = await query({});
    expect(body).toMatchObject({ errorCode: '', state: 'success', total: 250 });
    expect(body.result).toHaveLength(100);
    expect(body.result[0].sku).toBe('SKU-000001');
  });

  it('pages with page and pageSize, up to 200 per page', async () => {
    const page3 = await query({ page: 3, pageSize: 100 });
    expect(page3.result.map((sku) => sku.sku)).toEqual(Array.from({ length: 50 }, (_, i) => `SKU-000${201 + i}`));
    expect((await query({ pageSize: 200 })).result).toHaveLength(200);
    expect((await callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', { pageSize: 201 })).json()).toMatchObject({
      errorCode: 'DATA_INPUT_ERROR',
      errorMsg: 'pageSize must be at most 200',
    });
  });

  it('knows every catalogue SKU with its catalogue title and category', async () => {
    const body = await query({ skus: ['SKU-000007', 'SKU-000250', 'SKU-999999'] });
    expect(body.result.map((sku) => sku.sku)).toEqual(['SKU-000007', 'SKU-000250']);
    const catalogue = (await sandbox.inject({ url: '/_sandbox/wms/skus/SKU-000007' })).json<{
      info: { title: string; categoryName1: string };
    }>();
    expect(body.result[0].title).toBe(catalogue.info.title);
  });

  it('filters by category and by exact title', async () => {
    const held = (await sandbox.inject({ url: '/_sandbox/wms/skus/SKU-000003' })).json<{ info: { title: string; categoryName1: string } }>()
      .info;
    const byCategory = await query({ categoryName1: held.categoryName1, pageSize: 200 });
    expect(byCategory.total).toBeGreaterThan(0);
    expect(byCategory.result.map((sku) => sku.sku)).toContain('SKU-000003');
    const byTitle = await query({ titles: [held.title], pageSize: 200 });
    expect(byTitle.result.every((sku) => sku.title === held.title)).toBe(true);
    expect(await query({ categoryName2: 'none such' })).toMatchObject({ total: 0, result: [] });
  });

  it('filters by update time in GMT+8, a date-only upper bound including the whole day', async () => {
    const clock = sandbox.app.get(SandboxClock);
    clock.advance(0);
    await callWms(sandbox, 'INSERT_SKU_INFO', single('TIMED-1'));
    const now = new Date(clock.nowMs() + 8 * 3_600_000).toISOString();
    const today = now.slice(0, 10);
    const fromToday = await query({ updateTimeFrom: today, updateTimeTo: today });
    expect(fromToday.result.map((sku) => sku.sku)).toEqual(['TIMED-1']);
    // The seeded catalogue was last updated on 2024-06-01.
    expect((await query({ updateTimeFrom: '2024-06-01', updateTimeTo: '2024-06-01 23:59:59' })).total).toBe(250);
    expect((await query({ updateTimeTo: '2024-05-31' })).total).toBe(0);
    expect((await callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', { updateTimeFrom: '26/09/2022' })).json()).toMatchObject({
      errorCode: 'DATA_INPUT_ERROR',
    });
  });

  it('filters by custom field value and by range', async () => {
    await callWms(
      sandbox,
      'INSERT_SKU_INFO',
      single('CF-1', {
        skuCustomFieldValueVOList: [
          { customFieldId: 2, value: '365' },
          { customFieldId: 1, value: '2025/01/15' },
        ],
      }),
    );
    await callWms(
      sandbox,
      'INSERT_SKU_INFO',
      single('CF-2', {
        skuCustomFieldValueVOList: [
          { customFieldId: 2, value: '30' },
          { customFieldId: 3, value: '张三' },
        ],
      }),
    );
    const long = await query({ skuCustomFieldValueSOList: [{ customFieldId: 2, from: '100', to: '1000' }] });
    expect(long.result.map((sku) => sku.sku)).toEqual(['CF-1']);
    const byDate = await query({ skuCustomFieldValueSOList: [{ customFieldId: 1, from: '2025/01/01', to: '2025/01/31' }] });
    expect(byDate.result.map((sku) => sku.sku)).toEqual(['CF-1']);
    const byName = await query({ skuCustomFieldValueSOList: [{ customFieldId: 3, value: '张三' }] });
    expect(byName.result.map((sku) => sku.sku)).toEqual(['CF-2']);
  });

  it('creates a single SKU that the query then returns, decimals as numbers', async () => {
    expect((await callWms(sandbox, 'INSERT_SKU_INFO', single('NEW-1', { color: 'red' }))).json()).toEqual({
      errorCode: '',
      errorMsg: '',
      state: 'success',
    });
    const body = await query({ skus: ['NEW-1'] });
    expect(body.result[0]).toMatchObject({ sku: 'NEW-1', title: 'Title NEW-1', weight: 1.25, color: 'red', enable: 1, type: 'SINGLE' });
  });

  it('creates a combination of existing singles and refuses one of unknown or combined parts', async () => {
    await callWms(sandbox, 'INSERT_SKU_INFO', single('PART-1'));
    const combo = single('COMBO-1', {
      type: 'COMBINATION',
      singleSkuList: [
        { sku: 'PART-1', quantity: 2 },
        { sku: 'SKU-000001', quantity: 1 },
      ],
    });
    expect((await callWms(sandbox, 'INSERT_SKU_INFO', combo)).json()).toMatchObject({ state: 'success' });
    expect((await query({ skus: ['COMBO-1'] })).result[0]).toMatchObject({
      type: 'COMBINATION',
      singleSkuList: [
        { sku: 'PART-1', quantity: 2 },
        { sku: 'SKU-000001', quantity: 1 },
      ],
    });
    const unknownPart = single('COMBO-2', { type: 'COMBINATION', singleSkuList: [{ sku: 'GHOST', quantity: 1 }] });
    expect((await callWms(sandbox, 'INSERT_SKU_INFO', unknownPart)).json()).toMatchObject({ errorCode: 'SKU_NOT_EXIST' });
    const nested = single('COMBO-3', { type: 'COMBINATION', singleSkuList: [{ sku: 'COMBO-1', quantity: 1 }] });
    expect((await callWms(sandbox, 'INSERT_SKU_INFO', nested)).json()).toMatchObject({ errorCode: 'DATA_INPUT_ERROR' });
    const empty = single('COMBO-4', { type: 'COMBINATION' });
    expect((await callWms(sandbox, 'INSERT_SKU_INFO', empty)).json()).toMatchObject({
      errorMsg: 'singleSkuList is required for a COMBINATION sku',
    });
  });

  it('keeps suppliers and refuses two default suppliers', async () => {
    const supplier = {
      name: 'Acme',
      isDefault: true,
      purchaserList: ['li.lei'],
      deliveryCycle: 5,
      purchasePrice: 12.5,
      purchasePriceUnit: 'CNY',
    };
    await callWms(sandbox, 'INSERT_SKU_INFO', single('SUP-1', { skuSupplierList: [supplier] }));
    expect((await query({ skus: ['SUP-1'] })).result[0]).toMatchObject({ skuSupplierList: [supplier] });
    const twoDefaults = single('SUP-2', { skuSupplierList: [supplier, { ...supplier, name: 'Other' }] });
    expect((await callWms(sandbox, 'INSERT_SKU_INFO', twoDefaults)).json()).toMatchObject({
      errorMsg: 'skuSupplierList must have at most one default supplier',
    });
    const badSupplier = single('SUP-3', { skuSupplierList: [{ name: 'X', isDefault: 'yes', purchaserList: [], deliveryCycle: 1 }] });
    expect((await callWms(sandbox, 'INSERT_SKU_INFO', badSupplier)).json()).toMatchObject({
      errorMsg: 'skuSupplierList[0].isDefault must be true or false',
    });
  });

  it('refuses an undefined custom field or a value of the wrong type', async () => {
    const unknown = single('CF-X', { skuCustomFieldValueVOList: [{ customFieldId: 99, value: 'a' }] });
    expect((await callWms(sandbox, 'INSERT_SKU_INFO', unknown)).json()).toMatchObject({
      errorMsg: 'skuCustomFieldValueVOList[0].customFieldId 99 is not a defined custom field',
    });
    const wrong = single('CF-Y', { skuCustomFieldValueVOList: [{ customFieldId: 4, value: 'WARM' }] });
    expect((await callWms(sandbox, 'INSERT_SKU_INFO', wrong)).json()).toMatchObject({
      errorMsg: 'skuCustomFieldValueVOList[0].value must be one of AMBIENT, CHILLED, FROZEN',
    });
  });

  it('discards carton fields when packingRate is not given, as the document says', async () => {
    await callWms(sandbox, 'INSERT_SKU_INFO', single('CARTON-1', { cartonLength: 40, cartonWeightUnit: 'KG' }));
    await callWms(sandbox, 'INSERT_SKU_INFO', single('CARTON-2', { packingRate: 12, cartonLength: 40, cartonDimensionUnit: 'cm' }));
    const held = async (sku: string): Promise<Record<string, unknown>> =>
      (await sandbox.inject({ url: `/_sandbox/wms/skus/${sku}` })).json<{ info: Record<string, unknown> }>().info;
    expect((await held('CARTON-1')).cartonLength).toBeUndefined();
    expect(await held('CARTON-2')).toMatchObject({ packingRate: 12, cartonLength: 40, cartonDimensionUnit: 'cm' });
  });

  it('replaces a SKU fully on update, clearing optional fields left out', async () => {
    await callWms(sandbox, 'INSERT_SKU_INFO', single('UPD-1', { color: 'blue', price: 10 }));
    const answer = await callWms(sandbox, 'UPDATE_SKU_INFO', single('UPD-1', { title: 'Renamed', price: 12.5 }));
    expect(answer.json()).toEqual({ errorCode: '', errorMsg: '', state: 'success' });
    const [updated] = (await query({ skus: ['UPD-1'] })).result;
    expect(updated).toMatchObject({ title: 'Renamed', price: 12.5 });
    expect(updated.color).toBeUndefined();
    expect((await callWms(sandbox, 'UPDATE_SKU_INFO', single('UPD-1', { title: undefined }))).json()).toMatchObject({
      errorMsg: 'title is required',
    });
  });

  it('disables and enables a SKU', async () => {
    expect((await callWms(sandbox, 'UPDATE_SKU_STATUS', { sku: 'SKU-000002', enable: 0 })).json()).toMatchObject({ state: 'success' });
    expect((await query({ skus: ['SKU-000002'] })).result[0].enable).toBe(0);
    await callWms(sandbox, 'UPDATE_SKU_STATUS', { sku: 'SKU-000002', enable: '1' });
    expect((await query({ skus: ['SKU-000002'] })).result[0].enable).toBe(1);
  });

  it('takes SERVICE_TYPE from the query, a header or the body', async () => {
    for (const placement of ['query', 'header', 'body'] as const) {
      const response = await callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', { pageSize: 1 }, { placement });
      expect(response.json()).toMatchObject({ state: 'success', total: expect.any(Number) });
    }
  });
});

describe('WMS inspection under /_sandbox/wms', () => {
  let sandbox: SandboxUnderTest;
  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 4 });
  });
  afterAll(() => sandbox.close());

  it('shows a SKU as held, with its times, and 404 for an unknown one', async () => {
    const held = (await sandbox.inject({ url: '/_sandbox/wms/skus/SKU-000001' })).json();
    expect(held).toMatchObject({
      info: { sku: 'SKU-000001', type: 'SINGLE', enable: 1, weightUnit: 'KG' },
      updatedAt: '2024-06-01T01:00:00.000Z',
    });
    expect((await sandbox.inject({ url: '/_sandbox/wms/skus/NOPE' })).statusCode).toBe(404);
  });

  it('counts SKUs by state and type', async () => {
    await callWms(sandbox, 'UPDATE_SKU_STATUS', { sku: 'SKU-000004', enable: 0 });
    expect((await sandbox.inject({ url: '/_sandbox/wms/counts' })).json()).toEqual({
      total: 4,
      enabled: 3,
      disabled: 1,
      single: 4,
      combination: 0,
    });
    expect((await sandbox.inject({ url: '/_sandbox/wms/skus?enable=0' })).json()).toEqual({ skus: ['SKU-000004'] });
  });

  it('plants a SKU without authentication and refuses an invalid one', async () => {
    const planted = await sandbox.inject({ method: 'POST', url: '/_sandbox/wms/skus', payload: single('PLANTED-1') });
    expect(planted.statusCode).toBe(201);
    expect((await callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', { skus: ['PLANTED-1'] })).json()).toMatchObject({ total: 1 });
    const invalid = await sandbox.inject({ method: 'POST', url: '/_sandbox/wms/skus', payload: { sku: 'X' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ errorCode: 'DATA_INPUT_ERROR' });
  });
});
