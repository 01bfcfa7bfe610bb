import { MappingRepository, MappingValueTaken, StaleMappingTable, TransactionRunner } from '@serai/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import type { MappingDefaults } from '../ports/mapping-defaults';
import { InvalidMappingEntry } from './mapping-tables';
import { MappingService } from './mapping.service';

const DEFAULTS: MappingDefaults[] = [
  {
    table: 'courier-codes',
    source: 'test',
    entries: [
      { key: 'sf', value: { name: 'ShunFeng', nengmao: 'sf', aliases: ['顺丰', 'sfexpress'] } },
      { key: 'deppon', value: { name: 'DeBang', nengmao: 'dbl', aliases: ['德邦'] } },
    ],
  },
  {
    table: 'order-statuses',
    source: 'test',
    entries: [{ key: 'nengmao:4', value: { name: 'confirming cancellation', canonical: 'cancellation_requested' } }],
  },
];
const operator = { keyId: '6f1c6c2e-7a53-4a43-9f0e-2a8f6a1e9d11', name: 'merchandising' };

describe('MappingService: mapping tables as data, cached per instance (real PostgreSQL)', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  let now = 0;
  let hubA: MappingService;
  let hubB: MappingService;
  const repository = new MappingRepository();
  const version = async (table: 'courier-codes' | 'sku-xref' | 'order-statuses'): Promise<number> => (await hubA.entries(table)).version;

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    hubA = new MappingService(db.dataSource.manager, tx, repository, { refreshMs: 1_000, now: () => now });
    hubB = new MappingService(db.dataSource.manager, tx, repository, { refreshMs: 1_000, now: () => now });
  });
  afterAll(() => db.drop());

  it('writes the documents’ defaults once, and a deleted default stays deleted after a restart', async () => {
    expect(await hubA.ensureDefaults(DEFAULTS)).toEqual({ 'courier-codes': 2, 'order-statuses': 1, 'sku-xref': 0 });
    expect(await hubA.nengmaoCourierOf('SF')).toBe('sf');
    expect(await hubA.nengmaoCourierOf('德邦')).toBe('dbl');
    await hubA.remove('courier-codes', 'deppon', await version('courier-codes'), operator);
    expect(await hubB.ensureDefaults(DEFAULTS)).toEqual({ 'courier-codes': 0, 'order-statuses': 0, 'sku-xref': 0 });
    expect(await hubB.nengmaoCourierOf('deppon')).toBeUndefined();
    const history = await hubA.history('courier-codes', 10);
    expect(history[0]).toMatchObject({ key: 'deppon', newValue: null, actorName: 'merchandising', actorKeyId: operator.keyId });
    expect(history[0]?.oldValue).toEqual({ name: 'DeBang', nengmao: 'dbl', aliases: ['德邦'] });
  });

  it('translates 3PL goods numbers to canonical SKUs and back through the cross-reference', async () => {
    await hubA.put(
      'sku-xref',
      'SKU-000001',
      { merchantGoodsNo: 'M000001', warehouseGoodsNo: 'W000001', envoySkuNumber: 'ENV-000001' },
      await version('sku-xref'),
      operator,
    );
    expect(await hubA.canonicalSkuOf({ merchantGoodsNo: 'M000001' })).toBe('SKU-000001');
    expect(await hubA.canonicalSkuOf({ merchantGoodsNo: 'M999999', warehouseGoodsNo: 'W000001' })).toBe('SKU-000001');
    expect(await hubA.canonicalSkuOf({ merchantGoodsNo: 'M999999' })).toBeUndefined();
    expect(await hubA.identifiersOf('SKU-000001')).toEqual({
      merchantGoodsNo: 'M000001',
      warehouseGoodsNo: 'W000001',
      envoySkuNumber: 'ENV-000001',
    });
  });

  it('sees its own change at once, and another instance’s change once its cache is older than refreshMs', async () => {
    now = 10_000;
    expect(await hubB.nengmaoCourierOf('sf')).toBe('sf');
    await hubA.put(
      'courier-codes',
      'sf',
      { name: 'ShunFeng', nengmao: 'shunfeng', aliases: ['SF'] },
      await version('courier-codes'),
      operator,
    );
    expect(await hubA.nengmaoCourierOf('sf')).toBe('shunfeng');
    // hubB read the table less than refreshMs ago: it still trusts its cache ...
    expect(await hubB.nengmaoCourierOf('sf')).toBe('sf');
    now += 1_000;
    // ... and reloads the table once its version check is due.
    expect(await hubB.nengmaoCourierOf('sf')).toBe('shunfeng');
  });

  it('refuses a change made against a stale version, and writes nothing', async () => {
    const stale = (await version('courier-codes')) - 1;
    await expect(hubA.put('courier-codes', 'yto', { name: 'YuanTong', nengmao: 'yto' }, stale, operator)).rejects.toBeInstanceOf(
      StaleMappingTable,
    );
    expect(await hubA.entry('courier-codes', 'yto')).toBeUndefined();
  });

  it('refuses invalid entries naming every field, and identifiers another SKU already has', async () => {
    const v = await version('sku-xref');
    await expect(hubA.put('sku-xref', 'SKU 2', { merchantGoodsNo: '', colour: 'red' }, v, operator)).rejects.toEqual(
      new InvalidMappingEntry([
        { field: 'key', reason: 'must be a canonical SKU: 1 to 128 characters without spaces' },
        { field: 'value.colour', reason: 'is not a field of sku-xref (barcode, merchantGoodsNo, warehouseGoodsNo, envoySkuNumber)' },
        { field: 'value.merchantGoodsNo', reason: 'must be 1 to 64 characters without spaces' },
      ]),
    );
    await expect(hubA.put('sku-xref', 'SKU-000002', { merchantGoodsNo: 'M000001' }, v, operator)).rejects.toEqual(
      new MappingValueTaken('sku-xref', 'merchantGoodsNo'),
    );
    expect(await version('sku-xref')).toBe(v);
    await expect(
      hubA.put('order-statuses', 'nengmao:9', { name: 'x', canonical: 'lost' }, await version('order-statuses'), operator),
    ).rejects.toBeInstanceOf(InvalidMappingEntry);
  });
});
