import type { ConnectionRepository, RouteRepository, TransactionRunner } from '@serai/persistence';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { REPAIR_ACTIONS, RepairAction } from '../kinds/report-kind';
import type { DiscrepancyRepository, DiscrepancyRow } from '../run/discrepancy.repository';
import type { RepairDelivery, RepairDeliveryRepository } from './repair-delivery.repository';

/** Why a repair was refused; the API answers it as 404 / 409 with the reason. */
export class RepairRefused extends Error {
  constructor(
    readonly reason: 'not_found' | 'not_repairable' | 'no_target',
    message: string,
  ) {
    super(message);
    this.name = 'RepairRefused';
  }
}

/**
 * The engine capabilities repairs are delivered as (the handlers live in libs/engine/src/flows).
 * Stock and price re-pushes have repair capabilities of their own: the routed pushes of those
 * capabilities are coalesced queues whose handlers read other payloads.
 */
const CAPABILITY: Readonly<Record<RepairAction, string>> = {
  reforward_order: 'orderSink.createOrder',
  reconfirm_shipment: 'shipmentSink.confirmShipment',
  repush_stock: 'repair.inventorySink.pushStock',
  repush_price: 'repair.priceSink.pushPrices',
  reimport_stock: 'inventorySource.pullInventory',
  acknowledge_return: 'returnSource.acknowledgeReturns',
};

export interface RepairOutcome {
  readonly discrepancy: DiscrepancyRow;
  readonly deliveryId: string;
}

/**
 * Carries out a discrepancy's repair action through the engine (one delivery, see
 * RepairDeliveryRepository) and marks it repaired with who asked and when, in one transaction:
 * a repair is never recorded without its delivery, nor queued twice.
 */
export class DiscrepancyRepairer {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly discrepancies: DiscrepancyRepository,
    private readonly deliveries: RepairDeliveryRepository,
    private readonly connections: ConnectionRepository,
    private readonly routes: RouteRepository,
    private readonly logger: Logger,
  ) {}

  async repair(runId: string, discrepancyId: string, actor: string): Promise<RepairOutcome> {
    const outcome = await this.tx.run(async (m) => {
      const found = await this.discrepancies.lock(m, runId, discrepancyId);
      if (!found) throw new RepairRefused('not_found', `run ${runId} has no discrepancy ${discrepancyId}`);
      const action = found.repairAction as RepairAction | null;
      if (action === null || !REPAIR_ACTIONS.includes(action))
        throw new RepairRefused('not_repairable', `discrepancy ${discrepancyId} (${found.code}) has no repair action`);
      if (found.state !== 'open' && found.state !== 'recurring')
        throw new RepairRefused(
          'not_repairable',
          `discrepancy ${discrepancyId} is ${found.state}; only open or recurring ones are repaired`,
        );
      if (found.closedAt !== null) throw new RepairRefused('not_repairable', `discrepancy ${discrepancyId} was closed by a later run`);
      const delivery = await this.plan(m, found, action);
      const deliveryId = await this.deliveries.enqueue(m, delivery);
      await this.discrepancies.markRepaired(m, found.id, actor, deliveryId);
      return { discrepancy: { ...found, state: 'repaired' as const, repairedBy: actor, repairDeliveryId: deliveryId }, deliveryId };
    });
    this.logger.info(
      { run: runId, discrepancy: discrepancyId, action: outcome.discrepancy.repairAction, delivery: outcome.deliveryId, actor },
      'discrepancy repair queued',
    );
    return outcome;
  }

  async accept(runId: string, discrepancyId: string, actor: string): Promise<DiscrepancyRow> {
    return this.tx.run(async (m) => {
      const found = await this.discrepancies.lock(m, runId, discrepancyId);
      if (!found) throw new RepairRefused('not_found', `run ${runId} has no discrepancy ${discrepancyId}`);
      if (found.state !== 'open' && found.state !== 'recurring')
        throw new RepairRefused(
          'not_repairable',
          `discrepancy ${discrepancyId} is ${found.state}; only open or recurring ones are accepted`,
        );
      await this.discrepancies.markAccepted(m, found.id, actor);
      this.logger.info({ run: runId, discrepancy: discrepancyId, actor }, 'discrepancy accepted');
      return { ...found, state: 'accepted' as const, acceptedBy: actor };
    });
  }

  /** The delivery that carries out the action, aimed at the system that must change. */
  private async plan(m: EntityManager, d: DiscrepancyRow, action: RepairAction): Promise<RepairDelivery> {
    const base = {
      eventType: 'ReconciliationRepairRequested',
      capability: CAPABILITY[action],
      idempotencyKey: `reconciliation-repair:${d.id}`,
      occurredAt: new Date().toISOString(),
    };
    const payloadBase = { repair: action, discrepancyId: d.id, runId: d.runId, kind: d.kind, code: d.code };
    switch (action) {
      case 'reforward_order': {
        const orderId = await this.orderId(m, d.connection, d.entityKey);
        const target = await this.routedTarget(m, CAPABILITY[action], d.connection);
        return {
          ...base,
          aggregateType: 'order',
          aggregateId: orderId,
          sourceConnection: d.connection,
          targetConnectionId: target,
          payload: payloadBase,
        };
      }
      case 'reconfirm_shipment': {
        const orderNumber = d.entityKey.slice(0, d.entityKey.lastIndexOf(':'));
        const orderId = await this.orderId(m, d.connection, orderNumber);
        const expected = d.expected as { carrierCode: string; trackingNumber: string; lines: { sku: string; quantity: number }[] };
        const lines = await this.lineIdsFor(m, orderId, expected.lines);
        return {
          ...base,
          occurredAt: (d.entityTime ?? new Date()).toISOString(),
          aggregateType: 'order',
          aggregateId: orderId,
          sourceConnection: d.connection,
          targetConnectionId: await this.connectionId(m, d.connection),
          payload: { ...payloadBase, carrierCode: expected.carrierCode, trackingNumber: expected.trackingNumber, lines },
        };
      }
      case 'repush_stock':
      case 'reimport_stock':
        return {
          ...base,
          aggregateType: 'inventory',
          aggregateId: d.entityKey,
          targetConnectionId: await this.connectionId(m, d.connection),
          payload: { ...payloadBase, skus: [d.entityKey] },
        };
      case 'repush_price': {
        const [sku, kind] = splitLast(d.entityKey);
        return {
          ...base,
          aggregateType: 'price',
          aggregateId: d.entityKey,
          targetConnectionId: await this.connectionId(m, d.connection),
          payload: { ...payloadBase, prices: [{ sku, kind }] },
        };
      }
      case 'acknowledge_return':
        return {
          ...base,
          aggregateType: 'return',
          aggregateId: d.entityKey,
          sourceConnection: d.connection,
          targetConnectionId: await this.connectionId(m, d.connection),
          payload: { ...payloadBase, returnNumbers: [d.entityKey] },
        };
    }
  }

  private async orderId(m: EntityManager, connection: string, externalOrderNumber: string): Promise<string> {
    const rows = (await m.query(`SELECT id FROM sales_order WHERE source_connection_name = $1 AND external_order_number = $2`, [
      connection,
      externalOrderNumber,
    ])) as { id: string }[];
    if (rows[0] === undefined) throw new RepairRefused('no_target', `order ${externalOrderNumber} of ${connection} is not in the store`);
    return rows[0].id;
  }

  /** Each shipped SKU on the order line that holds it (the shipment handler speaks line ids). */
  private async lineIdsFor(m: EntityManager, orderId: string, lines: readonly { sku: string; quantity: number }[]) {
    const rows = (await m.query(`SELECT line_id, sku FROM sales_order_line WHERE order_id = $1 ORDER BY line_no`, [orderId])) as {
      line_id: string;
      sku: string;
    }[];
    return lines.map((line) => {
      const match = rows.find((row) => row.sku === line.sku);
      if (!match) throw new RepairRefused('no_target', `order ${orderId} has no line of SKU ${line.sku}`);
      return { lineId: match.line_id, quantity: line.quantity };
    });
  }

  private async connectionId(m: EntityManager, name: string): Promise<string> {
    const connection = await this.connections.findByName(m, name);
    if (!connection) throw new RepairRefused('no_target', `connection ${name} does not exist`);
    return connection.id;
  }

  /** The connection the routes send this capability to for events of that source (the same target the flow itself uses). */
  private async routedTarget(m: EntityManager, capability: string, sourceConnection: string): Promise<string> {
    const route = (await this.routes.list(m, true)).find(
      (r) => r.capability === capability && (r.sourceConnection === null || r.sourceConnection === sourceConnection),
    );
    if (!route) throw new RepairRefused('no_target', `no enabled route sends ${capability} for ${sourceConnection}`);
    return route.connectionId;
  }
}

function splitLast(key: string): [string, string] {
  const at = key.lastIndexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}
