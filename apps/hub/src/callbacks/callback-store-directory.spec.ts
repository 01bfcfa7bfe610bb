import { CredentialCipher, createLogger } from '@serai/common';
import { ConnectionRepository } from '@serai/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { CallbackStoreDirectory, CallbackStoreMisconfigured } from './callback-store-directory';

describe('CallbackStoreDirectory (on PostgreSQL)', () => {
  let db: TestDatabase;
  const cipher = new CredentialCipher(Buffer.alloc(32, 5).toString('base64'));
  const connections = new ConnectionRepository();
  const logger = createLogger({ level: 'silent' });
  let nowMs = 0;
  let queries = 0;

  const pilot = (name: string, options: Record<string, unknown>, credentials: Record<string, string>) =>
    connections.create(db.dataSource.manager, {
      name,
      provider: 'nomad-pilot',
      baseUrl: 'http://pilot',
      options: { carrier: 'samarkand.sfexpress.test', ...options },
      encryptedCredentials: cipher.encrypt(credentials),
    });
  const directory = (ttlMs: number): CallbackStoreDirectory => {
    const counting = Object.create(connections) as ConnectionRepository;
    counting.findByCallbackStore = (m, store) => {
      queries += 1;
      return connections.findByCallbackStore(m, store);
    };
    return new CallbackStoreDirectory(db.dataSource.manager, counting, cipher, logger, ttlMs, () => nowMs);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await pilot('pilot-a', { callbackStores: ['haiku', 'samarkand.sfexpress.test'] }, { caKey: 'c', callbackKey: 'key-a' });
    await pilot('pilot-b', { callbackStores: ['shared'] }, { caKey: 'c', callbackKey: 'key-b' });
    await pilot('pilot-c', { callbackStores: ['shared'] }, { caKey: 'c', callbackKey: 'key-c' });
    await pilot('pilot-broken', { callbackStores: ['broken'] }, { caKey: 'c' });
  });
  afterAll(() => db.drop());
  beforeEach(() => {
    nowMs = 0;
    queries = 0;
  });

  it('finds the connection that lists a store, with its key decrypted', async () => {
    const entry = await directory(5_000).resolve('samarkand.sfexpress.test');
    expect(entry).toMatchObject({
      connectionName: 'pilot-a',
      enabled: true,
      settings: { stores: ['haiku', 'samarkand.sfexpress.test'], key: 'key-a' },
    });
  });

  it('caches answers, unknown stores too, for the period, and shares one query among concurrent misses', async () => {
    const cached = directory(5_000);
    await Promise.all([cached.resolve('haiku'), cached.resolve('haiku'), cached.resolve('haiku')]);
    expect(await cached.resolve('nobody')).toBeUndefined();
    expect(await cached.resolve('nobody')).toBeUndefined();
    expect(queries).toBe(2);
    nowMs += 5_000;
    await cached.resolve('haiku');
    expect(queries).toBe(3);
  });

  it('never queries for a name that cannot be a store', async () => {
    expect(await directory(5_000).resolve('../etc')).toBeUndefined();
    expect(queries).toBe(0);
  });

  it('refuses a store claimed twice or a connection without its callback key', async () => {
    await expect(directory(5_000).resolve('shared')).rejects.toThrow(CallbackStoreMisconfigured);
    await expect(directory(5_000).resolve('broken')).rejects.toThrow(/credentials.callbackKey is required/);
  });
});
