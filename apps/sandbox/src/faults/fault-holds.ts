/** How a held request ended: its time ran out, the client went away, or the sandbox is closing. */
export type HoldEnd = 'elapsed' | 'aborted' | 'released';

/**
 * Every timer the fault injector starts (latency, hangs) goes through here, so that closing the
 * sandbox can end them all at once: no timer outlives the application, no held request keeps the
 * HTTP server from closing.
 */
export class FaultHolds {
  private readonly pending = new Set<(end: HoldEnd) => void>();
  private closed = false;

  /** Waits `ms` (or, when undefined, until release); `onAbort` lets the caller end it early when the client leaves. */
  wait(ms: number | undefined, onAbort?: (abort: () => void) => void): Promise<HoldEnd> {
    if (this.closed) return Promise.resolve('released');
    if (ms === 0) return Promise.resolve('elapsed');
    return new Promise<HoldEnd>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (end: HoldEnd): void => {
        if (!this.pending.delete(finish)) return;
        if (timer !== undefined) clearTimeout(timer);
        resolve(end);
      };
      this.pending.add(finish);
      if (ms !== undefined) timer = setTimeout(() => finish('elapsed'), ms);
      onAbort?.(() => finish('aborted'));
    });
  }

  get size(): number {
    return this.pending.size;
  }

  /** Ends every hold with `released` and refuses new ones; called when the sandbox shuts down. */
  releaseAll(): void {
    this.closed = true;
    for (const finish of [...this.pending]) finish('released');
  }

  /** Ends every current hold but keeps accepting new ones (clearing the rules frees held requests). */
  releaseCurrent(): void {
    for (const finish of [...this.pending]) finish('released');
  }
}
