import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FaultDecision, FaultInjector } from './fault-injector';

const NON_JSON_BODY = '<html><body><h1>502 Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>';

/** Cuts a JSON answer so that it no longer parses (half of it, at least one character short). */
export function truncateBody(payload: string): string {
  return payload.slice(0, Math.max(0, Math.min(payload.length - 1, Math.ceil(payload.length / 2))));
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function resetConnection(request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  request.raw.socket.destroy();
}

/**
 * Installs the fault injector in front of every route: `onRequest` decides and carries out delays,
 * hangs, error answers, resets and outages; `onSend` spoils the body when a malformed answer was
 * drawn. Routes under `/_sandbox` are never touched (FaultInjector.decide).
 */
export function installFaultHooks(fastify: FastifyInstance, injector: FaultInjector): void {
  const malformed = new WeakMap<FastifyRequest, 'truncated' | 'non-json'>();

  fastify.addHook('onRequest', async (request, reply) => {
    const decision: FaultDecision | undefined = injector.decide(request.method, pathOf(request.url));
    if (decision === undefined) return;
    const socket = request.raw.socket as { once?: (event: string, listener: () => void) => void } | undefined;
    const onAbort = (abort: () => void): void => socket?.once?.('close', abort);
    if (decision.hold !== undefined) {
      const end = await injector.holds.wait(decision.hold.holdMs, onAbort);
      if (end === 'aborted') return reply.hijack();
      if (end === 'released') {
        // The sandbox is closing (or the rules were cleared while held with no end): let the client go.
        return reply.code(503).header('connection', 'close').header('x-sandbox-fault', 'hang').send({ message: 'Service Unavailable' });
      }
    }
    if (decision.delayMs > 0) {
      const end = await injector.holds.wait(decision.delayMs, onAbort);
      if (end === 'aborted') return reply.hijack();
    }
    if (decision.action === 'reset') return resetConnection(request, reply);
    if (decision.action === 'respond') return reply.code(decision.status).headers(decision.headers).send(decision.body);
    if (decision.malformed !== undefined) malformed.set(request, decision.malformed);
    return undefined;
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    const mode = malformed.get(request);
    if (mode === undefined) return payload;
    malformed.delete(request);
    void reply.code(200).header('x-sandbox-fault', 'malformed');
    if (mode === 'non-json') return NON_JSON_BODY;
    if (typeof payload === 'string') return truncateBody(payload);
    if (Buffer.isBuffer(payload)) return truncateBody(payload.toString('utf8'));
    // A streamed answer cannot be cut here; an empty body is malformed JSON too.
    return '';
  });
}
