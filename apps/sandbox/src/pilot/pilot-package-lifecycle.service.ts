import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { SandboxEventMap, SandboxEvents } from '../core/sandbox-events';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { SeededRandom } from '../core/seeded-random';
import { PilotCallbackOutbox } from './pilot-callback.outbox';
import {
  CALLBACK_ORDER_TYPE,
  CALLBACK_STATUS_OF,
  NEXT_PACKAGE_STATUS,
  chinaTime,
  logisticsOfCarrier,
  warehouseCodeOf,
} from './pilot-codes';
import { DeliveryOrderMessage } from './pilot-delivery-order.message';
import { PilotInventoryStore, StockLine } from './pilot-inventory.store';
import { FINAL_PACKAGE_STATUSES, PilotConsignee, PilotPackage, PilotPackageLine, PilotPackageStore } from './pilot-package.store';
import { PilotPurchaseStore } from './pilot-purchase.store';
import { PILOT_PACKAGE_STATUSES, PilotPackageStatus } from './pilot.wire';

export interface NewPackage {
  readonly deliveryOrderCode: string;
  readonly store: string;
  readonly carrier?: string;
  readonly lines: readonly PilotPackageLine[];
  readonly consignee?: PilotConsignee;
  /** Tracking number to print instead of a generated one (planting data for replayed examples). */
  readonly trackingReference?: string;
}

/** Why a package cannot move as asked; the inspection controller answers it as 409. */
export class PackageTransitionRefused extends Error {}

const NO_CONSIGNEE: PilotConsignee = { name: '', mobile: '', province: '', city: '', address: '' };

/**
 * The 3PL at work: orders forwarded by the order system become packages that move
 * UNPROCESSED -> PACKED -> PROCESSED -> SHIPPED, one step per `settings.packageStepMs` of the
 * sandbox clock (several at once when the clock jumps). Packing reserves stock (and waits while
 * there is not enough), shipping deducts it and tells the order system; the steps that matter are
 * reported to the logistics receiver. Purchase orders are received one step after creation.
 */
@Injectable()
export class PilotPackageLifecycle implements OnModuleInit, OnModuleDestroy {
  private readonly random: SeededRandom;
  private readonly issuedTracking = new Set<string>();
  private messageSequence = 0;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly packages: PilotPackageStore,
    private readonly inventory: PilotInventoryStore,
    private readonly purchases: PilotPurchaseStore,
    private readonly outbox: PilotCallbackOutbox,
    private readonly clock: SandboxClock,
    private readonly events: SandboxEvents,
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
  ) {
    this.random = new SeededRandom(settings.seed * 7_919 + 3);
  }

  onModuleInit(): void {
    this.unsubscribe.push(this.events.on('envoy.order.created', (order) => this.acceptOrder(order)));
    this.unsubscribe.push(this.clock.onTick((now) => this.advance(now.getTime())));
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  /** Every Envoy store feeds the first carrier (the sandbox has one warehouse per carrier). */
  acceptOrder(order: SandboxEventMap['envoy.order.created']): void {
    if (this.packages.find(order.clientOrderRef)) return;
    this.createPackage({ deliveryOrderCode: order.clientOrderRef, store: order.store, lines: order.lines, consignee: order.consignee });
  }

  createPackage(input: NewPackage): PilotPackage {
    const carrier = input.carrier ?? this.settings.pilotCarriers[0] ?? 'samarkand.sfexpress.test';
    const nowMs = this.clock.nowMs();
    const pkg: PilotPackage = {
      deliveryOrderCode: input.deliveryOrderCode,
      deliveryOrderId: this.random.digits(16),
      carrier,
      store: input.store,
      lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      consignee: input.consignee ?? NO_CONSIGNEE,
      createdAtMs: nowMs,
      status: 'UNPROCESSED',
      updatedAtMs: nowMs,
      statusAtMs: { UNPROCESSED: nowMs },
      nextStepAtMs: nowMs + this.settings.packageStepMs,
      waitingForStock: false,
      trackingReference: input.trackingReference ?? '',
      logisticsCode: '',
      logisticsName: '',
    };
    if (pkg.trackingReference !== '') this.issuedTracking.add(pkg.trackingReference);
    this.packages.add(pkg);
    return pkg;
  }

  /** Moves every package whose step is due, and receives due purchases. Called on every clock tick. */
  advance(nowMs: number): void {
    for (const purchase of this.purchases.due(nowMs)) {
      purchase.receivedAtMs = purchase.receiveDueAtMs;
      // Only good goods become sellable stock; defective goods and samples are kept apart.
      if (purchase.goodsStatus === 'GOOD') this.inventory.receive(purchase.item, purchase.goodsNum);
    }
    for (const pkg of this.packages.open()) {
      while (!FINAL_PACKAGE_STATUSES.includes(pkg.status) && pkg.nextStepAtMs <= nowMs) {
        // A package that waited for stock is packed when the stock is there, i.e. now.
        const atMs = pkg.waitingForStock ? nowMs : pkg.nextStepAtMs;
        if (!this.step(pkg, atMs)) break;
      }
    }
  }

  /** Moves a package to `target` now, through the steps in between (stock and callbacks as usual). */
  force(pkg: PilotPackage, target: PilotPackageStatus): void {
    if (target === 'CANCEL') return this.cancel(pkg);
    const order = PILOT_PACKAGE_STATUSES.indexOf(target);
    if (pkg.status === 'CANCEL' || PILOT_PACKAGE_STATUSES.indexOf(pkg.status) > order)
      throw new PackageTransitionRefused(`Package ${pkg.deliveryOrderCode} is ${pkg.status}; it cannot move back to ${target}`);
    const nowMs = this.clock.nowMs();
    while (pkg.status !== target) {
      if (!this.step(pkg, nowMs)) throw new PackageTransitionRefused(`Not enough stock to pack ${pkg.deliveryOrderCode}`);
    }
  }

  cancel(pkg: PilotPackage): void {
    if (FINAL_PACKAGE_STATUSES.includes(pkg.status))
      throw new PackageTransitionRefused(`Package ${pkg.deliveryOrderCode} is ${pkg.status} and cannot be cancelled`);
    if (pkg.status === 'PACKED' || pkg.status === 'PROCESSED') this.inventory.release(this.stockLines(pkg));
    this.transition(pkg, 'CANCEL', this.clock.nowMs());
  }

  private step(pkg: PilotPackage, atMs: number): boolean {
    const next = NEXT_PACKAGE_STATUS[pkg.status];
    if (next === undefined) return false;
    if (next === 'PACKED') {
      if (!this.inventory.reserve(this.stockLines(pkg))) {
        pkg.waitingForStock = true;
        return false;
      }
      pkg.waitingForStock = false;
      this.printWaybill(pkg);
    }
    if (next === 'SHIPPED') this.inventory.deduct(this.stockLines(pkg));
    this.transition(pkg, next, atMs);
    pkg.nextStepAtMs = atMs + this.settings.packageStepMs;
    if (next === 'SHIPPED') {
      this.events.emit('pilot.package.shipped', {
        carrier: pkg.carrier,
        deliveryOrderCode: pkg.deliveryOrderCode,
        trackingNumber: pkg.trackingReference,
        logisticsCode: pkg.logisticsCode,
        lines: pkg.lines,
      });
    }
    return true;
  }

  private transition(pkg: PilotPackage, to: PilotPackageStatus, atMs: number): void {
    pkg.status = to;
    pkg.statusAtMs[to] = atMs;
    pkg.updatedAtMs = atMs;
    const reported = CALLBACK_STATUS_OF[to];
    if (reported && this.outbox.enabled) this.outbox.enqueue(this.message(pkg, reported.status, reported.confirmType, atMs));
  }

  /** The label is printed when the package is packed, so the tracking number exists from PACKED on. */
  private printWaybill(pkg: PilotPackage): void {
    const logistics = logisticsOfCarrier(pkg.carrier);
    pkg.logisticsCode = logistics.logisticsCode;
    pkg.logisticsName = logistics.logisticsName;
    if (pkg.trackingReference !== '') return;
    let tracking: string;
    do tracking = `${logistics.trackingPrefix}${this.random.digits(12)}`;
    while (this.issuedTracking.has(tracking));
    this.issuedTracking.add(tracking);
    pkg.trackingReference = tracking;
  }

  /** Lines of catalogue-known products; lines of SKUs the 3PL does not stock do not hold a package back. */
  private stockLines(pkg: PilotPackage): StockLine[] {
    return pkg.lines.flatMap((line) => {
      const item = this.inventory.find(line.sku);
      return item ? [{ item, quantity: line.quantity }] : [];
    });
  }

  private message(pkg: PilotPackage, status: string, confirmType: string, atMs: number): DeliveryOrderMessage {
    this.messageSequence += 1;
    const time = chinaTime(atMs);
    const shipped = status === 'DELIVERED';
    const lines = pkg.lines.map((line, index) => {
      const item = this.inventory.find(line.sku);
      return {
        orderLineNo: String(index + 1),
        itemCode: item?.body.merchantGoodsNo ?? line.sku,
        itemId: item?.body.warehouseGoodsNo ?? '',
        planQty: String(line.quantity),
        actualQty: shipped ? String(line.quantity) : '0',
      };
    });
    return {
      deliveryOrder: {
        deliveryOrderCode: pkg.deliveryOrderCode,
        deliveryOrderId: pkg.deliveryOrderId,
        warehouseCode: warehouseCodeOf(pkg.carrier),
        orderType: CALLBACK_ORDER_TYPE,
        status,
        // Unique per message: the receiver's idempotency key.
        outBizCode: `${pkg.deliveryOrderId}-${String(this.messageSequence).padStart(6, '0')}`,
        confirmType,
        orderConfirmTime: time,
        operatorCode: 'SANDBOX',
        operatorName: 'Sandbox 3PL',
        operateTime: time,
        storageFee: '0.00',
        logisticsCode: pkg.logisticsCode,
        logisticsName: pkg.logisticsName,
        expressCode: pkg.trackingReference,
      },
      orderLines: lines,
      packages: shipped
        ? [
            {
              logisticsCode: pkg.logisticsCode,
              expressCode: pkg.trackingReference,
              items: lines.map((l) => ({ itemCode: l.itemCode, quantity: l.actualQty })),
            },
          ]
        : [],
    };
  }
}
