import { Writable } from 'node:stream';
import { createLogger } from '@serai/common';
import type { FastifyBaseLogger } from 'fastify';
import { DeferredRequestLogger } from './deferred-request-logger';

describe('DeferredRequestLogger', () => {
  let lines: Record<string, unknown>[];
  let children: number;
  let parent: FastifyBaseLogger;

  beforeEach(() => {
    lines = [];
    children = 0;
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination }).child({ component: 'http' });
    const child = logger.child;
    // Counts the children pino makes, to show that a request writing nothing makes none.
    logger.child = function counted(this: typeof logger, bindings, options) {
      children += 1;
      return child.call(this, bindings, options);
    } as typeof logger.child;
    parent = logger as unknown as FastifyBaseLogger;
  });

  it('makes no pino child for a request that writes nothing at or above its level', () => {
    const log = new DeferredRequestLogger(parent, { reqId: 'r-1' }, { level: 'warn' });
    log.info({ req: 'x' }, 'incoming request');
    log.debug('detail');
    expect(children).toBe(0);
    expect(lines).toEqual([]);
    expect(log.isLevelEnabled('info')).toBe(false);
    expect(log.isLevelEnabled('error')).toBe(true);
  });

  it('writes a line exactly as a pino child would: the request id and the parent bindings, secrets redacted', () => {
    const log = new DeferredRequestLogger(parent, { reqId: 'r-2', authorization: 'Bearer s3cret' }, { level: 'warn' });
    log.warn({ store: 'haiku' }, 'something odd');
    log.error('failed');
    expect(children).toBe(1);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', component: 'http', reqId: 'r-2', store: 'haiku', msg: 'something odd' }),
      expect.objectContaining({ level: 'error', reqId: 'r-2', msg: 'failed' }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('s3cret');
  });

  it("inherits the parent's level when none is given, and follows a level set later", () => {
    const log = new DeferredRequestLogger(parent, { reqId: 'r-3' }, {});
    expect(log.level).toBe('info');
    log.info('kept');
    log.level = 'error';
    log.warn('dropped');
    expect(lines.map((line) => line.msg)).toEqual(['kept']);
    expect(log.child({ part: 'x' }).level).toBe('error');
  });
});
