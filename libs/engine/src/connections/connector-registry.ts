import { CredentialCipher } from '@serai/common';
import type { ConnectionEntity, ConnectionRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { ProviderConnector } from '../ports/capabilities';
import type { ConnectionConfig } from '../ports/connection-config';
import type { CallTraceSink, ConnectorFactory } from '../ports/connector-factory';
import type { ProviderKind } from '../ports/provider-kind';
import type { ConnectorResolver } from '../delivery/delivery-worker';

export class UnknownProvider extends Error {
  constructor(readonly provider: string) {
    super(`No connector is registered for provider ${provider}`);
    this.name = 'UnknownProvider';
  }
}

/**
 * Builds connectors for stored connections through the registered factories, decrypting their
 * credentials only in memory, and keeps one per connection until the connection changes (its
 * `version`), so a credential or base URL change takes effect on the next delivery.
 */
export class ConnectorRegistry implements ConnectorResolver {
  private readonly factories: ReadonlyMap<ProviderKind, ConnectorFactory>;
  private readonly built = new Map<string, { version: number; name: string; connector: ProviderConnector }>();

  constructor(
    private readonly db: EntityManager,
    private readonly connections: ConnectionRepository,
    private readonly cipher: CredentialCipher,
    factories: readonly ConnectorFactory[],
    private readonly trace: CallTraceSink,
  ) {
    this.factories = new Map(factories.map((f) => [f.provider, f]));
  }

  supports(provider: string): provider is ProviderKind {
    return this.factories.has(provider as ProviderKind);
  }

  async resolve(
    connectionId: string,
  ): Promise<{ connector: ProviderConnector; connectionName: string; options: Readonly<Record<string, unknown>> } | undefined> {
    const row = await this.connections.findById(this.db, connectionId);
    if (!row || !row.enabled) return undefined;
    return { connector: this.connectorFor(row), connectionName: row.name, options: row.options };
  }

  async resolveByName(name: string): Promise<ProviderConnector | undefined> {
    const row = await this.connections.findByName(this.db, name);
    return row && row.enabled ? this.connectorFor(row) : undefined;
  }

  connectorFor(row: ConnectionEntity): ProviderConnector {
    const cached = this.built.get(row.id);
    if (cached && cached.version === row.version) return cached.connector;
    const factory = this.factories.get(row.provider);
    if (!factory) throw new UnknownProvider(row.provider);
    const config: ConnectionConfig = {
      name: row.name,
      provider: row.provider,
      baseUrl: row.baseUrl,
      credentials: this.cipher.decrypt(row.encryptedCredentials),
      options: row.options,
    };
    const connector = factory.create(config, this.trace);
    this.built.set(row.id, { version: row.version, name: row.name, connector });
    return connector;
  }
}
