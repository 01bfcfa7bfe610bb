import { Writable } from 'node:stream';
import { CredentialCipher, createLogger } from '@serai/common';
import { MappingService } from '@serai/engine';
import { ConnectionRepository, MappingRepository, RouteRepository, TransactionRunner } from '@serai/persistence';
import { SandboxUnderTest, startSandboxUnderTest } from '../../../sandbox/src/testing/sandbox-under-test';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { demoSkuXref } from './demo-sku-xref';
import { DemoTopology } from './demo-topology';

describe('demo topology: stock flows from the sandbox 3PL to nengmao-demo with no setup', () => {
  let db: TestDatabase;
  let sandbox: SandboxUnderTest;
  let url: string;
  let topology: DemoTopology;
  let mappings: MappingService;
  const routes = new RouteRepository();

  beforeAll(async () => {
    db = await createTestDatabase();
    sandbox = await startSandboxUnderTest({ skus: 12 });
    url = await sandbox.listen();
    const tx = new TransactionRunner(db.dataSource);
    const logger = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });
    const mappingRows = new MappingRepository();
    mappings = new MappingService(db.dataSource.manager, tx, mappingRows, { refreshMs: 1_000 });
    topology = new DemoTopology(
      tx,
      new ConnectionRepository(),
      routes,
      new CredentialCipher(Buffer.alloc(32, 4).toString('base64')),
      logger,
      demoSkuXref(tx, mappingRows, mappings, logger),
    );
  });
  afterAll(async () => {
    await sandbox.close();
    await db.drop();
  });

  it('routes InventoryChanged to nengmao-demo and fills the SKU cross-reference from the sandbox catalogue, once', async () => {
    await topology.ensure(url);
    const stock = (await routes.list(db.dataSource.manager)).find((r) => r.name === 'stock-to-nengmao');
    expect(stock).toMatchObject({
      eventTypes: ['InventoryChanged'],
      connectionName: 'nengmao-demo',
      capability: 'inventorySink.pushStock',
    });
    expect(await mappings.canonicalSkuOf({ merchantGoodsNo: 'M000007' })).toBe('SKU-000007');
    expect(await mappings.canonicalSkuOf({ warehouseGoodsNo: 'W000012' })).toBe('SKU-000012');
    const { version } = await mappings.entries('sku-xref');
    await topology.ensure(url);
    expect((await mappings.entries('sku-xref')).version).toBe(version);
  });
});
