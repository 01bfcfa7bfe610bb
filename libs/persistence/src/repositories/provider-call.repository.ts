import { EntityManager } from 'typeorm';

export interface NewProviderCall {
  readonly connectionName: string;
  readonly provider: string;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
  readonly httpStatus?: number;
  readonly providerCode?: string;
  readonly outcome: 'success' | 'provider_error' | 'transport_error' | 'timeout' | 'invalid_response';
  readonly latencyMs: number;
  readonly requestBody?: unknown;
  readonly responseBody?: unknown;
  readonly error?: string;
  readonly deliveryId?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly correlationId?: string;
  readonly startedAt: Date;
}

export interface ProviderCallRow extends NewProviderCall {
  readonly id: string;
}

const COLUMNS = 17;

/** The provider call trace. Bodies arrive already masked by the connector kernel. */
export class ProviderCallRepository {
  async insertMany(db: EntityManager, calls: readonly NewProviderCall[]): Promise<void> {
    if (calls.length === 0) return;
    const values: unknown[] = [];
    const tuples = calls.map((c, i) => {
      values.push(
        c.connectionName,
        c.provider,
        c.operation,
        c.method,
        c.url,
        c.attempt,
        c.httpStatus ?? null,
        c.providerCode ?? null,
        c.outcome,
        c.latencyMs,
        c.requestBody === undefined ? null : JSON.stringify(c.requestBody),
        c.responseBody === undefined ? null : JSON.stringify(c.responseBody),
        c.error ?? null,
        c.deliveryId ?? null,
        c.entityType ?? null,
        c.entityId ?? null,
        c.correlationId ?? null,
      );
      const o = i * (COLUMNS + 1);
      values.push(c.startedAt);
      const p = (k: number) => `$${o + k}`;
      return `((SELECT id FROM connection WHERE name = ${p(1)}), ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}::jsonb, ${p(12)}::jsonb, ${p(13)}, ${p(14)}::bigint, ${p(15)}, ${p(16)}, ${p(17)}, ${p(18)})`;
    });
    await db.query(
      `INSERT INTO provider_call (connection_id, provider, operation, method, url, attempt, http_status, provider_code, outcome, latency_ms,
         request_body, response_body, error, delivery_id, entity_type, entity_id, correlation_id, started_at)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  async listForDelivery(db: EntityManager, deliveryId: string): Promise<ProviderCallRow[]> {
    return this.select(db, `delivery_id = $1::bigint`, [deliveryId]);
  }

  async listForEntity(db: EntityManager, entityType: string, entityId: string): Promise<ProviderCallRow[]> {
    return this.select(db, `entity_type = $1 AND entity_id = $2`, [entityType, entityId]);
  }

  private async select(db: EntityManager, where: string, params: unknown[]): Promise<ProviderCallRow[]> {
    const rows = (await db.query(
      `SELECT p.*, c.name AS connection_name FROM provider_call p LEFT JOIN connection c ON c.id = p.connection_id WHERE ${where} ORDER BY p.started_at, p.id`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: String(r.id),
      connectionName: String(r.connection_name ?? ''),
      provider: String(r.provider),
      operation: String(r.operation),
      method: String(r.method),
      url: String(r.url),
      attempt: Number(r.attempt),
      httpStatus: r.http_status === null ? undefined : Number(r.http_status),
      providerCode: r.provider_code === null ? undefined : String(r.provider_code),
      outcome: r.outcome as NewProviderCall['outcome'],
      latencyMs: Number(r.latency_ms),
      requestBody: r.request_body ?? undefined,
      responseBody: r.response_body ?? undefined,
      error: r.error === null ? undefined : String(r.error),
      deliveryId: r.delivery_id === null ? undefined : String(r.delivery_id),
      entityType: r.entity_type === null ? undefined : String(r.entity_type),
      entityId: r.entity_id === null ? undefined : String(r.entity_id),
      correlationId: r.correlation_id === null ? undefined : String(r.correlation_id),
      startedAt: r.started_at as Date,
    }));
  }
}
