import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The callback receiver's baseline: the practical limit of a durable receiver on this machine. A
 * bare Fastify server (no logger, no framework) that reads the raw body and does one PostgreSQL
 * INSERT per request on the same database, with a pool as large as the hub's, then answers.
 * Run as a child process by bench/callback-receiver.bench.ts: `node bare-insert-server.js <port> <database url> <pool size>`.
 */
async function main(): Promise<void> {
  const [port, url, poolSize] = process.argv.slice(2);
  const pool = new Pool({ connectionString: url, max: Number(poolSize ?? 10) });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`,
  );
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post('/callback/:store', async (request, reply) => {
    await pool.query({
      name: 'bench_baseline_insert',
      text: 'INSERT INTO bench_baseline (body) VALUES ($1)',
      values: [(request.body as Buffer).toString('utf8')],
    });
    return reply.type('application/json').send('{"success":"success","errorcode":"0","errormsg":"accepted"}');
  });
  await app.listen({ port: Number(port), host: '127.0.0.1' });
  process.send?.('ready');
  process.on('SIGTERM', () => {
    void app.close().then(() => pool.end().then(() => process.exit(0)));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
