import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { CredentialCipher, CredentialDecryptionError, RequestValidationError } from '@serai/common';
import { ConnectorRegistry, UnknownProvider } from '@serai/engine';
import { ConnectionEntity, ConnectionNameTaken, ConnectionRepository, RouteRepository, TransactionRunner } from '@serai/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import { ConnectionDto, ConnectionTestDto, CreateConnectionBody, UpdateConnectionBody } from './connection.dto';
import { StaleEntityTag } from './entity-tag';

/** The list's fields, one per column: the names of the credentials set, never a credential. */
export const CONNECTION_EXPORT_COLUMNS: readonly ExportColumn<ConnectionDto>[] = [
  { header: 'name', value: (c) => c.name },
  { header: 'provider', value: (c) => c.provider },
  { header: 'baseUrl', value: (c) => c.baseUrl },
  { header: 'options', value: (c) => c.options },
  { header: 'credentialNames', value: (c) => c.credentialNames.join('|') },
  { header: 'enabled', value: (c) => c.enabled },
  { header: 'version', value: (c) => c.version },
  { header: 'createdAt', value: (c) => c.createdAt },
  { header: 'updatedAt', value: (c) => c.updatedAt },
];

/** Connections as the API shows and changes them; credentials go in encrypted and never come out. */
@Injectable()
export class ConnectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly connections: ConnectionRepository,
    private readonly routes: RouteRepository,
    private readonly cipher: CredentialCipher,
    private readonly registry: ConnectorRegistry,
  ) {}

  async listConnections(): Promise<ConnectionDto[]> {
    const rows = await this.connections.list(this.dataSource.manager);
    return rows.map((row) => this.toDto(row));
  }

  /** Every connection as the list shows it; the list is one page (connections are few), so is the export. */
  exportConnections(): ListExport<ConnectionDto> {
    const pages = walkPages<ConnectionDto, never>(async () => ({ rows: await this.listConnections() }));
    return { name: 'connections', columns: CONNECTION_EXPORT_COLUMNS, pages };
  }

  async getConnection(name: string): Promise<ConnectionDto> {
    return this.toDto(await this.existing(this.dataSource.manager, name));
  }

  async createConnection(body: CreateConnectionBody): Promise<ConnectionDto> {
    try {
      const row = await this.tx.run((m) =>
        this.connections.create(m, {
          name: body.name,
          provider: body.provider,
          baseUrl: body.baseUrl,
          options: body.options ?? {},
          encryptedCredentials: this.cipher.encrypt(body.credentials),
          enabled: body.enabled ?? true,
        }),
      );
      return this.toDto(row);
    } catch (error) {
      if (error instanceof ConnectionNameTaken) throw new ConflictException(error.message);
      throw error;
    }
  }

  /** Applies a partial change; `expectedVersion` (from If-Match) must still be current. */
  async updateConnection(name: string, expectedVersion: number | undefined, body: UpdateConnectionBody): Promise<ConnectionDto> {
    if (body.baseUrl === undefined && body.credentials === undefined && body.options === undefined && body.enabled === undefined) {
      throw new RequestValidationError([{ field: 'body', reason: 'must change at least one of baseUrl, credentials, options, enabled' }]);
    }
    const updated = await this.tx.run(async (m) => {
      const row = await this.existing(m, name);
      const version = expectedVersion ?? row.version;
      const changed = await this.connections.update(m, name, version, {
        baseUrl: body.baseUrl,
        options: body.options,
        encryptedCredentials: body.credentials === undefined ? undefined : this.cipher.encrypt(body.credentials),
        enabled: body.enabled,
      });
      if (!changed) throw new StaleEntityTag(name, row.version);
      return changed;
    });
    return this.toDto(updated);
  }

  /** Deletes a connection no route uses; `expectedVersion` (from If-Match) must still be current. */
  async deleteConnection(name: string, expectedVersion: number | undefined): Promise<void> {
    await this.tx.run(async (m) => {
      const row = await this.existing(m, name);
      const usedBy = (await this.routes.list(m)).filter((route) => route.connectionName === name).map((route) => route.name);
      if (usedBy.length > 0) {
        throw new ConflictException(`The connection ${name} is the target of routes ${usedBy.join(', ')}; change the routes first.`);
      }
      // A version-checked no-op update takes the row lock and proves nobody changed it since the
      // caller read it, so the delete below cannot remove a newer version than the one they saw.
      const locked = await this.connections.update(m, name, expectedVersion ?? row.version, {});
      if (!locked) throw new StaleEntityTag(name, row.version);
      await this.connections.delete(m, name);
    });
  }

  /** A cheap authenticated call to the provider, answered in the provider's own words. */
  async testConnection(name: string): Promise<ConnectionTestDto> {
    const row = await this.existing(this.dataSource.manager, name);
    let connector;
    try {
      connector = this.registry.connectorFor(row);
    } catch (error) {
      // Settings the connector refuses (a missing credential, a bad option) are the answer to a
      // test, not a server fault; an unknown provider or an undecryptable row is a fault.
      if (error instanceof UnknownProvider || error instanceof CredentialDecryptionError || !(error instanceof Error)) throw error;
      return { ok: false, providerCode: 'INVALID_SETTINGS', message: error.message, latencyMs: 0 };
    }
    const result = await connector.testConnection();
    return {
      ok: result.ok,
      ...(result.providerCode !== undefined ? { providerCode: result.providerCode } : {}),
      message: result.message,
      latencyMs: result.latencyMs,
    };
  }

  private async existing(db: EntityManager, name: string): Promise<ConnectionEntity> {
    const row = await this.connections.findByName(db, name);
    if (!row) throw new NotFoundException(`No connection is named ${name}`);
    return row;
  }

  private toDto(row: ConnectionEntity): ConnectionDto {
    return {
      name: row.name,
      provider: row.provider,
      baseUrl: row.baseUrl,
      options: row.options,
      credentialNames: Object.keys(this.cipher.decrypt(row.encryptedCredentials)).sort(),
      enabled: row.enabled,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
