import type { ExternalRefRepository, ProductRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import { PUBLISH_PRODUCT } from '../catalogue/capabilities-in-routes';
import { classifyFailure } from '../delivery/failure-classification';
import type { DeliveryHandler } from '../delivery/delivery-worker';
import type { BatchOutcome } from '../ports/batch-outcome';
import { PermanentDeliveryFailure } from './forward-order.handler';

/** Some SKUs of a publication failed in a way trying again may fix: the delivery is retried. */
export class PublicationIncomplete extends Error {
  readonly retryable = true;
  readonly kind = 'provider';
  constructor(message: string) {
    super(message);
    this.name = 'PublicationIncomplete';
  }
}

function describeFailures(outcome: BatchOutcome<string>): string {
  return outcome.failed.map((f) => `${f.key}: ${f.code} ${f.message}`).join('; ');
}

/**
 * Catalogue, provider side: sends the product as it is now (not as it was when published: a later
 * change has its own event, and sending the newest state twice is harmless) to one system, then
 * records the publication's state there and binds the product and each accepted SKU to that
 * connection. Every catalogue sink is an upsert (Nengmao goods by goodsSn, WMS insert-or-update,
 * Pilot register-or-update and PUT), so a replay or retry changes nothing twice.
 */
export class PublishProductHandler implements DeliveryHandler {
  readonly capability = PUBLISH_PRODUCT;

  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly products: ProductRepository,
    private readonly refs: ExternalRefRepository,
  ) {}

  async execute({ delivery, event, connector }: Parameters<DeliveryHandler['execute']>[0]): Promise<unknown> {
    const sink = connector.catalogSink;
    if (!sink) throw new PermanentDeliveryFailure('CAPABILITY_MISSING', 'the target connection cannot publish products');
    const found = await this.products.findByCode(this.db, event.aggregateId);
    if (!found) throw new PermanentDeliveryFailure('PRODUCT_MISSING', `product ${event.aggregateId} does not exist`);
    const record = (state: 'done' | 'failed', providerIds: Record<string, string>, reason?: string) =>
      this.products.recordPublication(this.db, {
        productId: found.id,
        connectionId: delivery.connectionId,
        eventId: event.eventId,
        productVersion: found.version,
        state,
        providerIds,
        ...(reason === undefined ? {} : { reason }),
      });
    let outcome: BatchOutcome<string>;
    try {
      outcome = await sink.publishProduct(found.product.toSnapshot());
    } catch (error) {
      // The provider refused the call as a whole (or could not be reached): the publication shows
      // why; the delivery retries what may pass later and buries what will not.
      const failure = classifyFailure(error);
      await record('failed', {}, `${failure.code ?? 'ERROR'}: ${failure.message}`.slice(0, 2000));
      throw error;
    }
    const providerIds: Record<string, string> = {};
    for (const sku of outcome.succeeded) providerIds[sku] = 'accepted';
    for (const failure of outcome.failed) providerIds[failure.key] = `${failure.code}: ${failure.message}`.slice(0, 500);
    await this.tx.run(async (m) => {
      if (outcome.succeeded.length > 0) {
        await this.refs.bind(m, {
          entityType: 'product',
          entityId: found.id,
          connectionId: delivery.connectionId,
          externalId: found.product.id,
        });
      }
      for (const sku of outcome.succeeded) {
        await this.refs.bind(m, { entityType: 'sku', entityId: sku, connectionId: delivery.connectionId, externalId: sku });
      }
    });
    if (outcome.failed.length === 0) {
      await record('done', providerIds);
      return { published: outcome.succeeded, calls: outcome.calls };
    }
    const reason = describeFailures(outcome).slice(0, 2000);
    await record('failed', providerIds, reason);
    if (outcome.failed.some((f) => f.retryable)) throw new PublicationIncomplete(reason);
    throw new PermanentDeliveryFailure(outcome.failed[0]?.code ?? 'REFUSED', reason);
  }
}
