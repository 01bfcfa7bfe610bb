import { CredentialCipher } from '@serai/common';
import { ConnectionRepository, TransactionRunner } from '@serai/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import type { ConnectionConfig } from '../ports/connection-config';
import type { ConnectorFactory } from '../ports/connector-factory';
import { ConnectorRegistry, UnknownProvider } from './connector-registry';

describe('ConnectorRegistry', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  const cipher = new CredentialCipher(Buffer.alloc(32, 4).toString('base64'));
  const connections = new ConnectionRepository();
  const seen: ConnectionConfig[] = [];
  const envoyFactory: ConnectorFactory = {
    provider: 'nomad-envoy',
    create: (config) => {
      seen.push(config);
      return { testConnection: async () => ({ ok: true, message: config.baseUrl, latencyMs: 0 }) };
    },
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
  });
  afterAll(() => db.drop());

  it('builds a connector with decrypted credentials, once per connection version', async () => {
    const created = await tx.run((m) =>
      connections.create(m, {
        name: 'envoy-demo',
        provider: 'nomad-envoy',
        baseUrl: 'http://localhost:4100/envoy',
        options: { store: 'samarkand.youzan.test' },
        encryptedCredentials: cipher.encrypt({ caKey: 'demo-ca-key' }),
      }),
    );
    const registry = new ConnectorRegistry(db.dataSource.manager, connections, cipher, [envoyFactory], { record: () => undefined });
    const first = await registry.resolve(created.id);
    const again = await registry.resolve(created.id);
    expect(first?.connectionName).toBe('envoy-demo');
    expect(again?.connector).toBe(first?.connector);
    expect(seen).toEqual([
      {
        name: 'envoy-demo',
        provider: 'nomad-envoy',
        baseUrl: 'http://localhost:4100/envoy',
        credentials: { caKey: 'demo-ca-key' },
        options: { store: 'samarkand.youzan.test' },
      },
    ]);

    await tx.run((m) => connections.update(m, 'envoy-demo', 1, { baseUrl: 'https://nomad.samarkand-global.cn/envoy' }));
    const rebuilt = await registry.resolve(created.id);
    expect(rebuilt?.connector).not.toBe(first?.connector);
    expect((await rebuilt?.connector.testConnection())?.message).toBe('https://nomad.samarkand-global.cn/envoy');
  });

  it('answers nothing for a disabled connection, and refuses a stale update', async () => {
    const row = await connections.findByName(db.dataSource.manager, 'envoy-demo');
    expect(await tx.run((m) => connections.update(m, 'envoy-demo', 1, { enabled: false }))).toBeUndefined();
    await tx.run((m) => connections.update(m, 'envoy-demo', row?.version ?? 0, { enabled: false }));
    const registry = new ConnectorRegistry(db.dataSource.manager, connections, cipher, [envoyFactory], { record: () => undefined });
    expect(await registry.resolve(row?.id ?? '')).toBeUndefined();
  });

  it('says which provider has no connector', async () => {
    const created = await tx.run((m) =>
      connections.create(m, { name: 'wms-demo', provider: 'wms', baseUrl: 'http://x', encryptedCredentials: cipher.encrypt({}) }),
    );
    const registry = new ConnectorRegistry(db.dataSource.manager, connections, cipher, [envoyFactory], { record: () => undefined });
    await expect(registry.resolve(created.id)).rejects.toBeInstanceOf(UnknownProvider);
  });
});
