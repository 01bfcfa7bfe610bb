import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AdminSessions, sameToken, SESSION_MAX_AGE_MS } from './admin-sessions';
import { LoginThrottle } from './login-throttle';
import { BACK_OFFICE_SECURITY_HEADERS } from './security-headers';
import { clearedSessionCookie, sessionCookie } from './session-cookie';

export const BACK_OFFICE_PATH = '/admin';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

/** The UI's files, read once: served by exact name only, so no path can reach outside the folder. */
function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else {
        const type = CONTENT_TYPES[extname(entry.name)];
        if (type) assets.set(`${prefix}${entry.name}`, { body: readFileSync(join(folder, entry.name)), type });
      }
    }
  };
  walk(dir, '');
  return assets;
}

function problem(reply: FastifyReply, status: number, title: string, detail: string): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `https://serai.dev/problems/${title.toLowerCase().replace(/\s+/g, '-')}`, title, status, detail });
}

const headerValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

const isHttps = (request: FastifyRequest): boolean => request.protocol === 'https';

/**
 * Serves the back office under /admin: the single-page UI (public: it holds no data) and the login
 * that exchanges an API key for a session cookie. Every figure the pages show comes from /api/v1,
 * where the session is checked like a key (see ApiKeyGuard).
 */
export function registerBackOffice(fastify: FastifyInstance, sessions: AdminSessions, logger: Logger, uiDir = join(__dirname, 'ui')): void {
  const assets = loadAssets(uiDir);
  const throttle = new LoginThrottle();
  const index = assets.get('index.html');
  if (!index) throw new Error(`back office UI missing: no index.html in ${uiDir}`);

  fastify.addHook('onSend', async (request, reply) => {
    if (request.url === BACK_OFFICE_PATH || request.url.startsWith(`${BACK_OFFICE_PATH}/`)) {
      for (const [name, value] of Object.entries(BACK_OFFICE_SECURITY_HEADERS)) void reply.header(name, value);
    }
  });

  const sendIndex = (_request: FastifyRequest, reply: FastifyReply): FastifyReply =>
    reply.header('cache-control', 'no-store').type(index.type).send(index.body);
  fastify.get(BACK_OFFICE_PATH, (_request, reply) => reply.redirect(`${BACK_OFFICE_PATH}/`));
  fastify.get(`${BACK_OFFICE_PATH}/`, sendIndex);

  fastify.get<{ Params: { '*': string } }>(`${BACK_OFFICE_PATH}/assets/*`, (request, reply) => {
    const asset = assets.get(request.params['*']);
    if (!asset || request.params['*'] === 'index.html') return problem(reply, 404, 'Not Found', 'No such back-office file.');
    return reply.header('cache-control', 'no-cache').type(asset.type).send(asset.body);
  });

  fastify.post<{ Body: { key?: unknown } | undefined }>(`${BACK_OFFICE_PATH}/login`, async (request, reply) => {
    const address = request.ip;
    const wait = throttle.retryAfterSeconds(address);
    if (wait > 0) {
      void reply.header('retry-after', String(wait));
      return problem(reply, 429, 'Too Many Requests', `Too many failed logins from this address; try again in ${wait} s.`);
    }
    const started = await sessions.login(request.body?.key);
    if (!started) {
      throttle.recordFailure(address);
      logger.warn({ address, reqId: request.id }, 'back office: login refused (unknown or revoked key)');
      return problem(reply, 401, 'Unauthorized', 'This API key is unknown or revoked.');
    }
    throttle.recordSuccess(address);
    logger.info({ key: started.principal.name, reqId: request.id }, 'back office: signed in');
    void reply.header('set-cookie', sessionCookie(started.token, { maxAgeSeconds: SESSION_MAX_AGE_MS / 1000, secure: isHttps(request) }));
    const { name, scopes, csrfToken } = started.principal;
    return reply.header('cache-control', 'no-store').send({ name, scopes, csrfToken });
  });

  fastify.get(`${BACK_OFFICE_PATH}/session`, async (request, reply) => {
    const principal = await sessions.fromCookieHeader(request.headers.cookie);
    if (!principal) return problem(reply, 401, 'Unauthorized', 'Not signed in.');
    const { name, scopes, csrfToken } = principal;
    return reply.header('cache-control', 'no-store').send({ name, scopes, csrfToken });
  });

  fastify.post(`${BACK_OFFICE_PATH}/logout`, async (request, reply) => {
    const principal = await sessions.fromCookieHeader(request.headers.cookie);
    if (principal && !sameToken(principal.csrfToken, headerValue(request.headers['x-csrf-token']))) {
      return problem(reply, 403, 'Forbidden', 'The x-csrf-token header is missing or wrong.');
    }
    await sessions.logout(request.headers.cookie);
    void reply.header('set-cookie', clearedSessionCookie(isHttps(request)));
    return reply.code(204).send();
  });
}
