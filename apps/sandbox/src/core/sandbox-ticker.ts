import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SandboxClock } from './sandbox-clock';
import { SANDBOX_SETTINGS, SandboxSettings } from './sandbox-settings';

export const TICK_INTERVAL_MS = 1000;

/**
 * Moves the demo along in real time: every second the clock ticks, so time-driven simulations
 * (package progress, the order trickle) advance without anyone calling `/_sandbox/clock`. Only when
 * `settings.autoAdvance` is on; tests turn it off and advance the clock themselves.
 */
@Injectable()
export class SandboxTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: SandboxClock,
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.settings.autoAdvance || this.timer !== undefined) return;
    this.timer = setInterval(() => this.clock.tick(), TICK_INTERVAL_MS);
    // The ticker alone must not keep a process alive (the hub embeds the sandbox).
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
