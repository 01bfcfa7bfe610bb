import type { InventoryRepository, TransactionRunner } from '@serai/persistence';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import { PermanentDeliveryFailure } from './forward-order.handler';

export const REIMPORT_STOCK = 'inventorySource.pullInventory';

interface ReimportStockPayload {
  readonly skus: readonly string[];
}

/**
 * Reads the 3PL's / warehouse's stock again and records the figures of the named SKUs in the
 * canonical store (a reconciliation repair of on-hand drift). The store's newer-wins rule
 * (InventoryRepository.record) applies; a changed figure is then pushed on by the inventory flow.
 */
export class ReimportStockHandler implements DeliveryHandler {
  readonly capability = REIMPORT_STOCK;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly inventory: InventoryRepository,
  ) {}

  async execute({ event, connector }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const source = connector.inventorySource;
    if (!source) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection reports no stock');
    const wanted = new Set((event.payload as unknown as ReimportStockPayload).skus ?? []);
    if (wanted.size === 0) throw new PermanentDeliveryFailure('NO_SKUS', 'the event names no SKU');
    const figures: { sku: string; location: string; onHand: number; reserved: number; asOf: Date }[] = [];
    for await (const page of source.pullInventory())
      for (const figure of page)
        if (wanted.has(figure.sku))
          figures.push({
            sku: figure.sku,
            location: figure.location,
            onHand: figure.onHand,
            reserved: figure.reserved,
            asOf: new Date(figure.asOf.epochMillis),
          });
    const changed = await this.tx.run((m) => this.inventory.record(m, figures));
    return { figures: figures.length, changed };
  }
}
