import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';
import { openApiPath, servedRoutes } from '../support/served-routes';

type Json = Record<string, unknown>;
interface Operation {
  summary?: string;
  'x-required-scope'?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: Json; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Json; example?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Json; example?: unknown }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

/** Whether a schema, following $refs, items and properties, carries an example anywhere. */
function hasExample(schema: Json | undefined, doc: Document, seen = new Set<string>()): boolean {
  if (!schema) return false;
  if (schema.example !== undefined || schema.examples !== undefined) return true;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    if (seen.has(ref)) return false;
    seen.add(ref);
    return hasExample(doc.components.schemas[ref.replace('#/components/schemas/', '')], doc, seen);
  }
  const nested = [
    schema.items as Json | undefined,
    ...Object.values((schema.properties as Record<string, Json> | undefined) ?? {}),
    ...((schema.allOf as Json[] | undefined) ?? []),
    ...((schema.oneOf as Json[] | undefined) ?? []),
  ];
  return nested.some((s) => hasExample(s, doc, seen));
}

/** What each operation of the running app lacks in /docs-json; empty when complete. */
function gapsOf(method: string, path: string, doc: Document): string[] {
  const op = doc.paths[openApiPath(path)]?.[method.toLowerCase()];
  if (!op) return ['missing from the document'];
  const gaps: string[] = [];
  if (!op.summary?.trim()) gaps.push('no summary');
  if (!['read', 'write', 'admin'].includes(op['x-required-scope'] ?? '')) gaps.push('no x-required-scope');
  if (!op.security?.some((s) => 'bearer' in s)) gaps.push('no bearer security requirement');
  for (const name of [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1])) {
    const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
    if (!p?.schema) gaps.push(`path parameter ${name} undocumented`);
  }
  const responses = op.responses ?? {};
  const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
  if (success.length === 0) gaps.push('no success response');
  for (const [status, response] of success) {
    if (status === '204') continue;
    const content = Object.values(response.content ?? {});
    if (content.length === 0 || !content.every((c) => c.schema)) gaps.push(`response ${status} has no schema`);
    else if (!content.some((c) => c.example !== undefined || hasExample(c.schema, doc))) gaps.push(`response ${status} has no example`);
  }
  for (const status of ['400', '401', '403', '429', '500']) {
    const problem = responses[status]?.content?.['application/problem+json']?.schema;
    if (problem?.$ref !== '#/components/schemas/ProblemDetails') gaps.push(`no problem+json ${status} response`);
  }
  if (['POST', 'PUT', 'PATCH'].includes(method)) {
    if (!op.parameters?.some((p) => p.name === 'Idempotency-Key' && p.in === 'header')) gaps.push('no Idempotency-Key header');
    if (op.requestBody) {
      const body = Object.values(op.requestBody.content ?? {});
      if (body.length === 0 || !body.every((c) => c.schema)) gaps.push('request body has no schema');
      else if (!body.some((c) => c.example !== undefined || hasExample(c.schema, doc))) gaps.push('request body has no example');
    }
  }
  return gaps;
}

describe('the OpenAPI document (/docs-json)', () => {
  let hub: HubUnderTest;
  let doc: Document;

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    doc = (await hub.inject({ url: '/docs-json' })).json<Document>();
  });
  afterAll(() => hub.close());

  it('is OpenAPI 3 with the problem details schema', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.schemas.ProblemDetails).toMatchObject({ required: ['type', 'title', 'status'] });
  });

  it('documents every operation the running app serves: summary, scope, parameters, schemas with examples, errors', () => {
    const routes = servedRoutes(hub.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false })).filter(
      (r) => r.path.startsWith('/api/v1') && r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    expect(routes.length).toBeGreaterThan(10);
    const gaps = routes.flatMap((r) => gapsOf(r.method, r.path, doc).map((gap) => `${r.method} ${r.path}: ${gap}`));
    expect(gaps).toEqual([]);
  });

  it('documents nothing the app does not serve', () => {
    const served = new Set(
      servedRoutes(hub.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false })).map(
        (r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`,
      ),
    );
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(documented.filter((op) => !served.has(op))).toEqual([]);
  });

  it('offers CSV and JSON lines on exportable lists', () => {
    for (const path of [
      '/api/v1/orders',
      '/api/v1/shipments',
      '/api/v1/callbacks',
      '/api/v1/connections',
      '/api/v1/api-keys',
      '/api/v1/reconciliations',
      '/api/v1/routes',
      '/api/v1/mappings/{table}',
      '/api/v1/mappings/{table}/history',
    ]) {
      expect(Object.keys(doc.paths[path]?.get?.responses?.['200']?.content ?? {})).toEqual(
        expect.arrayContaining(['application/json', 'text/csv', 'application/x-ndjson']),
      );
    }
  });
});
