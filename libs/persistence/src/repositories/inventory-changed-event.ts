import { randomUUID } from 'node:crypto';
import type { InventoryChangeCause } from '@serai/domain';
import type { OutboxEventInput } from './outbox.repository';

export const INVENTORY_CHANGED = 'InventoryChanged';

/** One level's figures; `backordered` counts units sold beyond stock (ADR 0022), absent where none can be. */
export interface LevelFigures {
  readonly onHand: number;
  readonly reserved: number;
  readonly inFlight: number;
  readonly backordered?: number;
}

/** What a channel may still sell of a level: never below zero (oversold units are owed, not negative stock). */
export function availableOf(c: LevelFigures): number {
  return Math.max(0, c.onHand - c.reserved - c.inFlight - (c.backordered ?? 0));
}

/**
 * The InventoryChanged event of one level's change, for the outbox in the change's transaction:
 * routes with the `inventorySink.pushStock` capability turn it into a pending push of the SKU.
 */
export function inventoryChangedOutboxEvent(
  change: { readonly sku: string; readonly location: string; readonly before: LevelFigures; readonly after: LevelFigures },
  cause: InventoryChangeCause,
  at: Date,
  sourceConnection?: string,
): OutboxEventInput {
  const { before, after } = change;
  return {
    eventId: randomUUID(),
    eventType: INVENTORY_CHANGED,
    aggregateType: 'InventoryLevel',
    aggregateId: `${change.sku}@${change.location}`,
    ...(sourceConnection === undefined ? {} : { sourceConnection }),
    payload: {
      sku: change.sku,
      locationId: change.location,
      onHand: after.onHand,
      available: availableOf(after),
      reserved: after.reserved,
      inFlight: after.inFlight,
      backordered: after.backordered ?? 0,
      cause,
      delta: {
        onHand: after.onHand - before.onHand,
        available: availableOf(after) - availableOf(before),
        reserved: after.reserved - before.reserved,
      },
      asOf: at.toISOString(),
    },
    occurredAt: at.toISOString(),
  };
}
