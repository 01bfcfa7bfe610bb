/**
 * Records delivery successes in groups, like a group commit: the first success is written at once;
 * those finishing while that write runs wait and go together in the next statement. An idle
 * queue adds no latency, a busy one writes one statement per group instead of one per delivery.
 * A success not yet written when the process dies is simply carried out again once its lease
 * runs out; the handlers' effects are idempotent, so that costs a call, never a duplicate.
 */
export class GroupedSuccesses {
  private queue: { id: string; result: unknown; settle: (kept: boolean) => void; fail: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(
    /** Writes a group; answers the ids whose success was kept (the lease was still this worker's). */
    private readonly write: (outcomes: readonly { readonly id: string; readonly result: unknown }[]) => Promise<Set<string>>,
    private readonly maxGroup = 500,
  ) {}

  /** Resolves once written: true if kept, false if the lease was lost meanwhile. */
  record(id: string, result: unknown): Promise<boolean> {
    return new Promise((settle, fail) => {
      this.queue.push({ id, result, settle, fail });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        try {
          const kept = await this.write(group.map(({ id, result }) => ({ id, result })));
          for (const entry of group) entry.settle(kept.has(entry.id));
        } catch (error) {
          for (const entry of group) entry.fail(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
