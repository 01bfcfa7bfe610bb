import pino, { DestinationStream, Logger } from 'pino';
import { LogLevel } from '../config/hub-environment';
import { redactSecrets, redactString } from './redact-secrets';
import { currentRequestContext } from './request-context';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level: LogLevel;
  readonly name?: string;
  /** Where lines go; stdout when absent. Tests pass a memory stream to read what was written. */
  readonly destination?: DestinationStream;
}

/**
 * Structured JSON logs. Every object and message passes through {@link redactSecrets} so a secret
 * handed to the logger by mistake still never reaches a line.
 */
export function createLogger(options: LoggerOptions): Logger {
  const logger = pino(
    {
      level: options.level,
      name: options.name ?? 'serai',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // A line written while serving a request names it, however deep the code that logs.
      mixin: () => {
        const context = currentRequestContext();
        return context === undefined ? {} : { correlationId: context.correlationId };
      },
      formatters: {
        level: (label) => ({ level: label }),
        // req/res are framework objects whose fields are prototype getters: they are left to the
        // serializers below, which emit only safe fields.
        log: ({ req, res, ...rest }) => ({
          ...redactSecrets(rest),
          ...(req === undefined ? {} : { req }),
          ...(res === undefined ? {} : { res }),
        }),
        bindings: (bindings) => redactSecrets(bindings),
      },
      serializers: {
        err: (error: unknown) => pino.stdSerializers.err(redactSecrets(error) as Error),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        req: (req: { method?: string; url?: string; id?: unknown; ip?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url === undefined ? undefined : redactString(req.url),
          remoteAddress: req.ip,
        }),
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg: unknown) => (typeof arg === 'string' ? redactString(arg) : arg));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
  // pino resets the bindings formatter for children, so child bindings are redacted here; children
  // inherit this method through their prototype.
  const childOf = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    return childOf.call(this, redactSecrets(bindings), childOptions);
  } as Logger['child'];
  return logger;
}
