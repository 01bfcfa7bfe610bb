import { EntityManager } from 'typeorm';
import { EntityType } from '../entities/external-ref.entity';
import { asUniqueViolation } from '../unique-violation';

export interface ExternalRef {
  readonly entityType: EntityType;
  readonly entityId: string;
  readonly connectionId: string;
  readonly externalId: string;
  readonly kind?: string;
}

export class ExternalRefConflict extends Error {
  constructor(
    readonly ref: ExternalRef,
    readonly boundTo: string,
  ) {
    super(`${ref.entityType} ${ref.externalId} of connection ${ref.connectionId} is already bound to ${boundTo}`);
    this.name = 'ExternalRefConflict';
  }
}

/**
 * The binding of `ref` as parts of a caller's statement (parameters numbered from `firstParam`):
 * `bound` inserts it (nothing when the external id is already bound), `mine` finds it already
 * bound to the same entity. A caller that sees neither must use {@link ExternalRefRepository.bind},
 * which reads again after the insert and tells a conflict apart (the statement's snapshot may not
 * show a binding committed meanwhile).
 */
export function bindExternalRefStatement(ref: ExternalRef, firstParam: number): { readonly ctes: string; readonly params: unknown[] } {
  const p = (k: number): string => `$${firstParam + k}`;
  return {
    ctes: `bound AS (
         INSERT INTO external_ref (entity_type, entity_id, connection_id, external_id, kind)
         VALUES (${p(0)}, ${p(1)}, ${p(2)}::uuid, ${p(3)}, ${p(4)})
         ON CONFLICT ON CONSTRAINT external_ref_unique_per_connection DO NOTHING
         RETURNING id),
       mine AS (
         SELECT id FROM external_ref
          WHERE connection_id = ${p(2)}::uuid AND entity_type = ${p(0)} AND kind = ${p(4)} AND external_id = ${p(3)} AND entity_id = ${p(1)})`,
    params: [ref.entityType, ref.entityId, ref.connectionId, ref.externalId, ref.kind ?? 'primary'],
  };
}

/** Canonical id <-> provider id, unique per connection, entity type, kind and external id. */
export class ExternalRefRepository {
  /**
   * Binds an external id. Binding the same pair again is a no-op (so retries are safe); binding the
   * external id to a different canonical entity is an {@link ExternalRefConflict}.
   */
  async bind(tx: EntityManager, ref: ExternalRef): Promise<void> {
    const kind = ref.kind ?? 'primary';
    const inserted = (await tx.query(
      `INSERT INTO external_ref (entity_type, entity_id, connection_id, external_id, kind)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT external_ref_unique_per_connection DO NOTHING
       RETURNING id`,
      [ref.entityType, ref.entityId, ref.connectionId, ref.externalId, kind],
    )) as unknown[];
    if (inserted.length > 0) return;
    const existing = await this.findEntityId(tx, ref.connectionId, ref.entityType, ref.externalId, kind);
    if (existing !== undefined && existing !== ref.entityId) throw new ExternalRefConflict(ref, existing);
  }

  /** Inserts without tolerance, for callers that want the database's verdict as an error. */
  async insert(tx: EntityManager, ref: ExternalRef): Promise<void> {
    try {
      await tx.query(`INSERT INTO external_ref (entity_type, entity_id, connection_id, external_id, kind) VALUES ($1, $2, $3, $4, $5)`, [
        ref.entityType,
        ref.entityId,
        ref.connectionId,
        ref.externalId,
        ref.kind ?? 'primary',
      ]);
    } catch (error) {
      throw asUniqueViolation(error) ?? error;
    }
  }

  async findEntityId(
    db: EntityManager,
    connectionId: string,
    entityType: EntityType,
    externalId: string,
    kind = 'primary',
  ): Promise<string | undefined> {
    const rows = (await db.query(
      `SELECT entity_id FROM external_ref
        WHERE connection_id = $1 AND entity_type = $2 AND kind = $3 AND external_id = $4`,
      [connectionId, entityType, kind, externalId],
    )) as { entity_id: string }[];
    return rows[0]?.entity_id;
  }

  async listForEntity(db: EntityManager, entityType: EntityType, entityId: string): Promise<Required<ExternalRef>[]> {
    const rows = (await db.query(
      `SELECT connection_id, external_id, kind FROM external_ref WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
      [entityType, entityId],
    )) as { connection_id: string; external_id: string; kind: string }[];
    return rows.map((row) => ({ entityType, entityId, connectionId: row.connection_id, externalId: row.external_id, kind: row.kind }));
  }
}
