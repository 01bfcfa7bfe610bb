import type { NewInboxEntry } from '@serai/persistence';

/** Writes a batch of entries in one statement and one commit; the answer is aligned with the batch (id, or undefined for a redelivery). */
export type InboxBatchWrite = (entries: readonly NewInboxEntry[]) => Promise<({ readonly id: string } | undefined)[]>;
/** Writes one entry in its own statement: the fallback that isolates a bad row of a failed batch. */
export type InboxSingleWrite = (entry: NewInboxEntry) => Promise<{ readonly id: string } | undefined>;

export interface InboxGroupCommitLimits {
  /** Rows in one statement at most. */
  readonly maxRows: number;
  /** Body characters in one statement at most; a single larger callback still goes, alone. */
  readonly maxBodyChars: number;
  /** Batches being committed at once; the next one starts when one of them returns. */
  readonly maxInFlight: number;
}

/** Defaults measured with bench/callback-receiver (docs/performance.md). */
export const DEFAULT_INBOX_GROUP_COMMIT_LIMITS: InboxGroupCommitLimits = { maxRows: 100, maxBodyChars: 2 * 1024 * 1024, maxInFlight: 4 };

interface Waiting {
  readonly entry: NewInboxEntry;
  resolve(stored: { readonly id: string } | undefined): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the callback inbox (ADR 0021): callbacks that arrive while a commit is in flight
 * wait and are written together, in one multi-row INSERT and one commit, as soon as a commit
 * slot is free. No timer is involved: a callback that finds a free slot is written at the end of
 * the current event-loop turn (with whatever else that turn received), so under light load each
 * goes alone and at once, and under heavy load one fsync covers many callbacks.
 *
 * Each caller's promise settles only after the commit holding its row has returned, so an
 * answer 2xx still means a committed row. When a batch fails and the database is unreachable,
 * every caller of that batch gets the error (503, the senders retry); when it fails for any other
 * reason, its rows are written again one by one, so one bad row fails alone and the others are
 * stored (or redeliveries found) as if they had come singly.
 */
export class InboxGroupCommit {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private flushScheduled = false;

  constructor(
    private readonly writeBatch: InboxBatchWrite,
    private readonly writeOne: InboxSingleWrite,
    private readonly isUnavailable: (error: unknown) => boolean,
    private readonly limits: InboxGroupCommitLimits = DEFAULT_INBOX_GROUP_COMMIT_LIMITS,
  ) {}

  /** Stores one entry with the next commit: its new id, or undefined when the store already held its dedupe key. */
  store(entry: NewInboxEntry): Promise<{ readonly id: string } | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Callbacks waiting for a commit slot (not those being committed). */
  get waiting(): number {
    return this.queue.length;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.inFlight >= this.limits.maxInFlight || this.queue.length === 0) return;
    this.flushScheduled = true;
    // End of this event-loop turn: requests whose bytes arrived in the same turn join one batch.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.limits.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.scheduleFlush();
      });
    }
  }

  private takeBatch(): Waiting[] {
    let rows = 0;
    let chars = 0;
    while (rows < this.queue.length && rows < this.limits.maxRows) {
      const size = this.queue[rows]?.entry.body.length ?? 0;
      if (rows > 0 && chars + size > this.limits.maxBodyChars) break;
      chars += size;
      rows += 1;
    }
    return this.queue.splice(0, rows);
  }

  private async commit(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Waiting];
      await this.writeOne(only.entry).then(only.resolve, only.reject);
      return;
    }
    let results: ({ readonly id: string } | undefined)[];
    try {
      results = await this.writeBatch(batch.map((waiting) => waiting.entry));
    } catch (error) {
      if (this.isUnavailable(error)) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      // Nothing of the batch was stored (one statement): each row again on its own, in order, so a
      // repeated key inside the batch is still stored once and its copies answered as redeliveries.
      for (const waiting of batch) await this.writeOne(waiting.entry).then(waiting.resolve, waiting.reject);
      return;
    }
    batch.forEach((waiting, index) => waiting.resolve(results[index]));
  }
}
