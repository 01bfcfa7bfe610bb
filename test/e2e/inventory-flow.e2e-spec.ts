import { CredentialCipher } from '@serai/common';
import { NENGMAO_BRAND_PROFILE, NengmaoConnectorFactory, NomadPilotConnectorFactory } from '@serai/connectors';
import { ConnectionRepository, InventoryRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { ConnectorRegistry } from '../../libs/engine/src/connections/connector-registry';
import { InventoryIntake, InventoryPusher } from '../../libs/engine/src/sync/inventory-sync';
import { testHttpService } from '../../libs/connectors/src/kernel/testing/replay-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Inventory, end to end on the sandbox: the 3PL's stock becomes canonical levels, and the
 * marketplace receives what it may sell (minus safety stock), incrementally and in full, in the
 * largest batches allowed, each SKU once however often it changed.
 */
describe('inventory: 3PL stock to canonical levels to the marketplace (e2e)', () => {
  let sandbox: SandboxUnderTest;
  let db: TestDatabase;
  let registry: ConnectorRegistry;
  let nengmaoId: string;
  let pilotId: string;
  const inventory = new InventoryRepository();
  const cursors = new SyncCursorRepository();
  let tx: TransactionRunner;
  const push = { owner: 'hub-test', leaseMs: 60_000, safetyStock: 5, fullEveryMs: 86_400_000 };

  const nengmaoStock = async (sku: string): Promise<number> =>
    (await sandbox.inject({ url: `/_sandbox/nengmao/stocks/${sku}` })).json<{ stocks: number }>().stocks;

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 30 });
    const url = await sandbox.listen();
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    const cipher = new CredentialCipher(Buffer.alloc(32, 6).toString('base64'));
    const connections = new ConnectionRepository();
    nengmaoId = (
      await tx.run((m) =>
        connections.create(m, {
          name: 'nengmao-demo',
          provider: 'nengmao-brand',
          baseUrl: `${url}/nengmao`,
          // Small batches make the batching visible with a small catalogue.
          options: { stocksPerUpdate: 10 },
          encryptedCredentials: cipher.encrypt({ appKey: 'demo-app-key', appSecret: 'demo-app-secret' }),
        }),
      )
    ).id;
    pilotId = (
      await tx.run((m) =>
        connections.create(m, {
          name: 'pilot-demo',
          provider: 'nomad-pilot',
          baseUrl: `${url}/pilot`,
          options: { carrier: 'samarkand.sfexpress.test' },
          encryptedCredentials: cipher.encrypt({ caKey: 'demo-ca-key' }),
        }),
      )
    ).id;
    const http = testHttpService();
    registry = new ConnectorRegistry(
      db.dataSource.manager,
      connections,
      cipher,
      [new NengmaoConnectorFactory(http, NENGMAO_BRAND_PROFILE), new NomadPilotConnectorFactory(http)],
      {
        record: () => undefined,
      },
    );
  });
  afterAll(async () => {
    await db.drop();
    await sandbox.close();
  });

  it('reads every 3PL product’s stock into canonical levels, and reading it again changes nothing', async () => {
    const source = (await registry.resolveByName('pilot-demo'))?.inventorySource;
    if (!source) throw new Error('the Pilot connector offers no inventory source');
    const intake = new InventoryIntake(db.dataSource.manager, tx, inventory, cursors, { owner: 'hub-test', leaseMs: 60_000 });
    const first = await intake.run(pilotId, source);
    expect(first).toEqual({ read: 30, changed: 30 });
    expect(await intake.run(pilotId, source)).toEqual({ read: 30, changed: 0 });
    // The 3PL names products by its merchant goods number; the SKU cross-reference that maps them
    // to marketplace SKUs is the engine issue's mapping tables.
    const [row] = (await db.dataSource.query(`SELECT sku, on_hand FROM inventory_level ORDER BY sku LIMIT 1`)) as {
      sku: string;
      on_hand: number;
    }[];
    expect(row?.sku).toBe('M000001');
  });

  it('pushes every SKU in full first, in batches, minus the safety stock', async () => {
    await db.dataSource.query(`DELETE FROM inventory_level`);
    const skus = Array.from({ length: 25 }, (_, i) => `SKU-${String(i + 1).padStart(6, '0')}`);
    await tx.run((m) =>
      inventory.record(
        m,
        skus.map((sku, i) => ({ sku, location: 'WH1', onHand: 100 + i, reserved: 3, asOf: new Date() })),
      ),
    );
    const sink = (await registry.resolveByName('nengmao-demo'))?.inventorySink;
    if (!sink) throw new Error('the Nengmao connector offers no inventory sink');
    const pusher = new InventoryPusher(db.dataSource.manager, inventory, cursors);
    expect(await pusher.run(nengmaoId, sink, push)).toEqual({ mode: 'full', skus: 25, calls: 3, failed: 0 });
    expect(await nengmaoStock('SKU-000001')).toBe(100 - 3 - 5);
    expect(await nengmaoStock('SKU-000025')).toBe(124 - 3 - 5);
  });

  it('then pushes only what changed, each SKU once however often it changed, and nothing when nothing did', async () => {
    const sink = (await registry.resolveByName('nengmao-demo'))?.inventorySink;
    if (!sink) throw new Error('the Nengmao connector offers no inventory sink');
    const pusher = new InventoryPusher(db.dataSource.manager, inventory, cursors);
    expect(await pusher.run(nengmaoId, sink, push)).toEqual({ mode: 'incremental', skus: 0, calls: 0, failed: 0 });
    for (const onHand of [40, 35, 30]) {
      await tx.run((m) => inventory.record(m, [{ sku: 'SKU-000002', location: 'WH1', onHand, reserved: 0, asOf: new Date() }]));
    }
    await tx.run((m) => inventory.record(m, [{ sku: 'SKU-000007', location: 'WH1', onHand: 2, reserved: 0, asOf: new Date() }]));
    expect(await pusher.run(nengmaoId, sink, push)).toEqual({ mode: 'incremental', skus: 2, calls: 1, failed: 0 });
    expect(await nengmaoStock('SKU-000002')).toBe(25);
    // Never below zero: 2 on hand with a safety stock of 5 shows 0.
    expect(await nengmaoStock('SKU-000007')).toBe(0);
    expect(await pusher.run(nengmaoId, sink, push)).toEqual({ mode: 'incremental', skus: 0, calls: 0, failed: 0 });
  });
});
