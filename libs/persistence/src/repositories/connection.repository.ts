import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ConnectionEntity, ProviderKind } from '../entities/connection.entity';
import { asUniqueViolation } from '../unique-violation';

export interface NewConnection {
  readonly name: string;
  readonly provider: ProviderKind;
  readonly baseUrl: string;
  readonly options?: Record<string, unknown>;
  /** Already encrypted: this repository never sees plain credentials. */
  readonly encryptedCredentials: string;
  readonly enabled?: boolean;
}

export class ConnectionNameTaken extends Error {
  constructor(readonly connectionName: string) {
    super(`A connection named ${connectionName} already exists`);
    this.name = 'ConnectionNameTaken';
  }
}

export class ConnectionRepository {
  async create(tx: EntityManager, input: NewConnection): Promise<ConnectionEntity> {
    const id = randomUUID();
    try {
      await tx.query(
        `INSERT INTO connection (id, name, provider, base_url, options, credentials, enabled)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [
          id,
          input.name,
          input.provider,
          input.baseUrl,
          JSON.stringify(input.options ?? {}),
          input.encryptedCredentials,
          input.enabled ?? true,
        ],
      );
    } catch (error) {
      const unique = asUniqueViolation(error);
      if (unique?.constraint === 'connection_name_key') throw new ConnectionNameTaken(input.name);
      throw unique ?? error;
    }
    const created = await this.findByName(tx, input.name);
    if (created === undefined) throw new Error(`Connection ${input.name} vanished after insert`);
    return created;
  }

  async findById(db: EntityManager, id: string): Promise<ConnectionEntity | undefined> {
    return (await db.getRepository(ConnectionEntity).findOne({ where: { id } })) ?? undefined;
  }

  /**
   * Applies a change if the row is still at `expectedVersion` (ETag / If-Match); answers the new
   * row, or undefined when someone else changed it first.
   */
  async update(
    tx: EntityManager,
    name: string,
    expectedVersion: number,
    change: Partial<Pick<ConnectionEntity, 'baseUrl' | 'options' | 'encryptedCredentials' | 'enabled'>>,
  ): Promise<ConnectionEntity | undefined> {
    const result = (await tx.query(
      `UPDATE connection SET base_url = COALESCE($3, base_url), options = COALESCE($4::jsonb, options), credentials = COALESCE($5, credentials),
              enabled = COALESCE($6, enabled), version = version + 1, updated_at = now()
        WHERE name = $1 AND version = $2
        RETURNING id`,
      [
        name,
        expectedVersion,
        change.baseUrl ?? null,
        change.options === undefined ? null : JSON.stringify(change.options),
        change.encryptedCredentials ?? null,
        change.enabled ?? null,
      ],
    )) as [unknown[], number];
    return result[0].length > 0 ? this.findByName(tx, name) : undefined;
  }

  async delete(tx: EntityManager, name: string): Promise<boolean> {
    const result = (await tx.query(`DELETE FROM connection WHERE name = $1 RETURNING id`, [name])) as [unknown[], number];
    return result[0].length > 0;
  }

  async findByName(db: EntityManager, name: string): Promise<ConnectionEntity | undefined> {
    return (await db.getRepository(ConnectionEntity).findOne({ where: { name } })) ?? undefined;
  }

  /** The Pilot connections that list this `{store}` of `POST /callback/{store}` in `options.callbackStores`. */
  async findByCallbackStore(db: EntityManager, store: string): Promise<ConnectionEntity[]> {
    return db
      .getRepository(ConnectionEntity)
      .createQueryBuilder('c')
      .where(`c.provider = 'nomad-pilot' AND c.options -> 'callbackStores' @> jsonb_build_array(CAST(:store AS text))`, { store })
      .orderBy('c.name')
      .getMany();
  }

  async list(db: EntityManager): Promise<ConnectionEntity[]> {
    return db.getRepository(ConnectionEntity).find({ order: { name: 'ASC' } });
  }
}
