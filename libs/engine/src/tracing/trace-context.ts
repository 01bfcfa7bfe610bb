import { AsyncLocalStorage } from 'node:async_hooks';

/** What a provider call is done for: the delivery, the entity, the request that caused it. */
export interface TraceContext {
  readonly deliveryId?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly correlationId?: string;
}

const storage = new AsyncLocalStorage<TraceContext>();

/** Runs `work` so that every provider call made inside it is linked to `context` in the trace. */
export function withTraceContext<T>(context: TraceContext, work: () => Promise<T>): Promise<T> {
  return storage.run({ ...storage.getStore(), ...context }, work);
}

export function currentTraceContext(): TraceContext {
  return storage.getStore() ?? {};
}
