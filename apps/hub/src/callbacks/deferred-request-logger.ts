import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilent, LogFn } from 'pino';

type LevelName = Exclude<LevelWithSilent, 'silent'>;

/**
 * A request's logger that becomes a real pino child (with the request id in its bindings) only
 * when a line is actually written. Fastify makes one child logger per request; for callbacks that
 * is a measurable share of the work (bench/callback-receiver: pino's child plus our redaction of
 * its bindings), and almost no callback request ever writes through it — the receiver logs its
 * own lines with the request id, and Fastify's per-request lines are below the routes' level.
 * Lines that are written look exactly as before: same bindings, same level, same redaction.
 */
export class DeferredRequestLogger implements FastifyBaseLogger {
  private real: FastifyBaseLogger | undefined;
  private ownLevel: string | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {
    this.ownLevel = options.level;
  }

  get level(): string {
    return this.real?.level ?? this.ownLevel ?? this.parent.level;
  }

  set level(level: string) {
    if (this.real !== undefined) this.real.level = level;
    else this.ownLevel = level;
  }

  readonly fatal: LogFn = (...args: unknown[]) => this.write('fatal', args);
  readonly error: LogFn = (...args: unknown[]) => this.write('error', args);
  readonly warn: LogFn = (...args: unknown[]) => this.write('warn', args);
  readonly info: LogFn = (...args: unknown[]) => this.write('info', args);
  readonly debug: LogFn = (...args: unknown[]) => this.write('debug', args);
  readonly trace: LogFn = (...args: unknown[]) => this.write('trace', args);
  readonly silent: LogFn = () => undefined;

  isLevelEnabled(level: string): boolean {
    const values = (this.parent as FastifyBaseLogger & { levels?: { values: Record<string, number> } }).levels?.values;
    // Without pino's level table, assume enabled: the real logger decides.
    if (values === undefined) return true;
    const threshold = values[this.level];
    const wanted = values[level];
    // 'silent' is not in the table of values: nothing is enabled.
    return threshold !== undefined && wanted !== undefined && wanted >= threshold;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.resolve().child(bindings, options);
  }

  private write(level: LevelName, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return;
    (this.resolve()[level] as (...a: unknown[]) => void)(...args);
  }

  private resolve(): FastifyBaseLogger {
    if (this.real === undefined) {
      this.real = this.parent.child(this.bindings, { ...this.options, ...(this.ownLevel === undefined ? {} : { level: this.ownLevel }) });
    }
    return this.real;
  }
}

/** Fastify's childLoggerFactory for a scope whose requests rarely log (see DeferredRequestLogger). */
export function deferredRequestLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new DeferredRequestLogger(logger, bindings, options);
}
