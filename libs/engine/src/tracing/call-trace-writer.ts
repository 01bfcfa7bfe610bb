import type { NewProviderCall, ProviderCallRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { CallTraceSink } from '../ports/connector-factory';
import { currentTraceContext } from './trace-context';

type TracedCall = Parameters<CallTraceSink['record']>[0];

/**
 * Stores provider call traces without slowing the calls: records are buffered and written in
 * batches, each linked to the delivery or entity it was made for (from the trace context).
 * A bounded buffer: past `maxBuffered`, the oldest records are dropped and counted rather than
 * letting a slow database grow memory without limit.
 */
export class CallTraceWriter implements CallTraceSink {
  private buffer: NewProviderCall[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  dropped = 0;

  constructor(
    private readonly db: EntityManager,
    private readonly calls: ProviderCallRepository,
    private readonly options: { readonly flushEveryMs: number; readonly batchSize: number; readonly maxBuffered: number } = {
      flushEveryMs: 200,
      batchSize: 200,
      maxBuffered: 20_000,
    },
  ) {}

  record(call: TracedCall): void {
    const context = currentTraceContext();
    this.buffer.push({ ...call, ...context });
    if (this.buffer.length > this.options.maxBuffered) {
      const excess = this.buffer.length - this.options.maxBuffered;
      this.buffer.splice(0, excess);
      this.dropped += excess;
    }
    if (this.buffer.length >= this.options.batchSize) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushEveryMs);
      this.timer.unref();
    }
  }

  /** Writes what is buffered; called on a timer, when a batch is full, and at shutdown. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.flushing;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.calls.insertMany(this.db, batch).catch(() => {
      // The trace is best effort: a failed write must not fail the delivery it describes.
      this.dropped += batch.length;
    });
    await this.flushing;
  }
}
