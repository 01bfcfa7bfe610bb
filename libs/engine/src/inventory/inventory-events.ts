import { randomUUID } from 'node:crypto';
import type { InventoryChangeCause } from '@serai/domain';
import type { LevelCounts, OutboxEventInput } from '@serai/persistence';

export const INVENTORY_CHANGED = 'InventoryChanged';

const availableOf = (c: LevelCounts): number => Math.max(0, c.onHand - c.reserved - c.inFlight);

/**
 * The InventoryChanged event of one level's change, for the outbox in the change's transaction:
 * routes with the `inventorySink.pushStock` capability turn it into a pending push of the SKU.
 */
export function inventoryChangedEvent(
  change: { readonly sku: string; readonly location: string; readonly before: LevelCounts; readonly after: LevelCounts },
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
