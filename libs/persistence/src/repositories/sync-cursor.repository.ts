import { EntityManager } from 'typeorm';

export interface SyncLease {
  readonly connectionId: string;
  readonly stream: string;
  readonly owner: string;
  /** Where the last successful run stopped (e.g. `{ "to": "2026-11-11T00:00:00.000Z" }`). */
  readonly position: Record<string, unknown>;
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) && Array.isArray(result[0])
    ? (result[0] as Record<string, unknown>[])
    : (result as Record<string, unknown>[]);
}

/**
 * Cursors of the pollers, and their leases: at most one poller per connection and stream runs
 * across all hub instances. A lease expires on its own, so a crashed instance's stream is picked
 * up by another after `leaseMs`.
 */
export class SyncCursorRepository {
  /** Takes the lease if it is free, expired or already ours; answers undefined when another holds it. */
  async acquire(db: EntityManager, connectionId: string, stream: string, owner: string, leaseMs: number): Promise<SyncLease | undefined> {
    const rows = rowsOf(
      await db.query(
        `INSERT INTO sync_cursor (connection_id, stream, lease_owner, lease_until, last_run_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000), now())
         ON CONFLICT (connection_id, stream) DO UPDATE
           SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until, last_run_at = now(), updated_at = now()
         WHERE sync_cursor.lease_owner IS NULL OR sync_cursor.lease_until < now() OR sync_cursor.lease_owner = EXCLUDED.lease_owner
         RETURNING position`,
        [connectionId, stream, owner, leaseMs],
      ),
    );
    const row = rows[0];
    return row ? { connectionId, stream, owner, position: (row.position as Record<string, unknown>) ?? {} } : undefined;
  }

  /** Saves progress while holding the lease; false when the lease was lost meanwhile. */
  async advance(db: EntityManager, lease: SyncLease, position: Record<string, unknown>): Promise<boolean> {
    const rows = rowsOf(
      await db.query(
        `UPDATE sync_cursor SET position = $4::jsonb, last_success_at = now(), last_error = NULL, updated_at = now()
          WHERE connection_id = $1 AND stream = $2 AND lease_owner = $3
          RETURNING stream`,
        [lease.connectionId, lease.stream, lease.owner, JSON.stringify(position)],
      ),
    );
    return rows.length > 0;
  }

  async release(db: EntityManager, lease: SyncLease, error?: string): Promise<void> {
    await db.query(
      `UPDATE sync_cursor SET lease_owner = NULL, lease_until = NULL, last_error = COALESCE($4, last_error), updated_at = now()
        WHERE connection_id = $1 AND stream = $2 AND lease_owner = $3`,
      [lease.connectionId, lease.stream, lease.owner, error ?? null],
    );
  }
}
