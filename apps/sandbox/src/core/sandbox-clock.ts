import { Injectable } from '@nestjs/common';

/**
 * The sandbox's notion of now. It follows the wall clock plus an offset that tests move forward
 * (`POST /_sandbox/clock`), so time-window filters, signature skew and package progress can be
 * driven deterministically without waiting.
 */
@Injectable()
export class SandboxClock {
  private offsetMs = 0;
  private readonly listeners = new Set<(now: Date) => void>();

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves time forward and lets time-driven simulations (package progress, trickle) catch up. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The sandbox clock only moves forward');
    this.offsetMs += ms;
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  /** Called after every `advance`, and by the sandbox's ticker in real time. */
  onTick(listener: (now: Date) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tick(): void {
    const now = this.now();
    for (const listener of this.listeners) listener(now);
  }
}
