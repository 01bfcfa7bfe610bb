import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandboxUnderTest, SandboxUnderTest } from '../testing/sandbox-under-test';
import { callWms } from './wms-signed-request';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as Record<string, unknown>;
}

type Shape = string | { [key: string]: Shape } | Shape[];

/** Keys and JSON types of a value; a list is described by the merged shape of its items. */
function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) {
    const merged: Record<string, Shape> = {};
    let scalar: Shape | undefined;
    for (const item of value) {
      const shape = shapeOf(item);
      if (typeof shape === 'object' && !Array.isArray(shape)) Object.assign(merged, shape);
      else scalar = shape;
    }
    return [scalar ?? (Object.keys(merged).length > 0 ? sortKeys(merged) : 'empty')];
  }
  if (value !== null && typeof value === 'object') {
    return sortKeys(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item)])));
  }
  return value === null ? 'null' : typeof value;
}

function sortKeys(value: Record<string, Shape>): Record<string, Shape> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, value[key]]),
  );
}

describe('WMS document examples replayed against the sandbox', () => {
  let sandbox: SandboxUnderTest;
  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 3 });
  });
  afterAll(() => sandbox.close());

  it('creates the documented single SKU with the documented answer', async () => {
    const response = await callWms(sandbox, 'INSERT_SKU_INFO', fixture('insert-sku-info.request.json'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(fixture('insert-sku-info.response.json'));
  });

  it('creates the documented combination of it', async () => {
    const response = await callWms(sandbox, 'INSERT_SKU_INFO', fixture('insert-sku-info-combination.request.json'));
    expect(response.json()).toEqual(fixture('insert-sku-info.response.json'));
  });

  it('answers a query with the keys and types of the documented Sku', async () => {
    const response = await callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', { page: 1, pageSize: 50, skus: ['sku1', 'sku1-x3'] });
    const body = response.json<{ total: number; result: { sku: string }[] }>();
    expect(body.total).toBe(2);
    expect(body.result.map((sku) => sku.sku)).toEqual(['sku1', 'sku1-x3']);
    expect(shapeOf(body)).toEqual(shapeOf(fixture('query-simple-list-sku.response.json')));
  });

  it('accepts the query with every documented filter at its sample value and answers the envelope', async () => {
    const response = await callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', fixture('query-simple-list-sku.request.json'));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({ errorCode: '', errorMsg: '', state: 'success', total: 0, result: [] });
    const documented = fixture('query-simple-list-sku.response.json');
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
  });

  it('applies the documented full update with the documented answer', async () => {
    const response = await callWms(sandbox, 'UPDATE_SKU_INFO', fixture('update-sku-info.request.json'));
    expect(response.json()).toEqual(fixture('update-sku-info.response.json'));
  });

  it('applies the documented status change with the documented answer', async () => {
    const response = await callWms(sandbox, 'UPDATE_SKU_STATUS', fixture('update-sku-status.request.json'));
    expect(response.json()).toEqual(fixture('update-sku-status.response.json'));
    expect((await sandbox.inject({ url: '/_sandbox/wms/skus/sku1' })).json<{ info: { enable: number } }>().info.enable).toBe(0);
  });

  it('answers an invalid request in the shape of the documented DATA_INPUT_ERROR', async () => {
    const response = await callWms(sandbox, 'UPDATE_SKU_STATUS', { sku: 'sku1', enable: 7 });
    expect(shapeOf(response.json())).toEqual(shapeOf(fixture('data-input-error.response.json')));
    expect(response.json()).toMatchObject({ errorCode: 'DATA_INPUT_ERROR', state: 'fail' });
  });
});
