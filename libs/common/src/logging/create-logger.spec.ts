import { Writable } from 'node:stream';
import { createLogger } from './create-logger';
import { PinoNestLogger } from './pino-nest-logger';

function memoryLog(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('createLogger', () => {
  it('writes structured JSON lines with level and time', () => {
    const log = memoryLog();
    createLogger({ level: 'info', destination: log.stream }).info({ orderId: 'o-1' }, 'order stored');
    const line = JSON.parse(log.lines()[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', msg: 'order stored', orderId: 'o-1' });
    expect(typeof line.time).toBe('string');
  });

  it('never lets an appSecret reach a log line, however it is passed', () => {
    const log = memoryLog();
    const logger = createLogger({ level: 'debug', destination: log.stream });
    const secret = 'demo-app-secret-9f8e7d';
    logger.info({ headers: { appKey: 'demo-app-key', appSecret: secret } }, 'calling Nengmao');
    logger.warn(`retrying https://api.nengmao.net/api/order/list?appSecret=${secret}`);
    logger.error({ err: new Error(`call failed with ?appSecret=${secret}`) }, 'provider error');
    logger.child({ connection: { credentials: { appSecret: secret } } }).info('child logger');
    new PinoNestLogger(logger).log({ appSecret: secret, note: 'via Nest' }, 'Test');
    const written = log.lines().join('\n');
    expect(log.lines()).toHaveLength(5);
    expect(written).not.toContain(secret);
    expect(written).toContain('[REDACTED]');
  });

  it('respects the configured level', () => {
    const log = memoryLog();
    const logger = createLogger({ level: 'warn', destination: log.stream });
    logger.info('hidden');
    logger.warn('shown');
    expect(log.lines()).toHaveLength(1);
  });
});
