import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { emptyGoodsText, emptySkuText, NengmaoSku } from './nengmao-goods.store';
import { NengmaoMarketplaceSimulation } from './nengmao-marketplace.simulation';
import { centsToWire, parseDecimalToCents } from './nengmao-money';
import { NENGMAO_ORDER_STATUS, NengmaoOrder, NengmaoOrderStatus, NengmaoReturn } from './nengmao-order';
import { isJsonObject, NengmaoJsonObject } from './nengmao-request-reader';
import { NengmaoShop } from './nengmao-shop';
import { formatNengmaoTime, nengmaoNowMs, parseNengmaoTime } from './nengmao-time';
import {
  renderBrandGoods,
  renderBrandOrder,
  renderBrandReturn,
  renderTmgGoods,
  renderTmgOrder,
  renderTmgReturn,
} from './nengmao-wire.mapper';

function optionalText(body: NengmaoJsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new BadRequestException(`${field} must be a string`);
}

function optionalTime(body: NengmaoJsonObject, field: string): number | undefined {
  const text = optionalText(body, field);
  if (text === undefined) return undefined;
  const ms = parseNengmaoTime(text);
  if (ms === undefined) throw new BadRequestException(`${field} must be yyyy-MM-dd HH:mm:ss (GMT+8)`);
  return ms;
}

function optionalCount(body: NengmaoJsonObject, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new BadRequestException(`${field} must be a non-negative integer`);
  return value;
}

function readLines(body: NengmaoJsonObject): { sku: string; qty: number }[] | undefined {
  const lines = body.lines;
  if (lines === undefined || lines === null) return undefined;
  if (!Array.isArray(lines) || lines.length === 0) throw new BadRequestException('lines must be a non-empty array of { sku, qty }');
  return lines.map((line) => {
    if (!isJsonObject(line) || typeof line.sku !== 'string') throw new BadRequestException('each line needs a sku');
    const qty = line.qty ?? 1;
    if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1) throw new BadRequestException('qty must be a positive integer');
    return { sku: line.sku, qty };
  });
}

function asObject(body: unknown): NengmaoJsonObject {
  if (body === undefined || body === null) return {};
  if (!isJsonObject(body)) throw new BadRequestException('the body must be a JSON object');
  return body;
}

/** What tests see of, and plant into, one simulated shop (`/_sandbox/nengmao/...`, `/_sandbox/tmg/...`). */
@Injectable()
export class NengmaoInspectionService {
  constructor(
    private readonly clock: SandboxClock,
    private readonly simulation: NengmaoMarketplaceSimulation,
  ) {}

  describeOrder(shop: NengmaoShop, orderSn: string): Record<string, unknown> {
    const order = this.requireOrder(shop, orderSn);
    return {
      orderSn: order.orderSn,
      status: order.status,
      orderType: order.retrieved ? 'N' : 'Y',
      confirmationCount: order.confirmationCount,
      createTime: formatNengmaoTime(order.createTimeMs),
      modifyTime: formatNengmaoTime(order.modifyTimeMs),
      lines: order.lines.map((l) => ({ sku: l.sku, qty: l.qty, shippedQty: l.shippedQty, cancelledQty: l.cancelledQty })),
      shipCalls: order.shipCalls,
      shipments: order.shipments.map((s) => ({ ...s, receivedAt: formatNengmaoTime(s.receivedAtMs) })),
      cancellations: order.cancellations.map((c) => ({ ...c, at: formatNengmaoTime(c.atMs) })),
      wire: shop.name === 'tmg' ? renderTmgOrder(order) : renderBrandOrder(order),
    };
  }

  describeReturn(shop: NengmaoShop, returnSn: string): Record<string, unknown> {
    const record = shop.returns.find(returnSn);
    if (!record) throw new NotFoundException(`No return ${returnSn} in ${shop.name}`);
    return {
      returnSn: record.returnSn,
      orderSn: record.orderSn,
      status: record.status,
      returnType: record.retrieved ? 'N' : 'Y',
      confirmationCount: record.confirmationCount,
      createTime: formatNengmaoTime(record.createTimeMs),
      wire: shop.name === 'tmg' ? renderTmgReturn(record) : renderBrandReturn(record),
    };
  }

  listShipments(shop: NengmaoShop): Record<string, unknown>[] {
    const shipped: NengmaoOrder[] = [];
    for (const order of shop.orders.all()) if (order.shipments.length > 0) shipped.push(order);
    return shipped.map((o) => ({
      orderSn: o.orderSn,
      status: o.status,
      shipCalls: o.shipCalls,
      shipments: o.shipments.map((s) => ({
        expressCompany: s.expressCompany,
        expressNo: s.expressNo,
        shipTime: s.shipTime,
        goods: s.goods,
      })),
    }));
  }

  counts(shop: NengmaoShop): Record<string, unknown> {
    return {
      orders: shop.orders.size,
      ordersByStatus: shop.orders.countByStatus(),
      ordersAwaitingRetrieval: shop.orders.countUnretrieved(),
      returns: shop.returns.size,
      goods: shop.goods.goodsCount(),
    };
  }

  /** Goods as uploaded (`api/goods`), with their SKUs, in the document's own list shape. */
  describeGoods(shop: NengmaoShop, goodsSn: string): Record<string, unknown> {
    const goods = shop.goods.findGoods(goodsSn);
    if (!goods) throw new NotFoundException(`No goods ${goodsSn} in ${shop.name}`);
    return {
      goodsSn,
      skus: shop.goods.skusOf(goods).map((sku) => sku.sku),
      wire: shop.name === 'tmg' ? renderTmgGoods(goods, shop.goods) : renderBrandGoods(goods, shop.goods),
    };
  }

  describeStock(shop: NengmaoShop, code: string): Record<string, unknown> {
    const sku = this.requireSku(shop, code);
    return {
      sku: sku.sku,
      stocks: sku.stocks,
      lockInventory: sku.lockInventory,
      lastModifyTime: formatNengmaoTime(sku.stockModifyTimeMs),
      updates: sku.stockUpdates,
    };
  }

  describePrice(shop: NengmaoShop, code: string): Record<string, unknown> {
    const sku = this.requireSku(shop, code);
    return {
      sku: sku.sku,
      salePrice: centsToWire(sku.salePriceCents),
      marketPrice: centsToWire(sku.marketPriceCents),
      isDiscount: sku.text.isDiscount,
      lastModifyTime: formatNengmaoTime(sku.priceModifyTimeMs),
      updates: sku.priceUpdates,
    };
  }

  /**
   * Body `{ orderSn?, lines?: [{ sku, qty }], createTime?, modifyTime?, status? }`; SKUs must be known
   * to the shop. `status` plants an order whose life already moved on (e.g. an old order asked to cancel).
   */
  plantOrder(shop: NengmaoShop, raw: unknown): Record<string, unknown> {
    const body = asObject(raw);
    const orderSn = optionalText(body, 'orderSn');
    if (orderSn !== undefined && shop.orders.has(orderSn)) throw new ConflictException(`Order ${orderSn} already exists`);
    const lines = readLines(body);
    for (const line of lines ?? []) this.requireSku(shop, line.sku);
    const nowMs = nengmaoNowMs(this.clock);
    const createMs = optionalTime(body, 'createTime');
    const order = this.simulation.generator(shop).nextOrder(createMs ?? nowMs, lines, orderSn, createMs);
    order.modifyTimeMs = optionalTime(body, 'modifyTime') ?? nowMs;
    const status = optionalCount(body, 'status');
    if (status !== undefined) {
      if (!(Object.values(NENGMAO_ORDER_STATUS) as number[]).includes(status))
        throw new BadRequestException(`status must be one of ${Object.values(NENGMAO_ORDER_STATUS).join(', ')}`);
      order.status = status as NengmaoOrderStatus;
    }
    shop.orders.add(order);
    return this.describeOrder(shop, order.orderSn);
  }

  /** Body `{ message? }`: the buyer asks to cancel (status 4), as the marketplace would. */
  requestCancellation(shop: NengmaoShop, orderSn: string, raw: unknown): Record<string, unknown> {
    const order = this.requireOrder(shop, orderSn);
    const message = optionalText(asObject(raw), 'message');
    if (!this.simulation.requestCancellation(shop, order, nengmaoNowMs(this.clock), message)) {
      throw new ConflictException(`Order ${orderSn} is in status ${order.status}; only orders 0 or 1 can be asked to cancel`);
    }
    return this.describeOrder(shop, orderSn);
  }

  /** Body `{ returnSn?, lines?: [{ sku, qty }], createTime?, modifyTime?, status? }`. */
  plantReturn(shop: NengmaoShop, orderSn: string, raw: unknown): Record<string, unknown> {
    const order = this.requireOrder(shop, orderSn);
    const body = asObject(raw);
    const returnSn = optionalText(body, 'returnSn');
    if (returnSn !== undefined && shop.returns.has(returnSn)) throw new ConflictException(`Return ${returnSn} already exists`);
    const lines = readLines(body);
    for (const line of lines ?? []) {
      if (!order.lines.some((l) => l.sku === line.sku)) throw new BadRequestException(`${line.sku} is not in order ${orderSn}`);
    }
    const createMs = optionalTime(body, 'createTime') ?? nengmaoNowMs(this.clock);
    const created: NengmaoReturn = this.simulation.createReturn(shop, order, createMs, lines, returnSn);
    const status = optionalCount(body, 'status');
    if (status !== undefined) created.status = status;
    created.modifyTimeMs = optionalTime(body, 'modifyTime') ?? created.modifyTimeMs;
    return this.describeReturn(shop, created.returnSn);
  }

  /**
   * Body `{ sku, goodsSn?, stocks?, salePrice?, marketPrice?, upcCode?, internalId?, status?, modifyTime? }`:
   * creates or sets a SKU. `modifyTime` (GMT+8) back-dates the stock and price modify times (and new goods), so
   * the documents' examples with past time windows can be replayed.
   */
  putSku(shop: NengmaoShop, raw: unknown): Record<string, unknown> {
    const body = asObject(raw);
    const code = optionalText(body, 'sku');
    if (code === undefined || code === '') throw new BadRequestException('sku is required');
    const nowMs = optionalTime(body, 'modifyTime') ?? nengmaoNowMs(this.clock);
    const status = optionalCount(body, 'status');
    if (status !== undefined && status !== 0 && status !== 1) throw new BadRequestException('status must be 0 (in stock) or 1 (on sale)');
    const amount = (field: string): number | undefined => {
      const text = optionalText(body, field);
      if (text === undefined) return undefined;
      const cents = parseDecimalToCents(text);
      if (cents === undefined || cents < 0) throw new BadRequestException(`${field} must be an amount`);
      return cents;
    };
    const stocks = optionalCount(body, 'stocks');
    const salePrice = amount('salePrice');
    const marketPrice = amount('marketPrice');
    let sku = shop.goods.findSku(code);
    if (!sku) {
      const goodsSn = optionalText(body, 'goodsSn') ?? code;
      const goods = shop.goods.findGoods(goodsSn) ?? shop.goods.putGoods(goodsSn, nowMs, { ...emptyGoodsText(), goodsTitle: goodsSn }, []);
      const created: NengmaoSku = {
        sku: code,
        goodsSn,
        text: { ...emptySkuText(), upcCode: optionalText(body, 'upcCode') ?? '', internalId: optionalText(body, 'internalId') ?? '' },
        safeValid: true,
        marketPriceCents: marketPrice ?? salePrice ?? 0,
        salePriceCents: salePrice ?? 0,
        importFeeCents: 0,
        status: status ?? 1,
        stocks: stocks ?? 0,
        lockInventory: 0,
        stockModifyTimeMs: nowMs,
        stockUpdates: 0,
        priceModifyTimeMs: nowMs,
        priceUpdates: 0,
      };
      sku = shop.goods.putSku(goods, created);
    } else {
      if (stocks !== undefined) sku.stocks = stocks;
      if (salePrice !== undefined) sku.salePriceCents = salePrice;
      if (marketPrice !== undefined) sku.marketPriceCents = marketPrice;
      if (stocks !== undefined) sku.stockModifyTimeMs = nowMs;
      if (salePrice !== undefined) sku.priceModifyTimeMs = nowMs;
      if (status !== undefined) sku.status = status;
    }
    return { ...this.describeStock(shop, sku.sku), price: this.describePrice(shop, sku.sku) };
  }

  private requireOrder(shop: NengmaoShop, orderSn: string): NengmaoOrder {
    const order = shop.orders.find(orderSn);
    if (!order) throw new NotFoundException(`No order ${orderSn} in ${shop.name}`);
    return order;
  }

  private requireSku(shop: NengmaoShop, code: string): NengmaoSku {
    const sku = shop.goods.findSku(code);
    if (!sku) throw new NotFoundException(`No SKU ${code} in ${shop.name}`);
    return sku;
  }
}
