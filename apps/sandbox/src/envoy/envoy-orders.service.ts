import { Inject, Injectable } from '@nestjs/common';
import { SandboxCatalog } from '../core/sandbox-catalog';
import { SandboxClock } from '../core/sandbox-clock';
import { SandboxEventMap, SandboxEvents } from '../core/sandbox-events';
import { ENVOY_ORDER_ALREADY_EXISTS, EnvoyApiError } from './envoy-api.error';
import { envoyEnvelope, platformOfStore } from './envoy-envelope';
import { parseEnvoyListQuery } from './envoy-list-query';
import { parseEnvoyOrderBody } from './envoy-order-body';
import { EnvoyOrderIdGenerator } from './envoy-order-id.generator';
import { EnvoyOrderStore } from './envoy-order.store';
import type { EnvoyApiResponse, EnvoyOrder, EnvoyOrderStatus, EnvoyPerson } from './envoy.wire';

/** The status an order starts in when the body names none: paid, waiting for the warehouse. */
const DEFAULT_CREATED_STATUS: EnvoyOrderStatus = 'WAIT_SELLER_SEND_GOODS';

function consigneeName(person: EnvoyPerson): string {
  // Chinese names put the family name first; Latin ones the given name.
  const cjk = /[\u4e00-\u9fff]/.test(person.firstName + person.lastName);
  return cjk ? `${person.lastName}${person.firstName}` : [person.firstName, person.lastName].filter((p) => p !== '').join(' ');
}

/** List and create, the two operations of the Envoy document. */
@Injectable()
export class EnvoyOrdersService {
  constructor(
    private readonly orders: EnvoyOrderStore,
    private readonly ids: EnvoyOrderIdGenerator,
    private readonly clock: SandboxClock,
    private readonly events: SandboxEvents,
    @Inject(SandboxCatalog) private readonly catalog: SandboxCatalog,
  ) {}

  listOrders(store: string, query: Record<string, unknown>): EnvoyApiResponse {
    const startedAtMs = performance.now();
    this.requireStore(store);
    const filter = parseEnvoyListQuery(query);
    const page = this.orders.list(store, filter);
    const first = page.orders[0];
    // The document's list example fills `data.order` and `data.orderId` too; the simulator puts the
    // page's first order there (null and '' on an empty page). Readers should use `data.orders`.
    return envoyEnvelope(
      200,
      'Success',
      { orders: page.orders, order: first ?? null, orderId: first?.orderId ?? '', returnValue: String(page.total) },
      {
        mappingName: 'ListOrderMapping',
        api: `/order/${store}`,
        platform: platformOfStore(store),
        input: JSON.stringify(query),
        startedAtMs,
      },
    );
  }

  createOrder(store: string, body: unknown, stage: string | undefined): EnvoyApiResponse {
    const startedAtMs = performance.now();
    this.requireStore(store);
    const order = parseEnvoyOrderBody(body);
    const existing = this.orders.find(store, order.clientOrderRef);
    if (existing) {
      existing.createCalls += 1;
      existing.duplicatesRefused += 1;
      // Not documented: a second create of one clientOrderRef is refused as invalid input, carrying
      // the existing order, so a retrying client learns its first call succeeded (README).
      throw new EnvoyApiError(400, `Invalid input: order ${order.clientOrderRef} already exists as orderId ${existing.order.orderId}`, {
        returnValue: ENVOY_ORDER_ALREADY_EXISTS,
        orderId: existing.order.orderId,
        order: existing.order,
        orders: [existing.order],
      });
    }
    const nowMs = this.clock.nowMs();
    const now = new Date(nowMs).toISOString();
    order.orderId = this.ids.next();
    order.createdAt = now;
    order.updatedAt = now;
    if (order.status === '') order.status = DEFAULT_CREATED_STATUS;
    this.orders.insert({ store, order, createdAtMs: nowMs, updatedAtMs: nowMs, createCalls: 1, duplicatesRefused: 0, stage });
    if (order.status === DEFAULT_CREATED_STATUS) this.events.emit('envoy.order.created', this.createdEvent(store, order));
    return envoyEnvelope(
      200,
      'Success',
      { order, orderId: order.orderId, orders: [order], returnValue: order.orderId },
      {
        mappingName: 'CreateOrderMapping',
        api: `/order/${store}`,
        platform: platformOfStore(store),
        input: order.clientOrderRef,
        startedAtMs,
      },
    );
  }

  private requireStore(store: string): void {
    // Unknown stores are an input error: the store id is the path parameter "ID of the store."
    if (!this.orders.hasStore(store)) throw EnvoyApiError.invalidInput(`unknown store '${store}'`);
  }

  /** What the warehouse learns of a paid order: catalogue SKUs (Envoy's `skuNumber` mapped back) and the consignee. */
  private createdEvent(store: string, order: EnvoyOrder): SandboxEventMap['envoy.order.created'] {
    const lines = order.items.map((item) => {
      const skuNumber = item.product.skus[0]?.skuNumber ?? '';
      const known = this.catalog.all().find((s) => s.envoySkuNumber === skuNumber || s.sku === skuNumber);
      return { sku: known?.sku ?? skuNumber, quantity: item.quantity };
    });
    const c = order.customer;
    return {
      store,
      orderId: order.orderId,
      clientOrderRef: order.clientOrderRef,
      lines,
      consignee: {
        name: consigneeName(c),
        mobile: c.phone,
        province: c.state,
        city: c.city,
        address: [c.address1, c.address2].filter((p) => p !== '').join(' '),
      },
    };
  }
}
