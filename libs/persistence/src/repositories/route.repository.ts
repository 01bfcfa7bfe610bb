import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { asUniqueViolation } from '../unique-violation';

export interface RouteDefinition {
  readonly name: string;
  readonly eventTypes: readonly string[];
  readonly connectionId: string;
  readonly capability: string;
  readonly sourceConnection?: string | null;
  readonly enabled?: boolean;
}

export interface RouteRow extends Required<Omit<RouteDefinition, 'sourceConnection'>> {
  readonly id: string;
  readonly sourceConnection: string | null;
  readonly connectionName: string;
  readonly version: number;
}

interface RawRoute {
  id: string;
  name: string;
  event_types: string[];
  connection_id: string;
  connection_name: string;
  capability: string;
  source_connection: string | null;
  enabled: boolean;
  version: number;
}

export class RouteNameTaken extends Error {
  constructor(readonly routeName: string) {
    super(`A route named ${routeName} already exists`);
    this.name = 'RouteNameTaken';
  }
}

export class RouteRepository {
  async list(db: EntityManager, onlyEnabled = false): Promise<RouteRow[]> {
    const rows = (await db.query(
      `SELECT r.*, c.name AS connection_name FROM route r JOIN connection c ON c.id = r.connection_id
        ${onlyEnabled ? 'WHERE r.enabled AND c.enabled' : ''} ORDER BY r.name`,
    )) as RawRoute[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      eventTypes: r.event_types,
      connectionId: r.connection_id,
      connectionName: r.connection_name,
      capability: r.capability,
      sourceConnection: r.source_connection,
      enabled: r.enabled,
      version: r.version,
    }));
  }

  async create(tx: EntityManager, route: RouteDefinition): Promise<void> {
    try {
      await tx.query(
        `INSERT INTO route (id, name, event_types, connection_id, capability, source_connection, enabled) VALUES ($1, $2, $3::text[], $4, $5, $6, $7)`,
        [
          randomUUID(),
          route.name,
          route.eventTypes,
          route.connectionId,
          route.capability,
          route.sourceConnection ?? null,
          route.enabled ?? true,
        ],
      );
    } catch (error) {
      const unique = asUniqueViolation(error);
      if (unique?.constraint === 'route_name_key') throw new RouteNameTaken(route.name);
      throw unique ?? error;
    }
  }

  /** Replaces the whole route table (PUT /routes): what is not listed is removed. */
  async replaceAll(tx: EntityManager, routes: readonly RouteDefinition[]): Promise<void> {
    await tx.query(`DELETE FROM route`);
    for (const route of routes) await this.create(tx, route);
  }
}
