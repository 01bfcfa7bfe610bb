import type { InventoryChangeCause } from '@serai/domain';
import { inventoryChangedOutboxEvent, type LevelFigures, type OutboxEventInput } from '@serai/persistence';

export const INVENTORY_CHANGED = 'InventoryChanged';

/**
 * The InventoryChanged event of one level's change, for the outbox in the change's transaction:
 * routes with the `inventorySink.pushStock` capability turn it into a pending push of the SKU.
 * Built in persistence, where order reservations write the same event (ADR 0022).
 */
export function inventoryChangedEvent(
  change: { readonly sku: string; readonly location: string; readonly before: LevelFigures; readonly after: LevelFigures },
  cause: InventoryChangeCause,
  at: Date,
  sourceConnection?: string,
): OutboxEventInput {
  return inventoryChangedOutboxEvent(change, cause, at, sourceConnection);
}
