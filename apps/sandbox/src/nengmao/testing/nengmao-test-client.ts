import { SandboxClock } from '../../core/sandbox-clock';
import { InjectedResponse, SandboxUnderTest } from '../../testing/sandbox-under-test';
import { signNengmaoRequest } from '../nengmao-signature';

/** Valid public parameters for the demo account at the sandbox clock's now. */
export function nengmaoHeaders(nowMs: number, account = { appKey: 'demo-app-key', appSecret: 'demo-app-secret' }): Record<string, string> {
  const timestamp = String(nowMs);
  return {
    appKey: account.appKey,
    appSecret: account.appSecret,
    timestamp,
    sign: signNengmaoRequest(account.appKey, timestamp),
    format: 'JSON',
    'content-type': 'application/json',
  };
}

export interface NengmaoAnswer {
  readonly errorCode: number;
  readonly msg: string;
  readonly data: unknown;
  readonly total?: number;
}

/** POSTs a signed Nengmao request (path like `/nengmao/api/order/list`) and returns the parsed envelope. */
export async function callNengmao(
  sb: SandboxUnderTest,
  path: string,
  body: unknown,
  headers?: Record<string, string>,
): Promise<NengmaoAnswer> {
  const response = await postNengmao(sb, path, body, headers);
  return response.json<NengmaoAnswer>();
}

export async function postNengmao(
  sb: SandboxUnderTest,
  path: string,
  body: unknown,
  headers?: Record<string, string>,
): Promise<InjectedResponse> {
  const clock = Date.now() + sandboxOffsetMs(sb);
  return sb.inject({
    method: 'POST',
    url: path,
    headers: headers ?? nengmaoHeaders(clock),
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The sandbox clock's offset from the wall clock, read from the app (tests advance it). */
function sandboxOffsetMs(sb: SandboxUnderTest): number {
  const clock = sb.app.get(SandboxClock);
  return clock.nowMs() - Date.now();
}

export async function inspect<T = Record<string, unknown>>(sb: SandboxUnderTest, url: string, body?: unknown): Promise<T> {
  const response =
    body === undefined ? await sb.inject({ method: 'GET', url }) : await sb.inject({ method: 'POST', url, payload: body as object });
  if (response.statusCode >= 400) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
  return response.json<T>();
}

type Shape = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

function shapeOf(value: unknown): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return 'object';
}

/**
 * Differences between the shape of `actual` and a documented `example`: the same keys at every level and the same
 * JSON types; arrays are compared item by item against the example's first item (an empty array in either side
 * matches any array). Returns the list of differences (empty when the shapes agree).
 */
export function shapeDifferences(actual: unknown, example: unknown, path = '$'): string[] {
  const want = shapeOf(example);
  const got = shapeOf(actual);
  if (want !== got) return [`${path}: expected ${want}, got ${got}`];
  if (want === 'array') {
    const items = example as unknown[];
    const actualItems = actual as unknown[];
    if (items.length === 0) return [];
    return actualItems.flatMap((item, i) => shapeDifferences(item, items[0], `${path}[${i}]`));
  }
  if (want === 'object') {
    const e = example as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of Object.keys(e)) {
      if (!(key in a)) problems.push(`${path}.${key}: missing`);
      else problems.push(...shapeDifferences(a[key], e[key], `${path}.${key}`));
    }
    for (const key of Object.keys(a)) if (!(key in e)) problems.push(`${path}.${key}: not in the documented example`);
    return problems;
  }
  return [];
}

/** Fails with the list of differences when `actual` does not have the documented example's shape. */
export function expectSameShape(actual: unknown, example: unknown): void {
  expect(shapeDifferences(actual, example)).toEqual([]);
}
