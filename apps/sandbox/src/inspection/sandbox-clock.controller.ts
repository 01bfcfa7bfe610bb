import { BadRequestException, Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';

export interface ClockView {
  readonly now: string;
  readonly nowMs: number;
}

/** Reads and moves the sandbox clock: `POST { "advanceMs": n }` jumps forward and lets simulations catch up. */
@Controller('_sandbox/clock')
export class SandboxClockController {
  constructor(private readonly clock: SandboxClock) {}

  @Get()
  now(): ClockView {
    return { now: this.clock.now().toISOString(), nowMs: this.clock.nowMs() };
  }

  @Post()
  @HttpCode(200)
  advance(@Body() body: unknown): ClockView {
    const advanceMs = typeof body === 'object' && body !== null && 'advanceMs' in body ? body.advanceMs : undefined;
    if (typeof advanceMs !== 'number' || !Number.isInteger(advanceMs) || advanceMs < 0) {
      throw new BadRequestException('advanceMs must be a non-negative integer (the sandbox clock only moves forward)');
    }
    const now = this.clock.advance(advanceMs);
    return { now: now.toISOString(), nowMs: now.getTime() };
  }
}
