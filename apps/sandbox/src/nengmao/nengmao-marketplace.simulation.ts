import { Inject, Injectable } from '@nestjs/common';
import { SandboxCatalog } from '../core/sandbox-catalog';
import { SandboxClock } from '../core/sandbox-clock';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { parseDecimalToCents } from './nengmao-money';
import { NENGMAO_ORDER_STATUS, NengmaoOrder, NengmaoReturn } from './nengmao-order';
import { NengmaoOrderGenerator } from './nengmao-order-generator';
import { NengmaoShop, NengmaoShops } from './nengmao-shop';
import { emptyGoodsText, emptySkuText } from './nengmao-goods.store';
import { nengmaoNowMs, toNengmaoSecond } from './nengmao-time';

/** Share of live brand orders that later get a buyer cancellation request (status 4). */
export const CANCELLATION_REQUEST_SHARE = 0.03;
/** Share of delivered brand orders that later get a return. */
export const RETURN_SHARE = 0.05;
/** Seeded orders were paid over this many hours before the sandbox starts. */
const SEED_SPREAD_MS = 72 * 60 * 60 * 1000;
/** A safety net: one tick never creates more orders than this (e.g. after advancing the clock by a year). */
const MAX_ORDERS_PER_TICK = 200_000;

interface ScheduledEvent {
  readonly dueMs: number;
  readonly kind: 'cancel-request' | 'return';
  readonly shop: NengmaoShop;
  readonly orderSn: string;
}

/** A deterministic number in [0, 1) from a string (FNV-1a), so decisions do not depend on call order. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 4294967296;
}

/**
 * The marketplace around the two shops: goods, stock and prices of every catalogue SKU at start, the initial
 * orders awaiting retrieval, new orders at `orderRatePerMinute` driven by the sandbox clock, buyer cancellation
 * requests on a share of new brand orders and returns on a share of delivered brand orders.
 */
@Injectable()
export class NengmaoMarketplaceSimulation {
  private readonly generators = new Map<NengmaoShop, NengmaoOrderGenerator>();
  private readonly scheduled: ScheduledEvent[] = [];
  private startMs = 0;
  private liveOrdersCreated = 0;
  private unsubscribe?: () => void;

  constructor(
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
    private readonly clock: SandboxClock,
    private readonly catalog: SandboxCatalog,
    private readonly shops: NengmaoShops,
  ) {}

  start(): void {
    this.startMs = nengmaoNowMs(this.clock);
    const seed = this.settings.seed;
    this.generators.set(this.shops.brand, new NengmaoOrderGenerator(seed * 7_919 + 101, this.shops.brand, this.catalog));
    this.generators.set(this.shops.tmg, new NengmaoOrderGenerator(seed * 7_919 + 202, this.shops.tmg, this.catalog));
    for (const shop of [this.shops.brand, this.shops.tmg]) {
      this.seedGoods(shop);
      this.seedOrders(shop, this.settings.initialOrders);
    }
    this.unsubscribe = this.clock.onTick((now) => this.catchUp(now.getTime()));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  generator(shop: NengmaoShop): NengmaoOrderGenerator {
    const generator = this.generators.get(shop);
    if (!generator) throw new Error('The Nengmao simulation has not started');
    return generator;
  }

  /** Brings the marketplace up to `nowMs`: orders due at the configured rate, then scheduled events. */
  catchUp(nowMs: number): void {
    const rate = this.settings.orderRatePerMinute;
    if (rate > 0) {
      const due = Math.min(Math.floor(((nowMs - this.startMs) * rate) / 60_000), this.liveOrdersCreated + MAX_ORDERS_PER_TICK);
      while (this.liveOrdersCreated < due) {
        this.liveOrdersCreated += 1;
        const createMs = toNengmaoSecond(this.startMs + Math.floor((this.liveOrdersCreated * 60_000) / rate));
        this.createLiveOrder(this.shops.brand, createMs, true);
        this.createLiveOrder(this.shops.tmg, createMs, false);
      }
    }
    while (this.scheduled.length > 0 && (this.scheduled[0] as ScheduledEvent).dueMs <= nowMs) {
      const event = this.scheduled.shift() as ScheduledEvent;
      const atMs = toNengmaoSecond(event.dueMs);
      if (event.kind === 'cancel-request') this.applyCancellationRequest(event.shop, event.orderSn, atMs);
      else this.applyReturn(event.shop, event.orderSn, atMs);
    }
  }

  /** Called when an order becomes delivered: a deterministic share of them come back as returns 1-72 hours later. */
  orderDelivered(shop: NengmaoShop, order: NengmaoOrder, nowMs: number): void {
    if (unitHash(`return:${order.orderSn}`) >= RETURN_SHARE) return;
    const delayMs = (1 + Math.floor(unitHash(`delay:${order.orderSn}`) * 72)) * 60 * 60 * 1000;
    this.schedule({ dueMs: nowMs + delayMs, kind: 'return', shop, orderSn: order.orderSn });
  }

  /** A buyer cancellation request (brand doc §7.1 status 4 "confirming cancellation"), settled by cancelConfirm. */
  requestCancellation(shop: NengmaoShop, order: NengmaoOrder, nowMs: number, message = '买家申请取消订单'): boolean {
    const cancellable: number[] = [NENGMAO_ORDER_STATUS.created, NENGMAO_ORDER_STATUS.awaitingDelivery];
    if (!cancellable.includes(order.status)) return false;
    shop.orders.update(order, nowMs, (o) => {
      o.statusBeforeCancelRequest = o.status;
      o.status = NENGMAO_ORDER_STATUS.confirmingCancellation;
      o.cancellations.push({ atMs: nowMs, kind: 'request', message });
    });
    return true;
  }

  createReturn(
    shop: NengmaoShop,
    order: NengmaoOrder,
    nowMs: number,
    lines?: readonly { sku: string; qty: number }[],
    returnSn?: string,
  ): NengmaoReturn {
    const created = this.generator(shop).nextReturn(order, nowMs, lines, returnSn);
    shop.returns.add(created);
    return created;
  }

  private seedGoods(shop: NengmaoShop): void {
    const nowMs = this.startMs;
    for (const item of this.catalog.all()) {
      const goods =
        shop.goods.findGoods(item.goodsSn) ??
        shop.goods.putGoods(
          item.goodsSn,
          nowMs,
          {
            ...emptyGoodsText(),
            brand: item.brand,
            goodsTitle: item.titleZh,
            goodsCategory: item.category,
            weight: item.weightKg,
            hscode: item.hsCode,
            originCountry: item.originCountry,
            currency: 'CNY',
            newArrivals: 'no',
            deliverySeperate: 'no',
            target: 'B2C',
          },
          [],
        );
      const size = item.titleEn.split(' ').pop() ?? '';
      shop.goods.putSku(goods, {
        sku: item.sku,
        goodsSn: item.goodsSn,
        text: {
          ...emptySkuText(),
          size,
          sizeCode: size,
          upcCode: item.barcode,
          internalId: item.merchantGoodsNo,
          images: `https://img.sandbox.nengmao.test/${item.sku}.jpg`,
        },
        safeValid: true,
        marketPriceCents: parseDecimalToCents(item.marketPrice) ?? 0,
        salePriceCents: parseDecimalToCents(item.salePrice) ?? 0,
        importFeeCents: 0,
        status: 1,
        stocks: item.initialStock,
        lockInventory: 0,
        stockModifyTimeMs: nowMs,
        stockUpdates: 0,
        priceModifyTimeMs: nowMs,
        priceUpdates: 0,
      });
    }
  }

  private seedOrders(shop: NengmaoShop, count: number): void {
    if (count <= 0 || this.catalog.all().length === 0) return;
    const generator = this.generator(shop);
    const stepMs = SEED_SPREAD_MS / count;
    for (let i = 0; i < count; i += 1) {
      const createMs = toNengmaoSecond(this.startMs - SEED_SPREAD_MS + Math.floor(i * stepMs));
      shop.orders.add(generator.nextOrder(createMs));
    }
  }

  private createLiveOrder(shop: NengmaoShop, createMs: number, mayCancel: boolean): void {
    if (this.catalog.all().length === 0) return;
    const generator = this.generator(shop);
    const order = generator.nextOrder(createMs);
    shop.orders.add(order);
    // TMG has no status 4 nor cancelConfirm (TMG doc §6.1, §6.5), so only brand orders get cancellation requests.
    if (mayCancel && generator.chance(CANCELLATION_REQUEST_SHARE)) {
      this.schedule({ dueMs: createMs + generator.between(5, 60) * 60_000, kind: 'cancel-request', shop, orderSn: order.orderSn });
    }
  }

  private applyCancellationRequest(shop: NengmaoShop, orderSn: string, atMs: number): void {
    const order = shop.orders.find(orderSn);
    if (order) this.requestCancellation(shop, order, atMs);
  }

  private applyReturn(shop: NengmaoShop, orderSn: string, atMs: number): void {
    const order = shop.orders.find(orderSn);
    const returnable: number[] = [NENGMAO_ORDER_STATUS.delivered, NENGMAO_ORDER_STATUS.shippedWhole, NENGMAO_ORDER_STATUS.shippedPart];
    if (order && returnable.includes(order.status)) this.createReturn(shop, order, atMs);
  }

  private schedule(event: ScheduledEvent): void {
    let index = this.scheduled.length;
    while (index > 0 && (this.scheduled[index - 1] as ScheduledEvent).dueMs > event.dueMs) index -= 1;
    this.scheduled.splice(index, 0, event);
  }
}
