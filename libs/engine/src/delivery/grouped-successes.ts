import { GroupedStatements } from './grouped-statements';

interface Success {
  readonly id: string;
  readonly result: unknown;
}

/**
 * Records delivery successes in groups, like a group commit: the first success is written at once;
 * those finishing while that write runs wait and go together in the next statement. An idle
 * queue adds no latency, a busy one writes one statement per group instead of one per delivery.
 * A success not yet written when the process dies is simply carried out again once its lease
 * runs out; the handlers' effects are idempotent, so that costs a call, never a duplicate.
 */
export class GroupedSuccesses {
  private readonly groups: GroupedStatements<Success, boolean>;

  constructor(
    /** Writes a group; answers the ids whose success was kept (the lease was still this worker's). */
    write: (outcomes: readonly Success[]) => Promise<Set<string>>,
    maxGroup = 500,
  ) {
    this.groups = new GroupedStatements(async (outcomes) => {
      const kept = await write(outcomes);
      return outcomes.map((outcome) => kept.has(outcome.id));
    }, maxGroup);
  }

  /** Resolves once written: true if kept, false if the lease was lost meanwhile. */
  record(id: string, result: unknown): Promise<boolean> {
    return this.groups.submit({ id, result });
  }
}
