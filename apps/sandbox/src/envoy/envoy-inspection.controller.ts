import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { EnvoyOrderRecord, EnvoyOrderStore } from './envoy-order.store';
import { ENVOY_ORDER_STATUSES, EnvoyOrder, EnvoyOrderStatus } from './envoy.wire';

export interface EnvoyOrderSummary {
  readonly store: string;
  readonly orderId: string;
  readonly clientOrderRef: string;
  readonly status: string;
  readonly trackingReference: string;
  readonly expressCompany: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createCalls: number;
  readonly duplicatesRefused: number;
  readonly stage: string | null;
}

function summarise(record: EnvoyOrderRecord): EnvoyOrderSummary {
  const o = record.order;
  return {
    store: record.store,
    orderId: o.orderId,
    clientOrderRef: o.clientOrderRef,
    status: o.status,
    trackingReference: o.trackingReference,
    expressCompany: o.expressCompany,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    createCalls: record.createCalls,
    duplicatesRefused: record.duplicatesRefused,
    stage: record.stage ?? null,
  };
}

/** What tests and the demo may look at or plant in the Envoy simulator; no auth, never part of the provider API. */
@Controller('_sandbox/envoy')
export class EnvoyInspectionController {
  constructor(
    private readonly orders: EnvoyOrderStore,
    private readonly clock: SandboxClock,
  ) {}

  @Get('stores')
  stores(): { store: string; orders: number }[] {
    return this.orders.storeIds().map((store) => ({ store, orders: this.orders.records(store).length }));
  }

  @Get('stores/:store/orders')
  list(@Param('store') store: string): EnvoyOrderSummary[] {
    this.requireStore(store);
    return this.orders.records(store).map(summarise);
  }

  @Get('stores/:store/orders/:clientOrderRef')
  one(@Param('store') store: string, @Param('clientOrderRef') clientOrderRef: string): EnvoyOrderSummary & { order: EnvoyOrder } {
    const record = this.require(store, clientOrderRef);
    return { ...summarise(record), order: record.order };
  }

  /** Plants a status change (e.g. a refund or a closure decided in the order system). */
  @Post('stores/:store/orders/:clientOrderRef/status')
  @HttpCode(200)
  setStatus(
    @Param('store') store: string,
    @Param('clientOrderRef') clientOrderRef: string,
    @Body() body: { status?: unknown; trackingReference?: unknown; expressCompany?: unknown } | undefined,
  ): EnvoyOrderSummary {
    const record = this.require(store, clientOrderRef);
    const status = body?.status;
    if (typeof status !== 'string' || !(ENVOY_ORDER_STATUSES as readonly string[]).includes(status))
      throw new BadRequestException(`status must be one of ${ENVOY_ORDER_STATUSES.join(', ')}`);
    if (typeof body?.trackingReference === 'string') record.order.trackingReference = body.trackingReference;
    if (typeof body?.expressCompany === 'string') record.order.expressCompany = body.expressCompany;
    this.orders.setStatus(record, status as EnvoyOrderStatus, this.clock.nowMs());
    return summarise(record);
  }

  private requireStore(store: string): void {
    if (!this.orders.hasStore(store)) throw new NotFoundException(`Unknown Envoy store ${store}`);
  }

  private require(store: string, clientOrderRef: string): EnvoyOrderRecord {
    this.requireStore(store);
    const record = this.orders.find(store, clientOrderRef);
    if (!record) throw new NotFoundException(`No order ${clientOrderRef} in ${store}`);
    return record;
  }
}
