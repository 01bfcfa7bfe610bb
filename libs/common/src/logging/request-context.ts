import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving one HTTP request carries. */
export interface RequestContext {
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` so that every log line written inside it (at any depth) names the request. */
export function withRequestContext<T>(context: RequestContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
