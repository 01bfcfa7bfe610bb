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
