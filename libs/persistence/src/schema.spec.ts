import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';

/** The schema's own rules, checked on PostgreSQL: what the database refuses, no code can slip in. */
describe('canonical schema constraints', () => {
  let db: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    await q(`INSERT INTO product (id, title_en) VALUES ('00000000-0000-4000-8000-000000000001', 'Face Cream')`);
  });
  afterAll(() => db.drop());

  it('stores money as numeric and reads it back as exact decimal text', async () => {
    await q(`INSERT INTO price (sku, kind, amount, currency, as_of) VALUES ('SKU-1', 'sale', '0.1', 'CNY', now())`);
    await q(`UPDATE price SET amount = amount + '0.2' WHERE sku = 'SKU-1'`);
    const [row] = (await q(`SELECT amount FROM price WHERE sku = 'SKU-1'`)) as { amount: string }[];
    expect(row?.amount).toBe('0.3000');
  });

  it('keeps the canonical price and each system’s confirmed price of one SKU side by side', async () => {
    await q(`INSERT INTO price (sku, kind, scope, amount, currency, as_of) VALUES ('SKU-2', 'sale', 'canonical', '99.00', 'CNY', now())`);
    await q(
      `INSERT INTO price (sku, kind, scope, amount, currency, as_of) VALUES ('SKU-2', 'sale', 'nengmao-demo', '99.00', 'CNY', now())`,
    );
    await q(`INSERT INTO price (sku, kind, scope, amount, currency, as_of) VALUES ('SKU-2', 'sale', 'tmg-demo', '98.00', 'CNY', now())`);
    await expect(
      q(`INSERT INTO price (sku, kind, scope, amount, currency, as_of) VALUES ('SKU-2', 'sale', 'tmg-demo', '1.00', 'CNY', now())`),
    ).rejects.toThrow(/price_pkey/);
  });

  it('refuses negative stock and a SKU known twice', async () => {
    await expect(q(`INSERT INTO inventory_level (sku, location, on_hand, as_of) VALUES ('SKU-1', 'WH1', -1, now())`)).rejects.toThrow(
      /check constraint/,
    );
    await q(`INSERT INTO sku (sku, product_id) VALUES ('SKU-1', '00000000-0000-4000-8000-000000000001')`);
    await expect(q(`INSERT INTO sku (sku, product_id) VALUES ('SKU-1', '00000000-0000-4000-8000-000000000001')`)).rejects.toThrow(
      /sku_pkey/,
    );
  });

  it('refuses a return number twice per source, and the same callback twice per store', async () => {
    const insertReturn = () =>
      q(
        `INSERT INTO return_request (id, return_number, source_connection_name, status, currency) VALUES (gen_random_uuid(), 'R-1', 'nengmao-demo', 'requested', 'CNY')`,
      );
    await insertReturn();
    await expect(insertReturn()).rejects.toThrow(/return_request_unique_source/);
    const insertCallback = () =>
      q(`INSERT INTO webhook_inbox (store, dedupe_key, body_format, body) VALUES ('haiku', 'DO-1|SHIPPED', 'xml', '<x/>')`);
    await insertCallback();
    await expect(insertCallback()).rejects.toThrow(/webhook_inbox_dedupe/);
  });

  it('refuses unknown states and provider kinds', async () => {
    await expect(
      q(`INSERT INTO connection (id, name, provider, base_url, credentials) VALUES (gen_random_uuid(), 'x', 'amazon', 'http://x', 'v1')`),
    ).rejects.toThrow(/connection_provider_check/);
    await expect(
      q(`INSERT INTO webhook_inbox (store, dedupe_key, body_format, body, state) VALUES ('haiku', 'k', 'json', '{}', 'lost')`),
    ).rejects.toThrow(/webhook_inbox_state_check/);
  });

  it('keeps one sync cursor per connection and stream', async () => {
    const [conn] = (await q(
      `INSERT INTO connection (id, name, provider, base_url, credentials) VALUES (gen_random_uuid(), 'pilot-demo', 'nomad-pilot', 'http://x', 'v1') RETURNING id`,
    )) as {
      id: string;
    }[];
    await q(`INSERT INTO sync_cursor (connection_id, stream) VALUES ($1, 'packages')`, [conn?.id]);
    await expect(q(`INSERT INTO sync_cursor (connection_id, stream) VALUES ($1, 'packages')`, [conn?.id])).rejects.toThrow(
      /sync_cursor_pkey/,
    );
  });

  it('records the applied migrations and is up to date', async () => {
    const rows = (await q(`SELECT name FROM schema_migration ORDER BY id`)) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual([
      'InitialSchema1764000000000',
      'Routes1764000000001',
      'ApiKeys1764000000002',
      'Reconciliation1764000000070',
    ]);
  });
});
