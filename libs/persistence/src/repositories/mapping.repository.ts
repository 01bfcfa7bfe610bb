import { EntityManager } from 'typeorm';
import { asUniqueViolation } from '../unique-violation';

export interface MappingTableRow {
  readonly name: string;
  readonly version: number;
  readonly entries: number;
  readonly seededAt: Date | null;
  readonly updatedAt: Date;
}

export interface MappingEntryRow {
  readonly key: string;
  readonly value: Record<string, unknown>;
  readonly updatedAt: Date;
}

export interface MappingActor {
  /** The API key's id; absent for the hub itself (defaults, demo). */
  readonly keyId?: string;
  readonly name: string;
}

export interface MappingHistoryRow {
  readonly id: string;
  readonly table: string;
  readonly key: string;
  readonly oldValue: Record<string, unknown> | null;
  readonly newValue: Record<string, unknown> | null;
  readonly tableVersion: number;
  readonly actorKeyId: string | null;
  readonly actorName: string;
  readonly changedAt: Date;
}

/** The table's version moved since the caller read it: the change is refused, nothing written. */
export class StaleMappingTable extends Error {
  constructor(
    readonly table: string,
    readonly currentVersion: number,
  ) {
    super(`The mapping table ${table} changed since it was read (now version ${currentVersion})`);
    this.name = 'StaleMappingTable';
  }
}

/** Another entry already claims one of this entry's identifiers (the unique indexes of `sku-xref`). */
export class MappingValueTaken extends Error {
  constructor(
    readonly table: string,
    readonly field: string,
  ) {
    super(`Another entry of ${table} already has this ${field}`);
    this.name = 'MappingValueTaken';
  }
}

interface RawHistory {
  id: string;
  table_name: string;
  key: string;
  old_value: Record<string, unknown> | null;
  new_value: Record<string, unknown> | null;
  table_version: number;
  actor_key_id: string | null;
  actor_name: string;
  changed_at: Date;
}

/** `mapping_sku_xref_merchantgoodsno` -> `merchantGoodsNo`. */
const XREF_FIELDS = ['merchantGoodsNo', 'warehouseGoodsNo', 'envoySkuNumber', 'barcode'];
function fieldOfConstraint(constraint: string): string {
  return XREF_FIELDS.find((f) => constraint === `mapping_sku_xref_${f.toLowerCase()}`) ?? 'key';
}

/**
 * Mapping tables: entries, one version per table, and every change in the history, written in
 * one transaction. A change takes the table's row lock first, so concurrent editors of one table
 * are serialised and a stale version is always noticed.
 */
export class MappingRepository {
  async tables(db: EntityManager): Promise<MappingTableRow[]> {
    const rows = (await db.query(
      `SELECT t.name, t.version, t.seeded_at, t.updated_at, (SELECT count(*)::int FROM mapping_entry e WHERE e.table_name = t.name) AS entries
         FROM mapping_table t ORDER BY t.name`,
    )) as { name: string; version: number; seeded_at: Date | null; updated_at: Date; entries: number }[];
    return rows.map((r) => ({ name: r.name, version: r.version, entries: r.entries, seededAt: r.seeded_at, updatedAt: r.updated_at }));
  }

  /** Every table's version: what an instance compares its cache against. */
  async versions(db: EntityManager): Promise<Map<string, number>> {
    const rows = (await db.query(`SELECT name, version FROM mapping_table`)) as { name: string; version: number }[];
    return new Map(rows.map((r) => [r.name, r.version]));
  }

  /** A table's entries in key order (after `afterKey`, at most `limit`) with the table's version, read in one statement. */
  async entries(
    db: EntityManager,
    table: string,
    page: { readonly afterKey?: string; readonly limit?: number } = {},
  ): Promise<{ version: number; entries: MappingEntryRow[] } | undefined> {
    const rows = (await db.query(
      `SELECT t.version, e.key, e.value, e.updated_at
         FROM mapping_table t
         LEFT JOIN LATERAL (
           SELECT key, value, updated_at FROM mapping_entry
            WHERE table_name = t.name AND ($2::text IS NULL OR key > $2)
            ORDER BY key LIMIT $3
         ) e ON true
        WHERE t.name = $1 ORDER BY e.key`,
      [table, page.afterKey ?? null, page.limit ?? null],
    )) as { version: number; key: string | null; value: Record<string, unknown> | null; updated_at: Date | null }[];
    const first = rows[0];
    if (first === undefined) return undefined;
    return {
      version: first.version,
      entries: rows.flatMap((r) =>
        r.key === null || r.value === null || r.updated_at === null ? [] : [{ key: r.key, value: r.value, updatedAt: r.updated_at }],
      ),
    };
  }

  async entry(db: EntityManager, table: string, key: string): Promise<MappingEntryRow | undefined> {
    const rows = (await db.query(`SELECT key, value, updated_at FROM mapping_entry WHERE table_name = $1 AND key = $2`, [table, key])) as {
      key: string;
      value: Record<string, unknown>;
      updated_at: Date;
    }[];
    const row = rows[0];
    return row === undefined ? undefined : { key: row.key, value: row.value, updatedAt: row.updated_at };
  }

  /**
   * Locks the table's row and checks its version: answers the current version, or throws
   * StaleMappingTable when `expectedVersion` is given and differs.
   */
  private async lockTable(tx: EntityManager, table: string, expectedVersion: number | undefined): Promise<number> {
    const rows = (await tx.query(`SELECT version FROM mapping_table WHERE name = $1 FOR UPDATE`, [table])) as { version: number }[];
    const current = rows[0]?.version;
    if (current === undefined) throw new Error(`No mapping table ${table}`);
    if (expectedVersion !== undefined && expectedVersion !== current) throw new StaleMappingTable(table, current);
    return current;
  }

  private async bump(tx: EntityManager, table: string, seeded = false): Promise<number> {
    const rows = (await tx.query(
      `UPDATE mapping_table SET version = version + 1, updated_at = now()${seeded ? ', seeded_at = now()' : ''} WHERE name = $1 RETURNING version`,
      [table],
    )) as unknown;
    // An UPDATE ... RETURNING answers [rows, count] through TypeORM's pg driver.
    const list = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as { version: number }[];
    return list[0]?.version ?? 0;
  }

  private async record(
    tx: EntityManager,
    table: string,
    key: string,
    oldValue: Record<string, unknown> | null,
    newValue: Record<string, unknown> | null,
    version: number,
    actor: MappingActor,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO mapping_history (table_name, key, old_value, new_value, table_version, actor_key_id, actor_name)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7)`,
      [
        table,
        key,
        oldValue === null ? null : JSON.stringify(oldValue),
        newValue === null ? null : JSON.stringify(newValue),
        version,
        actor.keyId ?? null,
        actor.name,
      ],
    );
  }

  /** Creates or replaces one entry; answers the old value (null when new) and the table's new version. */
  async put(
    tx: EntityManager,
    table: string,
    key: string,
    value: Record<string, unknown>,
    expectedVersion: number | undefined,
    actor: MappingActor,
  ): Promise<{ oldValue: Record<string, unknown> | null; version: number }> {
    await this.lockTable(tx, table, expectedVersion);
    const old = await this.entry(tx, table, key);
    try {
      await tx.query(
        `INSERT INTO mapping_entry (table_name, key, value) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (table_name, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [table, key, JSON.stringify(value)],
      );
    } catch (error) {
      const unique = asUniqueViolation(error);
      if (unique) throw new MappingValueTaken(table, fieldOfConstraint(unique.constraint));
      throw error;
    }
    const version = await this.bump(tx, table);
    await this.record(tx, table, key, old?.value ?? null, value, version, actor);
    return { oldValue: old?.value ?? null, version };
  }

  /** Removes one entry; answers undefined when there is none (nothing changed). */
  async remove(
    tx: EntityManager,
    table: string,
    key: string,
    expectedVersion: number | undefined,
    actor: MappingActor,
  ): Promise<{ oldValue: Record<string, unknown>; version: number } | undefined> {
    await this.lockTable(tx, table, expectedVersion);
    const old = await this.entry(tx, table, key);
    if (!old) return undefined;
    await tx.query(`DELETE FROM mapping_entry WHERE table_name = $1 AND key = $2`, [table, key]);
    const version = await this.bump(tx, table);
    await this.record(tx, table, key, old.value, null, version, actor);
    return { oldValue: old.value, version };
  }

  /**
   * Writes a table's defaults once: only while the table was never seeded, and without replacing
   * an entry an operator wrote first. Answers how many entries it added (0 when seeded before).
   */
  async seedOnce(
    tx: EntityManager,
    table: string,
    entries: readonly { key: string; value: Record<string, unknown> }[],
    actor: MappingActor,
  ): Promise<number> {
    const rows = (await tx.query(`SELECT seeded_at FROM mapping_table WHERE name = $1 FOR UPDATE`, [table])) as {
      seeded_at: Date | null;
    }[];
    if (rows[0] === undefined || rows[0].seeded_at !== null) return 0;
    let added = 0;
    const version = await this.bump(tx, table, true);
    for (const entry of entries) {
      const inserted = (await tx.query(
        `INSERT INTO mapping_entry (table_name, key, value) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING key`,
        [table, entry.key, JSON.stringify(entry.value)],
      )) as unknown[];
      if (inserted.length === 0) continue;
      added += 1;
      await this.record(tx, table, entry.key, null, entry.value, version, actor);
    }
    return added;
  }

  /** Newest first, keyset by id. */
  async history(db: EntityManager, table: string, limit: number, beforeId?: string): Promise<MappingHistoryRow[]> {
    const rows = (await db.query(
      `SELECT * FROM mapping_history WHERE table_name = $1 ${beforeId === undefined ? '' : 'AND id < $3::bigint'} ORDER BY id DESC LIMIT $2`,
      beforeId === undefined ? [table, limit] : [table, limit, beforeId],
    )) as RawHistory[];
    return rows.map((r) => ({
      id: String(r.id),
      table: r.table_name,
      key: r.key,
      oldValue: r.old_value,
      newValue: r.new_value,
      tableVersion: r.table_version,
      actorKeyId: r.actor_key_id,
      actorName: r.actor_name,
      changedAt: r.changed_at,
    }));
  }
}
