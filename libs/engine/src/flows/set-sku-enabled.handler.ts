import type { ProductRepository } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import { SET_SKU_ENABLED } from '../catalogue/capabilities-in-routes';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import { PermanentDeliveryFailure } from './forward-order.handler';

interface SkuEnabledPayload {
  readonly sku: string;
  readonly enabled: boolean;
}

/**
 * A SKU switched off sale or back on (WMS UPDATE_SKU_STATUS). The state sent is the SKU's current
 * one, not the event's: a delivery retried after the SKU was switched back cannot undo the later
 * switch, and sending the same state twice is harmless.
 */
export class SetSkuEnabledHandler implements DeliveryHandler {
  readonly capability = SET_SKU_ENABLED;

  constructor(
    private readonly db: EntityManager,
    private readonly products: ProductRepository,
  ) {}

  async execute({ event, connector }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const setSkuEnabled = connector.catalogSink?.setSkuEnabled?.bind(connector.catalogSink);
    if (!setSkuEnabled) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection cannot switch SKUs on and off');
    const payload = event.payload as unknown as SkuEnabledPayload;
    const found = await this.products.findByCode(this.db, event.aggregateId);
    const sku = found?.product.sku(payload.sku);
    if (!sku) throw new PermanentDeliveryFailure('SKU_MISSING', `product ${event.aggregateId} has no SKU ${payload.sku}`);
    await setSkuEnabled(sku.sku, sku.enabled);
    return { sku: sku.sku, enabled: sku.enabled };
  }
}
