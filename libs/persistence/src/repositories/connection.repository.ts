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

  async findByName(db: EntityManager, name: string): Promise<ConnectionEntity | undefined> {
    return (await db.getRepository(ConnectionEntity).findOne({ where: { name } })) ?? undefined;
  }

  async list(db: EntityManager): Promise<ConnectionEntity[]> {
    return db.getRepository(ConnectionEntity).find({ order: { name: 'ASC' } });
  }
}
