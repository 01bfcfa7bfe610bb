import { EntityManager } from 'typeorm';

export interface NewCallbackRefusal {
  readonly store: string;
  /** Set only when the store named a connection. */
  readonly connectionId: string | null;
  readonly sourceAddress: string | null;
  readonly httpStatus: number;
  readonly reasonCode: string;
  readonly reason: string;
  readonly contentType: string | null;
  readonly bodyBytes: number | null;
  readonly bodySha256: string | null;
  readonly requestId: string | null;
}

export interface CallbackRefusalRow extends NewCallbackRefusal {
  readonly id: string;
  readonly refusedAt: Date;
}

interface RawRefusal {
  id: string;
  refused_at: Date;
  store: string;
  connection_id: string | null;
  source_address: string | null;
  http_status: number;
  reason_code: string;
  reason: string;
  content_type: string | null;
  body_bytes: number | null;
  body_sha256: string | null;
  request_id: string | null;
}

/** The audit trail of refused callbacks: one line per refusal, nothing else is written for them. */
export class CallbackRefusalRepository {
  async record(db: EntityManager, refusal: NewCallbackRefusal): Promise<void> {
    await db.query(
      `INSERT INTO callback_refusal (store, connection_id, source_address, http_status, reason_code, reason, content_type, body_bytes, body_sha256, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        refusal.store,
        refusal.connectionId,
        refusal.sourceAddress,
        refusal.httpStatus,
        refusal.reasonCode,
        refusal.reason,
        refusal.contentType,
        refusal.bodyBytes,
        refusal.bodySha256,
        refusal.requestId,
      ],
    );
  }

  /** The most recent refusals first. */
  async listRecent(db: EntityManager, limit: number): Promise<CallbackRefusalRow[]> {
    const rows = (await db.query(`SELECT * FROM callback_refusal ORDER BY id DESC LIMIT $1`, [limit])) as RawRefusal[];
    return rows.map((r) => ({
      id: String(r.id),
      refusedAt: r.refused_at,
      store: r.store,
      connectionId: r.connection_id,
      sourceAddress: r.source_address,
      httpStatus: r.http_status,
      reasonCode: r.reason_code,
      reason: r.reason,
      contentType: r.content_type,
      bodyBytes: r.body_bytes,
      bodySha256: r.body_sha256,
      requestId: r.request_id,
    }));
  }
}
