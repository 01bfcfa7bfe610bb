import { createHash } from 'node:crypto';
import { CallbackRefusalRepository } from '@serai/persistence';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { CallbackRefusal } from './callback-refusal';
import type { ReceivedCallback } from './callback-receiver.service';

/**
 * Writes down every refused callback: one warning log line with the reason, and one
 * `callback_refusal` row (ADR 0012) — never the body, never a key. When the database cannot take
 * the row either, the log line is the record.
 */
export class CallbackRefusalAudit {
  constructor(
    private readonly db: EntityManager,
    private readonly refusals: CallbackRefusalRepository,
    private readonly logger: Logger,
  ) {}

  async record(refusal: CallbackRefusal, request: ReceivedCallback, connectionId: string | null): Promise<void> {
    const contentType = typeof request.headers['content-type'] === 'string' ? request.headers['content-type'].slice(0, 200) : null;
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
    try {
      await this.refusals.record(this.db, {
        store: line.store,
        connectionId,
        sourceAddress: request.sourceAddress,
        httpStatus: refusal.status,
        reasonCode: refusal.code,
        reason: refusal.reason.slice(0, 1000),
        contentType,
        bodyBytes: request.body?.length ?? null,
        bodySha256: request.body === undefined ? null : createHash('sha256').update(request.body).digest('hex'),
        requestId: request.requestId.slice(0, 128),
      });
    } catch (error) {
      this.logger.error({ err: error, ...line }, 'callback refusal not written to the audit table (logged only)');
    }
  }
}
