import { randomUUID } from 'node:crypto';
import { DomainError, Instant, Shipment } from '@serai/domain';
import type { OrderRepository, ShipmentRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { ShipmentSource, SourcedShipment } from '../ports/capabilities';

export const SHIPMENTS_STREAM = 'logistics-shipments';

/** A parcel of a page turned out to be stored already (recorded by someone else meanwhile). */
class ParcelAlreadyKnown extends Error {
  constructor() {
    super('a parcel of the page is already stored');
    this.name = 'ParcelAlreadyKnown';
  }
}

export interface ShipmentIntakeResult {
  readonly read: number;
  readonly recorded: number;
  readonly alreadyKnown: number;
  /** Parcels for orders Serai does not know (yet): counted, read again by the next overlapping window. */
  readonly unmatched: number;
  /** Parcels the order's state machine refused (e.g. the order was cancelled), with the reason logged on the cursor. */
  readonly refused: number;
}

/**
 * Shipment confirmation, logistics side: shipped parcels reported by the 3PL become canonical
 * shipments on their orders (OrderShipped / OrderPartiallyShipped, which route to the
 * marketplace). A parcel is recorded once, however often it is reported.
 */
export class LogisticsShipmentIntake {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly shipments: ShipmentRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly options: {
      readonly owner: string;
      readonly leaseMs: number;
      readonly initialLookbackMs: number;
      readonly overlapMs: number;
    },
    private readonly now: () => Instant = () => Instant.now(),
  ) {}

  async run(connectionId: string, source: ShipmentSource): Promise<ShipmentIntakeResult | undefined> {
    const lease = await this.cursors.acquire(this.db, connectionId, SHIPMENTS_STREAM, this.options.owner, this.options.leaseMs);
    if (!lease) return undefined;
    const to = this.now();
    const last = typeof lease.position.to === 'string' ? Instant.parse(lease.position.to) : undefined;
    const from = last ? last.plusMillis(-this.options.overlapMs) : to.plusMillis(-this.options.initialLookbackMs);
    const totals = { read: 0, recorded: 0, alreadyKnown: 0, unmatched: 0, refused: 0 };
    try {
      for await (const page of source.pullShipments({ from, to })) {
        // The overlapping windows report most parcels again: tell the known ones apart for the
        // whole page in two statements, and open a transaction only for the new ones.
        const orderIds = await this.orders.findIdsByExternalOrderNumbers(
          this.db,
          page.map((parcel) => parcel.externalOrderNumber),
        );
        const known = await this.shipments.findKnown(
          this.db,
          page.map((parcel) => parcel.trackingNumber),
        );
        const fresh: { readonly orderId: string; readonly parcel: SourcedShipment }[] = [];
        for (const parcel of page) {
          totals.read += 1;
          const ids = orderIds.get(parcel.externalOrderNumber) ?? [];
          if (ids.length !== 1) totals.unmatched += 1;
          else if (known(ids[0] ?? '', parcel.carrierCode, parcel.trackingNumber)) totals.alreadyKnown += 1;
          else fresh.push({ orderId: ids[0] ?? '', parcel });
        }
        const outcomes = await this.recordPage(connectionId, fresh).catch(async (error: unknown) => {
          // Someone else recorded one of them meanwhile (or an order changed): one parcel at a time.
          if (!(error instanceof Error && ['StaleOrder', 'ParcelAlreadyKnown'].includes(error.name))) throw error;
          const one: ('recorded' | 'alreadyKnown' | 'unmatched' | 'refused')[] = [];
          for (const { orderId, parcel } of fresh) one.push(await this.record(connectionId, orderId, parcel));
          return one;
        });
        for (const outcome of outcomes) totals[outcome] += 1;
      }
      // Unmatched parcels keep the cursor where it was, so they are read again once their order exists.
      if (totals.unmatched === 0) await this.cursors.advance(this.db, lease, { to: to.toISOString() });
      await this.cursors.release(this.db, lease);
      return totals;
    } catch (error) {
      await this.cursors.release(this.db, lease, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /**
   * The new parcels of a page in one transaction: their orders read in one statement, each parcel
   * applied to its order in memory (a parcel the order refuses is left out), the shipments
   * inserted, and the orders written in one statement.
   */
  private async recordPage(
    connectionId: string,
    fresh: readonly { readonly orderId: string; readonly parcel: SourcedShipment }[],
  ): Promise<('recorded' | 'unmatched' | 'refused')[]> {
    if (fresh.length === 0) return [];
    return this.tx.run(async (m) => {
      const orders = new Map(
        (await this.orders.findManyByIds(m, [...new Set(fresh.map((f) => f.orderId))])).map((found) => [found.order.id, found]),
      );
      const outcomes: ('recorded' | 'unmatched' | 'refused')[] = [];
      const changed = new Set<string>();
      for (const { orderId, parcel } of fresh) {
        const found = orders.get(orderId);
        if (!found) {
          outcomes.push('unmatched');
          continue;
        }
        let shipment: Shipment;
        try {
          shipment = this.shipmentOf(orderId, parcel);
          found.order.recordShipment(shipment, this.now());
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          outcomes.push('refused');
          continue;
        }
        if (!(await this.shipments.insertIfNew(m, shipment, connectionId, parcel.raw))) throw new ParcelAlreadyKnown();
        changed.add(orderId);
        outcomes.push('recorded');
      }
      await this.orders.updateMany(
        m,
        [...changed].flatMap((id) => {
          const found = orders.get(id);
          return found ? [{ order: found.order, expectedVersion: found.version }] : [];
        }),
      );
      return outcomes;
    });
  }

  private shipmentOf(orderId: string, parcel: SourcedShipment): Shipment {
    return Shipment.record(
      {
        id: randomUUID(),
        orderId,
        carrierCode: parcel.carrierCode,
        trackingNumber: parcel.trackingNumber,
        lines: parcel.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
        status: parcel.status,
        shippedAt: parcel.shippedAt,
      },
      this.now(),
    );
  }

  private async record(
    connectionId: string,
    orderId: string,
    parcel: SourcedShipment,
  ): Promise<'recorded' | 'alreadyKnown' | 'unmatched' | 'refused'> {
    try {
      return await this.tx.run(async (m) => {
        const found = await this.orders.findById(m, orderId);
        if (!found) return 'unmatched' as const;
        const shipment = this.shipmentOf(orderId, parcel);
        if (!(await this.shipments.insertIfNew(m, shipment, connectionId, parcel.raw))) return 'alreadyKnown' as const;
        found.order.recordShipment(shipment, this.now());
        await this.orders.update(m, found.order, found.version);
        return 'recorded' as const;
      });
    } catch (error) {
      if (error instanceof DomainError) return 'refused';
      throw error;
    }
  }
}
