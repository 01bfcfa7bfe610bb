import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { SkuCrossReferenceRepository } from './sku-cross-reference.repository';

describe('SKU cross-reference on PostgreSQL', () => {
  let db: TestDatabase;
  const repository = new SkuCrossReferenceRepository();
  let pilot: string;
  let other: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    await q(`INSERT INTO product (id, title_en) VALUES ('00000000-0000-4000-8000-000000000001', 'Face Cream')`);
    await q(
      `INSERT INTO sku (sku, product_id, barcodes, item_numbers) VALUES
         ('SKU-1', '00000000-0000-4000-8000-000000000001', '{6901234567892}', '{"merchantGoodsNo": "M000001", "warehouseGoodsNo": "W000001"}'),
         ('SKU-2', '00000000-0000-4000-8000-000000000001', '{}', '{}')`,
    );
    const connection = async (name: string) =>
      (
        (await q(
          `INSERT INTO connection (id, name, provider, base_url, credentials) VALUES (gen_random_uuid(), $1, 'nomad-pilot', 'http://x', 'v1') RETURNING id`,
          [name],
        )) as { id: string }[]
      )[0]?.id ?? '';
    pilot = await connection('pilot-a');
    other = await connection('pilot-b');
    await q(`INSERT INTO external_ref (entity_type, entity_id, connection_id, external_id) VALUES ('sku', 'SKU-2', $1, 'THEIRS-2')`, [
      pilot,
    ]);
  });
  afterAll(() => db.drop());

  it('finds SKUs by the SKU master’s item numbers and barcodes, and by references bound to the connection', async () => {
    const found = await repository.resolve(db.dataSource.manager, pilot, [
      'M000001',
      'W000001',
      '6901234567892',
      'THEIRS-2',
      'SKU-2',
      'NOPE',
    ]);
    expect(Object.fromEntries(found)).toEqual({
      M000001: 'SKU-1',
      W000001: 'SKU-1',
      '6901234567892': 'SKU-1',
      'THEIRS-2': 'SKU-2',
      'SKU-2': 'SKU-2',
    });
  });

  it('does not use another connection’s references', async () => {
    expect(Object.fromEntries(await repository.resolve(db.dataSource.manager, other, ['THEIRS-2']))).toEqual({});
    expect((await repository.resolve(db.dataSource.manager, pilot, [])).size).toBe(0);
  });
});
