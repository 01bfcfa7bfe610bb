import type { FastifyInstance } from 'fastify';

/** Path prefixes of the two simulated APIs (the inspection routes under `/_sandbox` are not affected). */
export const NENGMAO_PATH_PREFIXES = ['/nengmao/', '/tmg/'] as const;

export function isNengmaoApiPath(url: string): boolean {
  return NENGMAO_PATH_PREFIXES.some((prefix) => url.startsWith(prefix));
}

/**
 * Fastify parses JSON bodies before Nest runs, and answers malformed JSON with its own 400 body, which no
 * controller-scoped filter sees. For the Nengmao paths only, the body is received as text instead (Fastify's
 * built-in text/plain parser), and the handlers parse it themselves, so malformed JSON gets error 414 in the
 * provider's envelope. Other providers' routes keep the normal JSON parsing.
 */
export function receiveNengmaoBodiesAsText(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (isNengmaoApiPath(request.url)) request.raw.headers['content-type'] = 'text/plain; charset=utf-8';
    done();
  });
}
