import { DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities/all-entities';
import { ALL_MIGRATIONS } from './migrations/all-migrations';
import { installTimestamptzParser } from './timestamptz-parser';

export interface DatabaseSettings {
  readonly url: string;
  readonly poolSize: number;
  readonly applicationName?: string;
}

/** Schema changes happen only through migrations: `synchronize` is off everywhere, tests included. */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  // Our sessions speak UTC (below), so their timestamptz texts can take the fast path.
  installTimestamptzParser();
  return {
    type: 'postgres',
    url: settings.url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: settings.applicationName ?? 'serai-hub',
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      // Every session speaks UTC; zones are carried by timestamptz values, never by the session.
      options: '-c timezone=UTC',
    },
  };
}
