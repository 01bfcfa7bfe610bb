import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

export const API_KEY_SCOPES = ['read', 'write', 'admin', 'pii'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface NewApiKey {
  readonly name: string;
  /** SHA-256 of the key, lowercase hex: the key itself is never handed to this repository. */
  readonly hash: string;
  readonly scopes: readonly ApiKeyScope[];
}

export interface ApiKeyRow {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

interface RawApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toRow = (r: RawApiKey): ApiKeyRow => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** TypeORM answers INSERT/UPDATE ... RETURNING with [rows, affected]; SELECT with rows. */
function returned(result: unknown): RawApiKey[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as RawApiKey[]) : (result as RawApiKey[]);
}

const COLUMNS = 'id, name, scopes, created_at, last_used_at, revoked_at';
/** Any number of hub instances may start at once; only one of them may mint the first key. */
const FIRST_KEY_LOCK = `hashtext('serai.api_key.first')`;

export class ApiKeyRepository {
  /** The key with this hash, if it exists and is not revoked. */
  async findActiveByHash(db: EntityManager, hash: string): Promise<ApiKeyRow | undefined> {
    const rows = (await db.query(`SELECT ${COLUMNS} FROM api_key WHERE hash = $1 AND revoked_at IS NULL`, [hash])) as RawApiKey[];
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  async create(tx: EntityManager, key: NewApiKey): Promise<ApiKeyRow> {
    const result = await tx.query(`INSERT INTO api_key (id, name, hash, scopes) VALUES ($1, $2, $3, $4::text[]) RETURNING ${COLUMNS}`, [
      randomUUID(),
      key.name,
      key.hash,
      key.scopes,
    ]);
    const [row] = returned(result);
    if (!row) throw new Error('api_key insert returned no row');
    return toRow(row);
  }

  /** Inserts the key unless one with the same hash exists (revoked or not); true when inserted. */
  async createIfHashAbsent(tx: EntityManager, key: NewApiKey): Promise<boolean> {
    const result = await tx.query(
      `INSERT INTO api_key (id, name, hash, scopes) VALUES ($1, $2, $3, $4::text[]) ON CONFLICT (hash) DO NOTHING RETURNING id`,
      [randomUUID(), key.name, key.hash, key.scopes],
    );
    return returned(result).length > 0;
  }

  /**
   * Inserts the key only when the table holds no key at all; true when inserted. Must run in a
   * transaction: the advisory lock is held until it ends, so two starting instances mint one key.
   */
  async createIfNone(tx: EntityManager, key: NewApiKey): Promise<boolean> {
    await tx.query(`SELECT pg_advisory_xact_lock(${FIRST_KEY_LOCK})`);
    const [existing] = (await tx.query(`SELECT count(*)::int AS n FROM api_key`)) as { n: number }[];
    if ((existing?.n ?? 0) > 0) return false;
    await this.create(tx, key);
    return true;
  }

  /** Stamps last_used_at at most once a minute per key, so reads do not turn into a write each. */
  async touch(db: EntityManager, id: string): Promise<void> {
    await db.query(
      `UPDATE api_key SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  /** Every key, newest first, revoked ones included (their history matters); never the hashes. */
  async list(db: EntityManager): Promise<ApiKeyRow[]> {
    const rows = (await db.query(`SELECT ${COLUMNS} FROM api_key ORDER BY created_at DESC, id`)) as RawApiKey[];
    return rows.map(toRow);
  }

  async findById(db: EntityManager, id: string): Promise<ApiKeyRow | undefined> {
    const rows = (await db.query(`SELECT ${COLUMNS} FROM api_key WHERE id = $1`, [id])) as RawApiKey[];
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  /**
   * Revokes the key unless it is the last active admin key (an instance with no admin left could
   * never be managed again). Must run in a transaction: the lock serialises two revocations.
   */
  async revoke(tx: EntityManager, id: string): Promise<'revoked' | 'already_revoked' | 'not_found' | 'last_admin'> {
    await tx.query(`SELECT pg_advisory_xact_lock(${FIRST_KEY_LOCK})`);
    const key = await this.findById(tx, id);
    if (!key) return 'not_found';
    if (key.revokedAt) return 'already_revoked';
    if (key.scopes.includes('admin')) {
      const [others] = (await tx.query(
        `SELECT count(*)::int AS n FROM api_key WHERE id <> $1 AND revoked_at IS NULL AND 'admin' = ANY (scopes)`,
        [id],
      )) as { n: number }[];
      if ((others?.n ?? 0) === 0) return 'last_admin';
    }
    await tx.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [id]);
    return 'revoked';
  }
}
