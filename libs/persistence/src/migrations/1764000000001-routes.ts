import { MigrationInterface, QueryRunner } from 'typeorm';

/** Routes: which events go to which connection through which capability. Configuration as data. */
export class Routes1764000000001 implements MigrationInterface {
  name = 'Routes1764000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE route (
        id                 uuid PRIMARY KEY,
        name               text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
        event_types        text[] NOT NULL CHECK (cardinality(event_types) > 0),
        connection_id      uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
        capability         text NOT NULL,
        -- Only events whose aggregate came from this connection (e.g. orders of one marketplace).
        source_connection  text,
        enabled            boolean NOT NULL DEFAULT true,
        version            integer NOT NULL DEFAULT 1,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX route_by_event_type ON route USING gin (event_types) WHERE enabled`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS route`);
  }
}
