/**
 * Work submitted item by item (order reads, order writes), carried out in groups like a group
 * commit: the first item goes at once; those submitted while that statement runs wait and go
 * together in the next one. An idle process adds no latency; a busy one runs one statement (and,
 * for a write, one commit) per group instead of one per item. Each caller gets its own item's
 * outcome, or the group's error.
 */
export class GroupedStatements<I, O> {
  private queue: { item: I; settle: (outcome: O) => void; fail: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(
    /** Carries out a group; answers one outcome per item, in the items' order. */
    private readonly write: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly maxGroup = 200,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise((settle, fail) => {
      this.queue.push({ item, settle, fail });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        try {
          const outcomes = await this.write(group.map((entry) => entry.item));
          if (outcomes.length !== group.length)
            throw new Error(`a group statement answered ${outcomes.length} outcomes for ${group.length} items`);
          group.forEach((entry, i) => entry.settle(outcomes[i] as O));
        } catch (error) {
          for (const entry of group) entry.fail(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
