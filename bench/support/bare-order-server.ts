import Fastify from 'fastify';
import { Pool } from 'pg';
import { ORDER_DETAIL_SQL, orderPageQuery } from '@serai/persistence';
import type { OrderKeyset, OrderListFilter } from '@serai/persistence';

/**
 * The baseline of bench/order-api.bench.ts: a bare Fastify + `pg` server running exactly the SQL
 * the hub runs for `GET /api/v1/orders` and `GET /api/v1/orders/{id}` (orderPageQuery,
 * ORDER_DETAIL_SQL), with the same pool size, and no framework, auth, validation or mapping
 * beyond what the answer needs. Started as its own process by the benchmark.
 */
const port = Number(process.env.PORT ?? 4301);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
// Connections cut at shutdown are expected; anything else shows in the answers' status codes.
pool.on('error', () => undefined);
const app = Fastify({ logger: false });

interface ListQuery {
  status?: string;
  sku?: string;
  limit?: string;
  cursor?: string;
}

app.get<{ Querystring: ListQuery }>('/orders', async (request) => {
  const q = request.query;
  const limit = Number(q.limit ?? 50);
  const filter: OrderListFilter = { status: q.status?.split(','), sku: q.sku };
  const after = q.cursor ? (JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as { c: string; i: string }) : undefined;
  const keyset: OrderKeyset | undefined = after ? { createdAt: after.c, id: after.i } : undefined;
  const { sql, params } = orderPageQuery(filter, limit, keyset);
  const { rows } = await pool.query<Record<string, unknown>>(sql, params);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      id: r.id,
      status: r.status,
      onHold: r.on_hold,
      source: { connection: r.source_connection_name, externalOrderNumber: r.external_order_number },
      totalPaid: { amount: r.total_paid, currency: r.currency },
      placedAt: r.placed_at,
      paidAt: r.paid_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
    page: {
      limit,
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify({ c: last.keyset_at, i: last.id })).toString('base64url') : null,
    },
  };
});

app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
  const { rows } = await pool.query(ORDER_DETAIL_SQL, [request.params.id]);
  if (rows.length === 0) return reply.code(404).send({ status: 404 });
  return rows[0];
});

app.listen({ port, host: '127.0.0.1' }).then(
  () => process.stdout.write('ready\n'),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
process.once('SIGTERM', () => void app.close().then(() => pool.end()));
