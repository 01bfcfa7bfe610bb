import { EntityManager } from 'typeorm';

export interface OrdersPerHourRow {
  readonly hour: Date;
  readonly source: string;
  readonly orders: number;
}

export interface ProviderHealthRow {
  readonly connectionId: string;
  readonly connection: string;
  readonly provider: string;
  readonly enabled: boolean;
  readonly calls: number;
  readonly failedCalls: number;
  readonly p50LatencyMs: number | null;
  readonly p95LatencyMs: number | null;
  readonly deliveries: number;
  readonly failedDeliveries: number;
  readonly deadLetters: number;
  readonly pendingDeliveries: number;
  readonly p95DeliveryLatencyMs: number | null;
}

export interface SyncLagRow {
  readonly connection: string;
  readonly stream: string;
  readonly lastRunAt: Date | null;
  readonly lastSuccessAt: Date | null;
  readonly lastError: string | null;
  readonly leaseOwner: string | null;
}

const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value)));

/**
 * The back office's dashboard figures, each one aggregate query over the last hours: what the ops
 * team looks at first on a busy day. Read-only, and cheap thanks to the time indexes.
 */
export class DashboardRepository {
  async ordersPerHour(db: EntityManager, since: Date): Promise<OrdersPerHourRow[]> {
    const rows = (await db.query(
      `SELECT date_trunc('hour', created_at) AS hour, source_connection_name AS source, count(*)::int AS orders
         FROM sales_order WHERE created_at >= $1
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [since],
    )) as { hour: Date; source: string; orders: number }[];
    return rows.map((r) => ({ hour: r.hour, source: r.source, orders: num(r.orders) }));
  }

  async providerHealth(db: EntityManager, since: Date): Promise<ProviderHealthRow[]> {
    const rows = (await db.query(
      `WITH calls AS (
         SELECT connection_id, count(*) AS calls, count(*) FILTER (WHERE outcome <> 'success') AS failed,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95
           FROM provider_call WHERE started_at >= $1 AND connection_id IS NOT NULL GROUP BY connection_id),
       recent AS (
         SELECT connection_id, count(*) AS deliveries,
                count(*) FILTER (WHERE state IN ('failed', 'dead')) AS failed,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) * 1000)
                  FILTER (WHERE state = 'succeeded' AND completed_at IS NOT NULL) AS p95
           FROM delivery WHERE updated_at >= $1 GROUP BY connection_id),
       backlog AS (
         SELECT connection_id, count(*) FILTER (WHERE state = 'dead') AS dead,
                count(*) FILTER (WHERE state IN ('pending', 'failed', 'in_flight')) AS pending
           FROM delivery WHERE state IN ('dead', 'pending', 'failed', 'in_flight') GROUP BY connection_id)
       SELECT c.id, c.name, c.provider, c.enabled, calls.calls, calls.failed AS failed_calls, calls.p50, calls.p95,
              recent.deliveries, recent.failed AS failed_deliveries, recent.p95 AS delivery_p95, backlog.dead, backlog.pending
         FROM connection c
         LEFT JOIN calls ON calls.connection_id = c.id
         LEFT JOIN recent ON recent.connection_id = c.id
         LEFT JOIN backlog ON backlog.connection_id = c.id
        ORDER BY c.name`,
      [since],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      connectionId: String(r.id),
      connection: String(r.name),
      provider: String(r.provider),
      enabled: r.enabled === true,
      calls: num(r.calls),
      failedCalls: num(r.failed_calls),
      p50LatencyMs: numOrNull(r.p50),
      p95LatencyMs: numOrNull(r.p95),
      deliveries: num(r.deliveries),
      failedDeliveries: num(r.failed_deliveries),
      deadLetters: num(r.dead),
      pendingDeliveries: num(r.pending),
      p95DeliveryLatencyMs: numOrNull(r.delivery_p95),
    }));
  }

  async syncLag(db: EntityManager): Promise<SyncLagRow[]> {
    const rows = (await db.query(
      `SELECT c.name AS connection, s.stream, s.last_run_at, s.last_success_at, s.last_error, s.lease_owner
         FROM sync_cursor s JOIN connection c ON c.id = s.connection_id
        ORDER BY c.name, s.stream`,
    )) as {
      connection: string;
      stream: string;
      last_run_at: Date | null;
      last_success_at: Date | null;
      last_error: string | null;
      lease_owner: string | null;
    }[];
    return rows.map((r) => ({
      connection: r.connection,
      stream: r.stream,
      lastRunAt: r.last_run_at,
      lastSuccessAt: r.last_success_at,
      lastError: r.last_error,
      leaseOwner: r.lease_owner,
    }));
  }
}
