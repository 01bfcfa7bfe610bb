import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation (issue 9, docs/reconciliation.md, ADR 0016): runs with their scope, progress,
 * checkpoint and lease; what each system said during a run (observations); the discrepancies
 * found with both sides' values; and a daily summary per kind and connection kept for history.
 */
export class Reconciliation1764000000070 implements MigrationInterface {
  name = 'Reconciliation1764000000070';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE reconciliation_run (
        id                uuid PRIMARY KEY,
        -- Sorted kinds and connections: two runs with the same key never run at once (index below).
        scope_key         text NOT NULL,
        kinds             text[] NOT NULL CHECK (cardinality(kinds) > 0),
        connections       text[] NOT NULL CHECK (cardinality(connections) > 0),
        window_from       timestamptz NOT NULL,
        window_to         timestamptz NOT NULL,
        options           jsonb NOT NULL DEFAULT '{}'::jsonb,
        trigger           text NOT NULL CHECK (trigger IN ('api', 'schedule')),
        requested_by      text,
        state             text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
        phase             text NOT NULL DEFAULT 'queued',
        items_read        bigint NOT NULL DEFAULT 0,
        steps_total       integer NOT NULL DEFAULT 0,
        steps_done        integer NOT NULL DEFAULT 0,
        eta_at            timestamptz,
        -- The steps already finished, so a run taken over after a crash does not repeat them.
        checkpoint        jsonb NOT NULL DEFAULT '{"done": []}'::jsonb,
        lease_owner       text,
        lease_until       timestamptz,
        cancel_requested  boolean NOT NULL DEFAULT false,
        error             text,
        discrepancies     integer NOT NULL DEFAULT 0,
        created_at        timestamptz NOT NULL DEFAULT now(),
        started_at        timestamptz,
        finished_at       timestamptz,
        CONSTRAINT reconciliation_run_window CHECK (window_from < window_to)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX reconciliation_run_one_active_per_scope ON reconciliation_run (scope_key) WHERE state IN ('queued', 'running')`,
    );
    await db.query(`CREATE INDEX reconciliation_run_keyset ON reconciliation_run (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX reconciliation_run_claimable ON reconciliation_run (created_at) WHERE state IN ('queued', 'running')`);

    // What a system said during a run, one row per entity; facts as jsonb, amounts as decimal text.
    await db.query(`
      CREATE TABLE reconciliation_observation (
        run_id        uuid NOT NULL REFERENCES reconciliation_run (id) ON DELETE CASCADE,
        connection    text NOT NULL,
        -- What the system is to the comparison: marketplace, order-system, logistics or warehouse.
        role          text NOT NULL CHECK (role IN ('marketplace', 'order-system', 'logistics', 'warehouse')),
        subject       text NOT NULL CHECK (subject IN ('order', 'shipment', 'stock', 'price', 'return')),
        entity_key    text NOT NULL,
        facts         jsonb NOT NULL,
        PRIMARY KEY (run_id, subject, connection, entity_key)
      )`);
    // Comparisons match entities across connections (a marketplace order in the order system).
    await db.query(`CREATE INDEX reconciliation_observation_by_key ON reconciliation_observation (run_id, subject, entity_key)`);

    await db.query(`
      CREATE TABLE discrepancy (
        id                bigserial PRIMARY KEY,
        run_id            uuid NOT NULL REFERENCES reconciliation_run (id) ON DELETE CASCADE,
        kind              text NOT NULL,
        code              text NOT NULL,
        connection        text NOT NULL,
        entity_key        text NOT NULL,
        -- The same finding in any run: kind, code, connection and entity.
        fingerprint       text NOT NULL,
        entity_time       timestamptz,
        expected          jsonb,
        actual            jsonb,
        amount_at_stake   numeric(18, 4),
        currency          char(3),
        state             text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'repaired', 'accepted', 'recurring')),
        first_seen_at     timestamptz NOT NULL,
        last_seen_at      timestamptz NOT NULL,
        occurrences       integer NOT NULL DEFAULT 1,
        repair_action     text,
        repaired_at       timestamptz,
        repaired_by       text,
        repair_delivery_id bigint REFERENCES delivery (id) ON DELETE SET NULL,
        accepted_at       timestamptz,
        accepted_by       text,
        -- Set by the first later run of the same scope that no longer finds it.
        closed_at         timestamptz,
        closed_by_run     uuid,
        CONSTRAINT discrepancy_once_per_run UNIQUE (run_id, fingerprint)
      )`);
    await db.query(`CREATE INDEX discrepancy_by_run ON discrepancy (run_id, id)`);
    await db.query(`CREATE INDEX discrepancy_by_run_kind_state ON discrepancy (run_id, kind, state, id)`);
    await db.query(`CREATE INDEX discrepancy_by_fingerprint ON discrepancy (fingerprint, id DESC)`);
    await db.query(`CREATE INDEX discrepancy_unclosed ON discrepancy (kind, connection) WHERE closed_at IS NULL`);

    await db.query(`
      CREATE TABLE reconciliation_daily_summary (
        day               date NOT NULL,
        kind              text NOT NULL,
        connection        text NOT NULL,
        runs              integer NOT NULL DEFAULT 0,
        open_count        integer NOT NULL DEFAULT 0,
        recurring_count   integer NOT NULL DEFAULT 0,
        new_count         integer NOT NULL DEFAULT 0,
        repaired_count    integer NOT NULL DEFAULT 0,
        amount_at_stake   numeric(18, 4) NOT NULL DEFAULT 0,
        last_run_id       uuid,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (day, kind, connection)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['reconciliation_daily_summary', 'discrepancy', 'reconciliation_observation', 'reconciliation_run'])
      await db.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
