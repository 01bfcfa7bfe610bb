import { DataSource } from 'typeorm';

// Any constant works; it only has to be the same for every hub instance sharing a database.
const MIGRATION_LOCK_KEY = 7_266_917_301;

/**
 * Applies pending migrations, holding a PostgreSQL advisory lock so that hub instances starting
 * together on one database take turns instead of racing on the same DDL.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
