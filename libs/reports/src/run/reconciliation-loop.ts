import type { Logger } from 'pino';
import type { ReconciliationRunner } from './reconciliation-runner';
import type { ReconciliationSchedule, ReconciliationScheduler } from './reconciliation-scheduler';

/**
 * The worker-side loop: every tick, queue the runs the schedule says are due, then execute waiting
 * runs (and runs whose worker died) one after another. Safe in any number of processes: runs are
 * claimed with SKIP LOCKED and a lease.
 */
export class ReconciliationLoop {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = true;
  private stopping = false;

  constructor(
    private readonly scheduler: ReconciliationScheduler,
    private readonly runner: ReconciliationRunner,
    private readonly schedule: ReconciliationSchedule,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    this.runner.resume();
    // The first look comes one tick after start, not during boot, when connections are still being set up.
    this.timer = setTimeout(() => this.tick(), this.schedule.tickMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    // A run in progress pauses at its next page rather than holding the shutdown until it ends.
    this.runner.requestStop();
    await this.current;
  }

  /** Queues due runs and executes every waiting one; exposed for tests and POST-then-wait callers. */
  async workOnce(): Promise<number> {
    if (this.schedule.queuesDueRuns !== false) await this.scheduler.createDueRuns();
    let executed = 0;
    while (!this.stopping) {
      const id = await this.runner.runOnce();
      if (id === undefined) break;
      executed += 1;
    }
    return executed;
  }

  private tick(): void {
    if (this.stopped) return;
    this.current = this.workOnce()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'reconciliation loop failed'))
      .finally(() => {
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.schedule.tickMs);
      });
  }
}
