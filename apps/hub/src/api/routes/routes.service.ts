import { Injectable } from '@nestjs/common';
import { FieldProblem, RequestValidationError } from '@serai/common';
import { ConnectionRepository, RouteDefinition, RouteRepository, TransactionRunner } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { ExportColumn, ListExport, walkPages } from '../../http/export/list-export';
import { RouteBody, RouteDto } from './route.dto';

/** The list's fields, one per column; event types joined with `|`. */
export const ROUTE_EXPORT_COLUMNS: readonly ExportColumn<RouteDto>[] = [
  { header: 'name', value: (r) => r.name },
  { header: 'eventTypes', value: (r) => r.eventTypes.join('|') },
  { header: 'connection', value: (r) => r.connection },
  { header: 'capability', value: (r) => r.capability },
  { header: 'sourceConnection', value: (r) => r.sourceConnection },
  { header: 'enabled', value: (r) => r.enabled },
];

@Injectable()
export class RoutesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly routes: RouteRepository,
    private readonly connections: ConnectionRepository,
  ) {}

  /** Every route as the list shows it; the route table is one page, so is the export. */
  exportRoutes(): ListExport<RouteDto> {
    const pages = walkPages<RouteDto, never>(async () => ({ rows: await this.listRoutes() }));
    return { name: 'routes', columns: ROUTE_EXPORT_COLUMNS, pages };
  }

  async listRoutes(): Promise<RouteDto[]> {
    return (await this.routes.list(this.dataSource.manager)).map((route) => ({
      name: route.name,
      eventTypes: [...route.eventTypes],
      connection: route.connectionName,
      capability: route.capability,
      sourceConnection: route.sourceConnection,
      enabled: route.enabled,
    }));
  }

  /** Replaces the whole table in one transaction, after every route checked out: all or nothing. */
  async replaceRoutes(routes: readonly RouteBody[]): Promise<RouteDto[]> {
    await this.tx.run(async (m) => {
      const ids = new Map((await this.connections.list(m)).map((c) => [c.name, c.id]));
      const problems: FieldProblem[] = [];
      const firstIndexOf = new Map<string, number>();
      const definitions: RouteDefinition[] = [];
      routes.forEach((route, i) => {
        const earlier = firstIndexOf.get(route.name);
        if (earlier !== undefined) problems.push({ field: `routes[${i}].name`, reason: `repeats the name of routes[${earlier}]` });
        else firstIndexOf.set(route.name, i);
        const connectionId = ids.get(route.connection);
        if (connectionId === undefined)
          problems.push({ field: `routes[${i}].connection`, reason: `names no connection (${route.connection})` });
        if (route.sourceConnection !== undefined && route.sourceConnection !== null && !ids.has(route.sourceConnection)) {
          problems.push({ field: `routes[${i}].sourceConnection`, reason: `names no connection (${route.sourceConnection})` });
        }
        if (connectionId !== undefined) {
          definitions.push({
            name: route.name,
            eventTypes: route.eventTypes,
            connectionId,
            capability: route.capability,
            sourceConnection: route.sourceConnection ?? null,
            enabled: route.enabled ?? true,
          });
        }
      });
      if (problems.length > 0) throw new RequestValidationError(problems);
      await this.routes.replaceAll(m, definitions);
    });
    return this.listRoutes();
  }
}
