import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@serai/common';
import { loadConnectionsFile } from './connections-file';

function fileWith(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'serai-conn-')), 'connections.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const envoy = {
  name: 'envoy-main',
  provider: 'nomad-envoy',
  baseUrl: 'https://nomad.samarkand-global.cn/envoy',
  credentials: { caKey: '${ENVOY_CA_KEY}' },
  options: { store: 'brand.store' },
};

describe('loadConnectionsFile', () => {
  it('reads connections and routes, taking credential references from the environment', () => {
    const path = fileWith({
      connections: [envoy],
      routes: [
        { name: 'orders-to-envoy', eventTypes: ['OrderAcknowledged'], connection: 'envoy-main', capability: 'orderSink.createOrder' },
      ],
    });
    const loaded = loadConnectionsFile(path, { ENVOY_CA_KEY: 'real-ca-key' });
    expect(loaded.connections[0]).toMatchObject({ name: 'envoy-main', provider: 'nomad-envoy', credentials: { caKey: 'real-ca-key' } });
    expect(loaded.routes?.[0]).toMatchObject({ name: 'orders-to-envoy', connection: 'envoy-main' });
  });

  it('names every bad field with the file, in one error', () => {
    const path = fileWith({ connections: [{ ...envoy, provider: 'amazon', baseUrl: 'not a url' }] });
    try {
      loadConnectionsFile(path, { ENVOY_CA_KEY: 'k' });
      throw new Error('expected a configuration error');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const problems = (error as ConfigurationError).problems.join('\n');
      expect(problems).toContain(`${path}: connections[0].provider`);
      expect(problems).toContain(`${path}: connections[0].baseUrl`);
    }
  });

  it('refuses a reference to a variable that is not set, without printing any secret', () => {
    const path = fileWith({ connections: [envoy] });
    expect(() => loadConnectionsFile(path, {})).toThrow(/credentials\.caKey refers to ENVOY_CA_KEY, which is not set/);
  });

  it('refuses a file that is not JSON', () => {
    expect(() => loadConnectionsFile(fileWith('{ not json'), {})).toThrow(/could not be read as JSON/);
  });
});
