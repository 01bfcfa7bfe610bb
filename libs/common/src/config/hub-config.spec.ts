import { ConfigurationError, validateHubEnvironment } from './hub-environment';
import { loadHubConfig } from './hub-config';

describe('hub configuration', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadHubConfig({}, '/srv/serai');
    expect(config.http.port).toBe(3000);
    expect(config.role).toBe('all');
    expect(config.logging.level).toBe('info');
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toBe('/srv/serai/.data');
    expect(config.sandbox).toEqual({ enabled: true, port: 4100 });
    expect(config.reconciliation).toEqual({ scheduled: true });
  });

  it('turns the daily reconciliation schedule off with SCHEDULED_RECONCILIATION=false, and refuses anything but true or false', () => {
    expect(loadHubConfig({ SCHEDULED_RECONCILIATION: 'false' }).reconciliation).toEqual({ scheduled: false });
    expect(() => validateHubEnvironment({ SCHEDULED_RECONCILIATION: 'sometimes' })).toThrow(
      /SCHEDULED_RECONCILIATION must be true or false/,
    );
  });

  it('reads every documented variable', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadHubConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/serai',
      HUB_ROLE: 'WORKER',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/var/lib/serai',
      MASTER_KEY: key,
    });
    expect(config).toMatchObject({
      role: 'worker',
      http: { port: 8080 },
      database: { url: 'postgres://u:p@db:5432/serai', dataDir: '/var/lib/serai' },
      logging: { level: 'debug' },
      masterKey: key,
      sandbox: { enabled: false },
    });
  });

  it('names the variable and the problem when a setting is invalid', () => {
    expect(() => validateHubEnvironment({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => validateHubEnvironment({ HUB_ROLE: 'boss' })).toThrow(/HUB_ROLE must be one of all, api, worker \(got 'boss'\)/);
    expect(() => validateHubEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
  });

  it('requires a master key when an external database is configured', () => {
    expect(() => validateHubEnvironment({ DATABASE_URL: 'postgres://u:p@db/serai' })).toThrow(
      /MASTER_KEY is required when DATABASE_URL is set/,
    );
  });

  it('reports every invalid variable in one error', () => {
    try {
      validateHubEnvironment({ PORT: '0', LOG_LEVEL: 'loud' });
      throw new Error('expected a configuration error');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems).toHaveLength(2);
    }
  });

  it('never echoes the value of a secret setting in its error', () => {
    expect(() => validateHubEnvironment({ MASTER_KEY: 'hunter2-not-a-key' })).toThrow(/MASTER_KEY must be 32 random bytes/);
    try {
      validateHubEnvironment({ MASTER_KEY: 'hunter2-not-a-key', DATABASE_URL: 'mysql://user:s3cret@x' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
      expect(String(error)).not.toContain('s3cret');
    }
  });
});
