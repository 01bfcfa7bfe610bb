import fc from 'fast-check';
import { OrderRepository, TransactionRunner } from '@serai/persistence';
import { SYNC_STREAMS } from '@serai/engine';
import { CallTraceWriter } from '../../libs/engine/src/tracing/call-trace-writer';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';
import { buildOrder } from '../support/order-builder';
import { asText, Hints, OpenApiDocument, OpenApiOperation, resolve, validValue, wrongValue } from './openapi-arbitraries';

interface Request {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly payload?: unknown;
  readonly headers: Record<string, string>;
}

interface Problem {
  type?: string;
  detail?: string;
  errors?: { field?: string; reason?: string }[];
}

const SEED = 20261111;
/** Generated requests per operation: half built from the schema, half with one part made wrong. */
const RUNS_PER_OPERATION = 16;

/** Builds a request for one operation from generated path, query and body values. */
function requestArbitrary(path: string, method: string, op: OpenApiOperation, doc: OpenApiDocument, hints: Hints): fc.Arbitrary<Request> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const body = bodySchema ? validValue(bodySchema, doc, hints) : fc.constant(undefined);
  const pathValues = fc.tuple(...pathParams.map((p) => validValue(p.schema, doc, hints, p.name)));
  const queryValues = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, validValue(p.schema, doc, hints, p.name)])), {
    requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name),
  });
  const mutation = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('path' as const), index: fc.nat(), value: wrongValue() }),
    fc.record({ kind: fc.constant('query' as const), index: fc.nat(), value: wrongValue() }),
    fc.record({ kind: fc.constant('unknownQuery' as const), value: wrongValue() }),
    fc.record({ kind: fc.constant('bodyField' as const), index: fc.nat(), value: wrongValue() }),
    fc.record({ kind: fc.constant('bodyWhole' as const), value: wrongValue() }),
  );
  const accept = fc.constantFrom('application/json', 'text/csv', 'application/x-ndjson');
  return fc.tuple(pathValues, queryValues, body, mutation, accept).map(([pathArgs, query, payload, change, acceptHeader]) => {
    const pathList = [...pathArgs] as unknown[];
    const queryRecord = { ...(query as Record<string, unknown>) };
    let bodyValue: unknown = payload;
    if (change.kind === 'path' && pathList.length > 0) pathList[change.index % pathList.length] = change.value;
    if (change.kind === 'query' && queryParams.length > 0)
      queryRecord[queryParams[change.index % queryParams.length]?.name ?? 'x'] = change.value;
    if (change.kind === 'unknownQuery') queryRecord.unexpected = change.value;
    if (change.kind === 'bodyWhole' && bodySchema) bodyValue = change.value;
    if (change.kind === 'bodyField' && bodyValue !== null && typeof bodyValue === 'object' && !Array.isArray(bodyValue)) {
      const keys = Object.keys(resolve(bodySchema, doc).properties ?? {});
      const key = keys.length > 0 ? keys[change.index % keys.length] : 'unexpected';
      bodyValue = { ...(bodyValue as Record<string, unknown>), [key ?? 'unexpected']: change.value };
    }
    let url = path;
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeURIComponent(asText(pathList[i]) || '_'));
    });
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(queryRecord)) if (value !== undefined) search.set(key, asText(value));
    const qs = search.toString();
    return {
      method: method.toUpperCase() as Request['method'],
      url: qs ? `${url}?${qs}` : url,
      payload: bodyValue,
      headers: method === 'get' ? { accept: acceptHeader } : ({} as Record<string, string>),
    };
  });
}

/**
 * OpenAPI-driven fuzzing of every operation in /docs-json: generated valid and invalid inputs
 * never produce a 5xx; every 400 and 422 names the failing field with a reason; every other 4xx
 * says why (`detail`); and after any 4xx the row count of every table is what it was before.
 * Deterministic: a fixed seed, and a hub with no engine loops running.
 */
describe('API fuzz (OpenAPI-driven, fast-check)', () => {
  let hub: HubUnderTest;
  let doc: OpenApiDocument;
  let countSql: string;
  let hints: Hints;
  const findings: string[] = [];

  const counts = async (): Promise<Record<string, number>> => {
    await hub.app.get(CallTraceWriter, { strict: false }).flush();
    return ((await hub.db.dataSource.query(countSql)) as Record<string, number>[])[0] ?? {};
  };

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api', API_RATE_LIMIT_PER_SECOND: '100000', API_RATE_LIMIT_BURST: '100000' });
    doc = (await hub.inject({ url: '/docs-json' })).json<OpenApiDocument>();
    const tables = (
      (await hub.db.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )) as { table_name: string }[]
    ).map((t) => t.table_name);
    countSql = `SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${t}") AS "${t}"`).join(', ')}`;
    // Connections on a closed local port: a provider call fails at once, never leaves the machine.
    for (const [name, provider] of [
      ['envoy-fuzz', 'nomad-envoy'],
      ['pilot-fuzz', 'nomad-pilot'],
    ] as const) {
      const res = await hub.inject({
        method: 'POST',
        url: '/api/v1/connections',
        key: hub.adminKey,
        payload: {
          name,
          provider,
          baseUrl: 'http://127.0.0.1:9/x',
          credentials: { caKey: 'fuzz-ca-key' },
          options: { store: 'fuzz.store' },
        },
      });
      expect(res.statusCode).toBe(201);
    }
    const orders = [buildOrder(), buildOrder(), buildOrder()];
    await hub.app.get(TransactionRunner).run(async (m) => {
      for (const order of orders) await hub.app.get(OrderRepository).insert(m, order);
    });
    hints = {
      byName: {
        id: [...orders.map((o) => o.id), '1'],
        orderId: orders.map((o) => o.id),
        name: ['envoy-fuzz', 'pilot-fuzz'],
        connection: ['envoy-fuzz', 'pilot-fuzz'],
        stream: [...SYNC_STREAMS],
        baseUrl: ['http://127.0.0.1:9/x'],
        cursor: [],
      },
    };
  }, 60_000);
  afterAll(() => hub.close());

  it('never answers 5xx, names the field of every 400/422, and changes nothing on any 4xx', async () => {
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1'))
      .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(10);
    let sent = 0;
    const answered = { success: 0, refused: 0 };
    for (const [index, { path, method, op }] of operations.entries()) {
      const samples = fc.sample(requestArbitrary(path, method, op, doc, hints), { seed: SEED + index, numRuns: RUNS_PER_OPERATION });
      for (const request of samples) {
        const before = await counts();
        const res = await hub.inject({ ...request, key: hub.adminKey, payload: request.payload as object });
        sent += 1;
        const where = `${request.method} ${request.url} ${JSON.stringify(request.payload)?.slice(0, 200)} → ${res.statusCode}`;
        if (res.statusCode >= 500) {
          const id = res.json<{ correlationId?: string }>().correlationId;
          const logged = hub.logLines().find((l) => l.correlationId === id && l.err !== undefined);
          findings.push(`${where}: ${JSON.stringify(logged?.err ?? res.body).slice(0, 600)}`);
          continue;
        }
        if (res.statusCode < 400) {
          answered.success += 1;
          continue;
        }
        answered.refused += 1;
        const problem = res.json<Problem>();
        if (!String(res.headers['content-type']).includes('application/problem+json')) findings.push(`${where}: not problem+json`);
        if (res.statusCode === 400 || res.statusCode === 422) {
          if (!problem.errors?.length || !problem.errors.every((e) => e.field && e.reason))
            findings.push(`${where}: no field named: ${res.body}`);
        } else if (!problem.detail) findings.push(`${where}: no detail`);
        const after = await counts();
        const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
        if (changed.length > 0) findings.push(`${where}: rows changed in ${changed.join(', ')}`);
      }
    }
    expect(sent).toBe(operations.length * RUNS_PER_OPERATION);
    // Both halves were exercised: inputs the API accepted and inputs it refused.
    expect(answered.success).toBeGreaterThan(sent / 10);
    expect(answered.refused).toBeGreaterThan(sent / 10);
    expect(findings).toEqual([]);
  }, 120_000);
});
