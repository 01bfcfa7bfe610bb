import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ApiKeyRepository, ApiKeyRow, TransactionRunner } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { ApiKeyAuthenticator } from '../../auth/api-key-authenticator';
import { generateApiKey, hashApiKey } from '../../auth/api-key-secret';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import type { ApiKeyDto, CreateApiKeyBody, CreatedApiKeyDto } from './api-key.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toDto = (row: ApiKeyRow): ApiKeyDto => ({
  id: row.id,
  name: row.name,
  scopes: [...row.scopes],
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** The list's fields, one per column: never the key nor its hash. */
export const API_KEY_EXPORT_COLUMNS: readonly ExportColumn<ApiKeyDto>[] = [
  { header: 'id', value: (k) => k.id },
  { header: 'name', value: (k) => k.name },
  { header: 'scopes', value: (k) => k.scopes.join('|') },
  { header: 'createdAt', value: (k) => k.createdAt },
  { header: 'lastUsedAt', value: (k) => k.lastUsedAt },
  { header: 'revokedAt', value: (k) => k.revokedAt },
];

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly keys: ApiKeyRepository,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async list(): Promise<ApiKeyDto[]> {
    return (await this.keys.list(this.dataSource.manager)).map(toDto);
  }

  /** Every key as the list shows it; the list is one page (keys are few), so is the export. */
  exportKeys(): ListExport<ApiKeyDto> {
    const pages = walkPages<ApiKeyDto, never>(async () => ({ rows: await this.list() }));
    return { name: 'api-keys', columns: API_KEY_EXPORT_COLUMNS, pages };
  }

  async create(body: CreateApiKeyBody): Promise<CreatedApiKeyDto> {
    const key = generateApiKey();
    const row = await this.tx.run((m) => this.keys.create(m, { name: body.name, hash: hashApiKey(key), scopes: body.scopes }));
    return { ...toDto(row), key };
  }

  async revoke(id: string): Promise<ApiKeyDto> {
    if (!UUID.test(id)) throw new NotFoundException(`No API key has the id ${id}`);
    const outcome = await this.tx.run((m) => this.keys.revoke(m, id));
    if (outcome === 'not_found') throw new NotFoundException(`No API key has the id ${id}`);
    if (outcome === 'last_admin')
      throw new ConflictException('This is the last active admin key; create another admin key before revoking it.');
    // Seen by this process at once; other instances stop believing the key within a second (ADR 0023).
    this.authenticator.forgetKey(id);
    const row = await this.keys.findById(this.dataSource.manager, id);
    if (!row) throw new NotFoundException(`No API key has the id ${id}`);
    return toDto(row);
  }
}
