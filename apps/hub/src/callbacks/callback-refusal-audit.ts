import { createHash } from 'node:crypto';
import { CallbackRefusalRepository, NewCallbackRefusal } from '@serai/persistence';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { CallbackRefusal } from './callback-refusal';
import type { ReceivedCallback } from './callback-receiver.service';

/** Audit rows being written at once; past this a refusal is logged only, so a flood of bad requests cannot queue up database work. */
const MAX_PENDING_WRITES = 100;

/**
 * Writes down every refused callback (ADR 0012): one warning log line with the reason, at once,
 * and one `callback_refusal` row, written after the answer has gone so that a refusal never waits
 * for the database — never the body, never a key. When the database cannot take the row (down,
 * or too many pending), the log line is the record.
 */
export class CallbackRefusalAudit {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly db: EntityManager,
    private readonly refusals: CallbackRefusalRepository,
    private readonly logger: Logger,
  ) {}

  record(refusal: CallbackRefusal, request: ReceivedCallback, connectionId: string | null): void {
    const line = {
      store: request.store.slice(0, 128),
      sourceAddress: request.sourceAddress,
      status: refusal.status,
      code: refusal.code,
      reason: refusal.reason,
      requestId: request.requestId,
      bodyBytes: request.body?.length ?? null,
    };
    this.logger.warn(line, `callback refused: ${refusal.reason}`);
    if (this.pending.size >= MAX_PENDING_WRITES) {
      this.logger.error(line, 'callback refusal not written to the audit table: too many pending (logged only)');
      return;
    }
    const row: NewCallbackRefusal = {
      store: line.store,
      connectionId,
      sourceAddress: request.sourceAddress,
      httpStatus: refusal.status,
      reasonCode: refusal.code,
      reason: refusal.reason.slice(0, 1000),
      contentType: typeof request.headers['content-type'] === 'string' ? request.headers['content-type'].slice(0, 200) : null,
      bodyBytes: request.body?.length ?? null,
      bodySha256: request.body === undefined ? null : createHash('sha256').update(request.body).digest('hex'),
      requestId: request.requestId.slice(0, 128),
    };
    const write: Promise<void> = this.refusals
      .record(this.db, row)
      .catch((error: unknown) =>
        this.logger.error({ err: error, ...line }, 'callback refusal not written to the audit table (logged only)'),
      )
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Resolves once every audit row begun so far is written (or given up); for shutdown and tests. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
