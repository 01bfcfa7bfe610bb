// Calls /api/v1 with the session cookie; changes carry the session's CSRF token.

let csrfToken = '';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Called on 401: the session ended, the page asks to sign in again. */
let onSignedOut = () => undefined;

export function configureApi(options) {
  csrfToken = options.csrfToken ?? csrfToken;
  if (options.onSignedOut) onSignedOut = options.onSignedOut;
}

async function readBody(response) {
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 204) return undefined;
  return type.includes('json') ? response.json() : response.text();
}

/**
 * @param {string} path under /api/v1, e.g. `/orders?limit=20`
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string> }} [options]
 */
export async function api(path, options = {}) {
  const method = options.method ?? 'GET';
  const headers = { accept: 'application/json', ...options.headers };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const body = await readBody(response);
  if (response.status === 401) onSignedOut();
  if (!response.ok) throw new ApiError(response.status, typeof body === 'object' ? body : { detail: String(body) });
  return { body, etag: response.headers.get('etag') };
}

export async function session() {
  const response = await fetch('/admin/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  return response.ok ? response.json() : undefined;
}

export async function login(key) {
  const response = await fetch('/admin/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ key }),
  });
  const body = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function logout() {
  await fetch('/admin/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken } });
}

/** Lists come as `{ data, page }`; a few older endpoints answer a bare array. */
export function rowsOf(body) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body.data)) return body.data;
  if (body && Array.isArray(body.items)) return body.items;
  return [];
}

export function nextCursorOf(body) {
  return body?.page?.nextCursor ?? body?.nextCursor ?? null;
}
