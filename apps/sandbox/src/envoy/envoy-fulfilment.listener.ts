import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { SandboxEventMap, SandboxEvents } from '../core/sandbox-events';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { EnvoyOrderStore } from './envoy-order.store';

/** Steps of the package clock after which the buyer confirms receipt of a shipped order. */
const BUYER_CONFIRM_STEPS = 2;

/**
 * Moves Envoy orders along as the warehouse reports: shipped by the 3PL ->
 * WAIT_BUYER_CONFIRM_GOODS with `trackingReference`/`expressCompany`, then TRADE_SUCCESS when
 * the buyer confirms, two package steps later on the sandbox clock.
 */
@Injectable()
export class EnvoyFulfilmentListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly orders: EnvoyOrderStore,
    private readonly clock: SandboxClock,
    private readonly events: SandboxEvents,
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(this.events.on('pilot.package.shipped', (shipped) => this.recordShipment(shipped)));
    this.unsubscribe.push(this.clock.onTick((now) => this.confirmReceipts(now.getTime())));
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  recordShipment(shipped: SandboxEventMap['pilot.package.shipped']): void {
    const record = this.orders.findAnywhere(shipped.deliveryOrderCode);
    if (!record || record.order.status !== 'WAIT_SELLER_SEND_GOODS') return;
    const nowMs = this.clock.nowMs();
    record.order.trackingReference = shipped.trackingNumber;
    record.order.expressCompany = shipped.logisticsCode;
    this.orders.setStatus(record, 'WAIT_BUYER_CONFIRM_GOODS', nowMs);
    record.confirmDueAtMs = nowMs + BUYER_CONFIRM_STEPS * this.settings.packageStepMs;
  }

  confirmReceipts(nowMs: number): void {
    for (const record of this.orders.allRecords()) {
      const due = record.confirmDueAtMs;
      if (due === undefined || due > nowMs || record.order.status !== 'WAIT_BUYER_CONFIRM_GOODS') continue;
      this.orders.setStatus(record, 'TRADE_SUCCESS', due);
      record.confirmDueAtMs = undefined;
    }
  }
}
