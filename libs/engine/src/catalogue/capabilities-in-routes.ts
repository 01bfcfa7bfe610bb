import type { RouteRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';

/** Capability names of the catalogue and price flows, as routes name them. */
export const PUBLISH_PRODUCT = 'catalogSink.publishProduct';
export const SET_SKU_ENABLED = 'catalogSink.setSkuEnabled';
export const PUSH_PRICES = 'priceSink.pushPrices';

export interface RouteTarget {
  readonly connectionId: string;
  readonly connectionName: string;
}

/**
 * The connections enabled routes send this event type to through this capability, each once.
 * Catalogue and price events come from no connection, so a route filtering on a source never takes them.
 */
export async function routeTargets(
  db: EntityManager,
  routes: RouteRepository,
  eventType: string,
  capability: string,
): Promise<RouteTarget[]> {
  const targets = new Map<string, RouteTarget>();
  for (const route of await routes.list(db, true)) {
    if (route.capability === capability && route.eventTypes.includes(eventType) && route.sourceConnection === null)
      targets.set(route.connectionId, { connectionId: route.connectionId, connectionName: route.connectionName });
  }
  return [...targets.values()];
}
