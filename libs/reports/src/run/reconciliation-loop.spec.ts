import pino from 'pino';
import { ReconciliationLoop } from './reconciliation-loop';
import type { ReconciliationRunner } from './reconciliation-runner';
import { DEFAULT_RECONCILIATION_SCHEDULE, ReconciliationScheduler } from './reconciliation-scheduler';

/** The loop's own decisions only: what it asks of the scheduler and the runner (both tested on PostgreSQL elsewhere). */
function loopWith(queuesDueRuns: boolean | undefined) {
  const calls: string[] = [];
  let waiting = ['run-1', 'run-2'];
  const scheduler = {
    createDueRuns: () => {
      calls.push('createDueRuns');
      return Promise.resolve([]);
    },
  } as unknown as ReconciliationScheduler;
  const runner = {
    runOnce: () => {
      const [next, ...rest] = waiting;
      waiting = rest;
      calls.push(`runOnce:${next ?? 'none'}`);
      return Promise.resolve(next);
    },
    requestStop: () => calls.push('requestStop'),
    resume: () => calls.push('resume'),
  } as unknown as ReconciliationRunner;
  const loop = new ReconciliationLoop(scheduler, runner, { ...DEFAULT_RECONCILIATION_SCHEDULE, queuesDueRuns }, pino({ level: 'silent' }));
  return { loop, calls };
}

describe('ReconciliationLoop', () => {
  it('queues the due runs, then executes every waiting run', async () => {
    const { loop, calls } = loopWith(undefined);
    expect(await loop.workOnce()).toBe(2);
    expect(calls).toEqual(['createDueRuns', 'runOnce:run-1', 'runOnce:run-2', 'runOnce:none']);
  });

  it('with the schedule off, queues nothing itself but still executes the runs asked for', async () => {
    const { loop, calls } = loopWith(false);
    expect(await loop.workOnce()).toBe(2);
    expect(calls).not.toContain('createDueRuns');
  });

  it('asks the run in progress to pause when it stops, and lets runs be claimed again when it starts', async () => {
    const { loop, calls } = loopWith(undefined);
    loop.start();
    await loop.stop();
    expect(calls).toEqual(['resume', 'requestStop']);
  });
});
