import { Injectable } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { NENGMAO_CODES } from './nengmao-codes';
import { NengmaoApiError, NengmaoEnvelope, nengmaoSuccess } from './nengmao-envelope';
import { NengmaoFlavor } from './nengmao-goods.service';
import { NengmaoSku } from './nengmao-goods.store';
import { NengmaoMarketplaceSimulation } from './nengmao-marketplace.simulation';
import { readAmountCents } from './nengmao-money';
import { NENGMAO_ORDER_STATUS, NengmaoOrder, NengmaoOrderLine, NengmaoOrderStatus, isNengmaoOrderStatus } from './nengmao-order';
import {
  NengmaoJsonObject,
  readArrayBody,
  readObjectBody,
  readObjectList,
  readOptionalInteger,
  readOptionalString,
  readOptionalStringList,
  readPage,
  readRequiredInteger,
  readRequiredString,
  readYesNo,
} from './nengmao-request-reader';
import { NengmaoShop } from './nengmao-shop';
import { nengmaoNowMs, parseNengmaoTime, readNengmaoTime } from './nengmao-time';
import { renderBrandOrder, renderTmgOrder } from './nengmao-wire.mapper';

/** The general limit of error 406 ("Request list parameter exceeds 1000") for lists without their own limit. */
const GENERAL_LIST_LIMIT = 1000;

interface GoodsQuantity {
  readonly sku: string;
  readonly qty: number;
}

function remaining(line: NengmaoOrderLine): number {
  return line.qty - line.shippedQty - line.cancelledQty;
}

/** Why an item of a batch failed, or undefined when the goods fit the order's open quantities. */
function checkGoods(order: NengmaoOrder, goods: readonly GoodsQuantity[]): string | undefined {
  const wanted = new Map<string, number>();
  for (const g of goods) wanted.set(g.sku, (wanted.get(g.sku) ?? 0) + g.qty);
  for (const [sku, qty] of wanted) {
    const line = order.lines.find((l) => l.sku === sku);
    if (!line) return `${sku} is not in order ${order.orderSn}`;
    if (qty > remaining(line)) return `${order.orderSn} has ${remaining(line)} of ${sku} open, not ${qty}`;
  }
  return undefined;
}

function readGoodsList(item: NengmaoJsonObject, where: string): GoodsQuantity[] {
  const list = readObjectList(item, 'goodsList', GENERAL_LIST_LIMIT);
  if (!list || list.length === 0) throw new NengmaoApiError(NENGMAO_CODES.parameter, `${where}.goodsList is required`);
  return list.map((g) => ({ sku: readRequiredString(g, 'sku'), qty: readRequiredInteger(g, 'qty', 1, 1_000_000) }));
}

/** Every orderSn must exist: one unknown refuses the whole call with 411 and changes nothing. */
function requireOrders(shop: NengmaoShop, orderSns: readonly string[]): NengmaoOrder[] {
  const unknown = orderSns.filter((sn) => !shop.orders.has(sn));
  if (unknown.length > 0) {
    throw new NengmaoApiError(NENGMAO_CODES.orderUnknown, unknown.slice(0, 20).join(', '), { successList: [], failureList: unknown });
  }
  return orderSns.map((sn) => shop.orders.find(sn) as NengmaoOrder);
}

/** The order operations of both APIs (brand §7, TMG §6); `flavor` picks the document's rules and shapes. */
@Injectable()
export class NengmaoOrdersService {
  constructor(
    private readonly clock: SandboxClock,
    private readonly simulation: NengmaoMarketplaceSimulation,
  ) {}

  /** Brand §7.1 `api/order/list`, TMG §6.1 `tmg/api/order/list`. */
  listOrders(shop: NengmaoShop, flavor: NengmaoFlavor, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    // Brand: statuses 0-7, default 1; TMG: 0-3, default 1, and only a modify window.
    const status = readOptionalInteger(body, 'orderStatus', 0, flavor === 'brand' ? 7 : 3) ?? NENGMAO_ORDER_STATUS.awaitingDelivery;
    if (!isNengmaoOrderStatus(status)) throw new NengmaoApiError(NENGMAO_CODES.parameter, 'orderStatus is not a documented status');
    const page = readPage(body);
    const result = shop.orders.query({
      status,
      retrieved: readYesNo(body, 'orderType') === 'N',
      createFromMs: flavor === 'brand' ? readNengmaoTime(body, 'startCreateTime') : undefined,
      createToMs: flavor === 'brand' ? readNengmaoTime(body, 'endCreateTime') : undefined,
      modifyFromMs: readNengmaoTime(body, 'startModifyTime'),
      modifyToMs: readNengmaoTime(body, 'endModifyTime'),
      offset: (page.pageNo - 1) * page.pageSize,
      limit: page.pageSize,
    });
    const render = flavor === 'brand' ? renderBrandOrder : renderTmgOrder;
    return nengmaoSuccess(result.orders.map(render), result.total);
  }

  /**
   * Brand §7.2 / TMG §6.3 `status/confirmation`: orders (and returns) retrieved, so orderType Y becomes N.
   * Confirming again is accepted (idempotent). An unknown number refuses the call: 411 for orders, 412 for returns.
   */
  confirmReceipt(shop: NengmaoShop, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    const orderSns = readOptionalStringList(body, 'orderSnList', GENERAL_LIST_LIMIT) ?? [];
    const returnSns = readOptionalStringList(body, 'returnSnList', GENERAL_LIST_LIMIT) ?? [];
    if (orderSns.length === 0 && returnSns.length === 0)
      throw new NengmaoApiError(NENGMAO_CODES.parameter, 'orderSnList or returnSnList is required');
    const unknownOrders = orderSns.filter((sn) => !shop.orders.has(sn));
    const unknownReturns = returnSns.filter((sn) => !shop.returns.has(sn));
    const failure = {
      orderResult: { successList: [], failureList: unknownOrders },
      returnResult: { successList: [], failureList: unknownReturns },
    };
    if (unknownOrders.length > 0) throw new NengmaoApiError(NENGMAO_CODES.orderUnknown, unknownOrders.slice(0, 20).join(', '), failure);
    if (unknownReturns.length > 0) throw new NengmaoApiError(NENGMAO_CODES.returnUnknown, unknownReturns.slice(0, 20).join(', '), failure);
    const nowMs = nengmaoNowMs(this.clock);
    for (const sn of orderSns) {
      const order = shop.orders.find(sn) as NengmaoOrder;
      shop.orders.update(
        order,
        nowMs,
        (o) => {
          o.retrieved = true;
          o.confirmationCount += 1;
        },
        false,
      );
    }
    for (const sn of returnSns) {
      const record = shop.returns.find(sn);
      if (record) {
        record.retrieved = true;
        record.confirmationCount += 1;
      }
    }
    return nengmaoSuccess({
      orderResult: { successList: orderSns, failureList: [] },
      returnResult: { successList: returnSns, failureList: [] },
    });
  }

  /**
   * Brand §7.3 / TMG §6.2 `order/cancelbybrand`, also TMG §6.5 "Order Cancelled by Tmall", which reuses this URL.
   * Status 10 cancels the goods listed (brand: the whole order -> 3, part of it -> 5 "part cancellation"; TMG has
   * only 0-3, so it cancels the whole order). Status 20 reports a failed cancellation: a pending buyer request is
   * refused and the order goes back to its previous status. Items that cannot apply go to failureList; when none
   * applies the answer is 424 (the document's "status does not allow cancellation").
   */
  cancelByBrand(shop: NengmaoShop, flavor: NengmaoFlavor, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    const list = readObjectList(body, 'cancelList', GENERAL_LIST_LIMIT);
    if (!list || list.length === 0) throw new NengmaoApiError(NENGMAO_CODES.parameter, 'cancelList is required');
    const items = list.map((item, i) => ({
      orderSn: readRequiredString(item, 'orderSn'),
      status: this.readCancelStatus(item, `cancelList[${i}]`, true),
      message: readOptionalString(item, 'message') ?? '',
      goods: readGoodsList(item, `cancelList[${i}]`),
    }));
    const orders = requireOrders(
      shop,
      items.map((i) => i.orderSn),
    );
    const nowMs = nengmaoNowMs(this.clock);
    const successList: string[] = [];
    const failureList: string[] = [];
    items.forEach((item, index) => {
      const order = orders[index] as NengmaoOrder;
      if (item.status === 20) {
        shop.orders.update(order, nowMs, (o) => {
          if (o.status === NENGMAO_ORDER_STATUS.confirmingCancellation)
            o.status = o.statusBeforeCancelRequest ?? NENGMAO_ORDER_STATUS.awaitingDelivery;
          o.cancellations.push({ atMs: nowMs, kind: 'brand', status: 20, message: item.message, goods: item.goods });
        });
        successList.push(order.orderSn);
        return;
      }
      const open: number[] = [
        NENGMAO_ORDER_STATUS.created,
        NENGMAO_ORDER_STATUS.awaitingDelivery,
        NENGMAO_ORDER_STATUS.confirmingCancellation,
        NENGMAO_ORDER_STATUS.partCancelled,
      ];
      if (!open.includes(order.status) || checkGoods(order, item.goods) !== undefined) {
        failureList.push(order.orderSn);
        return;
      }
      shop.orders.update(order, nowMs, (o) => {
        if (flavor === 'tmg') {
          for (const line of o.lines) line.cancelledQty = line.qty - line.shippedQty;
        } else {
          for (const g of item.goods) {
            const line = o.lines.find((l) => l.sku === g.sku);
            if (line) line.cancelledQty += g.qty;
          }
        }
        o.status = o.lines.every((l) => remaining(l) === 0) ? NENGMAO_ORDER_STATUS.cancelled : NENGMAO_ORDER_STATUS.partCancelled;
        o.cancellations.push({ atMs: nowMs, kind: 'brand', status: 10, message: item.message, goods: item.goods });
      });
      successList.push(order.orderSn);
    });
    if (successList.length === 0)
      throw new NengmaoApiError(NENGMAO_CODES.cancelNotAllowed, failureList.join(', '), { successList, failureList });
    return nengmaoSuccess({ successList, failureList });
  }

  /**
   * Brand §7.4 `api/order/cancelConfirm`: the brand answers a buyer's cancellation request (status 4): 10 accepts
   * (order cancelled, status 3), 20 refuses (back to the status before the request). Both answers are listed in
   * successList, as in the document's example. Orders not awaiting a confirmation fail: 423 when others
   * succeeded, 424 when none did.
   */
  confirmCancellation(shop: NengmaoShop, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    const list = readObjectList(body, 'cancelList', GENERAL_LIST_LIMIT);
    if (!list || list.length === 0) throw new NengmaoApiError(NENGMAO_CODES.parameter, 'cancelList is required');
    const items = list.map((item, i) => ({
      orderSn: readRequiredString(item, 'orderSn'),
      // `status` is optional in the table, with no default: an answer without one accepts the cancellation.
      status: this.readCancelStatus(item, `cancelList[${i}]`, false) ?? 10,
      message: readOptionalString(item, 'message') ?? '',
    }));
    const orders = requireOrders(
      shop,
      items.map((i) => i.orderSn),
    );
    const nowMs = nengmaoNowMs(this.clock);
    const successList: string[] = [];
    const failureList: string[] = [];
    items.forEach((item, index) => {
      const order = orders[index] as NengmaoOrder;
      if (order.status !== NENGMAO_ORDER_STATUS.confirmingCancellation) {
        failureList.push(order.orderSn);
        return;
      }
      shop.orders.update(order, nowMs, (o) => {
        if (item.status === 10) {
          for (const line of o.lines) line.cancelledQty = line.qty - line.shippedQty;
          o.status = NENGMAO_ORDER_STATUS.cancelled;
        } else {
          o.status = o.statusBeforeCancelRequest ?? NENGMAO_ORDER_STATUS.awaitingDelivery;
        }
        o.cancellations.push({ atMs: nowMs, kind: 'confirm', status: item.status, message: item.message });
      });
      successList.push(order.orderSn);
    });
    if (failureList.length === 0) return nengmaoSuccess({ successList, failureList });
    const code = successList.length > 0 ? NENGMAO_CODES.cancelConfirmPartial : NENGMAO_CODES.cancelNotAllowed;
    throw new NengmaoApiError(code, failureList.join(', '), { successList, failureList });
  }

  /**
   * Brand §7.5 `api/order/ship`. An unknown order refuses the call (411) and so does an order already shipped in
   * full (419, "can not be shipped repeatedly"), changing nothing. Otherwise each order ships the goods listed
   * (all open goods shipped -> status 2 delivered, else 7 "ship part order"); an order whose SKU or quantity does
   * not fit, or that is cancelled or awaiting a cancellation confirmation, fails: 421 when others succeeded, 422
   * when none did.
   */
  shipOrders(shop: NengmaoShop, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    const list = readObjectList(body, 'shipOrderList', GENERAL_LIST_LIMIT);
    if (!list || list.length === 0) throw new NengmaoApiError(NENGMAO_CODES.parameter, 'shipOrderList is required');
    const items = list.map((item, i) => {
      const goods = readObjectList(item, 'goodsList', GENERAL_LIST_LIMIT);
      if (!goods || goods.length === 0) throw new NengmaoApiError(NENGMAO_CODES.parameter, `shipOrderList[${i}].goodsList is required`);
      return {
        orderSn: readRequiredString(item, 'orderSn'),
        shipTime: readRequiredString(item, 'shipTime'),
        expressCompany: readOptionalString(item, 'expressCompany') ?? '',
        expressNo: readOptionalString(item, 'expressNo') ?? '',
        invoiceNumber: readOptionalString(item, 'invoiceNumber') ?? '',
        shipmentId: readOptionalString(item, 'shipmentId') ?? '',
        serialNumber: readOptionalString(item, 'serialNumber') ?? '',
        shippingOption: readOptionalString(item, 'shippingOption') ?? '',
        goods: goods.map((g) => ({
          sku: readRequiredString(g, 'sku'),
          qty: readRequiredInteger(g, 'qty', 1, 1_000_000),
          status: readOptionalString(g, 'status') ?? '',
          notes: readOptionalString(g, 'notes') ?? '',
        })),
      };
    });
    const orders = requireOrders(
      shop,
      items.map((i) => i.orderSn),
    );
    const nowMs = nengmaoNowMs(this.clock);
    for (const order of new Set(orders)) order.shipCalls += 1;
    const shipped: number[] = [NENGMAO_ORDER_STATUS.delivered, NENGMAO_ORDER_STATUS.shippedWhole];
    const already = orders.filter((o) => shipped.includes(o.status)).map((o) => o.orderSn);
    if (already.length > 0) {
      throw new NengmaoApiError(NENGMAO_CODES.orderAlreadyShipped, already.slice(0, 20).join(', '), {
        successList: [],
        failureList: already,
      });
    }
    const shippable: number[] = [
      NENGMAO_ORDER_STATUS.created,
      NENGMAO_ORDER_STATUS.awaitingDelivery,
      NENGMAO_ORDER_STATUS.partCancelled,
      NENGMAO_ORDER_STATUS.shippedPart,
    ];
    const successList: string[] = [];
    const failureList: string[] = [];
    items.forEach((item, index) => {
      const order = orders[index] as NengmaoOrder;
      if (!shippable.includes(order.status) || checkGoods(order, item.goods) !== undefined) {
        failureList.push(order.orderSn);
        return;
      }
      shop.orders.update(order, nowMs, (o) => {
        for (const g of item.goods) {
          const line = o.lines.find((l) => l.sku === g.sku);
          if (line) line.shippedQty += g.qty;
        }
        o.shipments.push({
          receivedAtMs: nowMs,
          shipTime: item.shipTime,
          expressCompany: item.expressCompany,
          expressNo: item.expressNo,
          invoiceNumber: item.invoiceNumber,
          shipmentId: item.shipmentId,
          serialNumber: item.serialNumber,
          shippingOption: item.shippingOption,
          goods: item.goods,
        });
        o.status = o.lines.every((l) => remaining(l) === 0) ? NENGMAO_ORDER_STATUS.delivered : NENGMAO_ORDER_STATUS.shippedPart;
      });
      if (order.status === NENGMAO_ORDER_STATUS.delivered) this.simulation.orderDelivered(shop, order, nowMs);
      successList.push(order.orderSn);
    });
    if (failureList.length === 0) return nengmaoSuccess({ successList, failureList });
    const code = successList.length > 0 ? NENGMAO_CODES.shipPartial : NENGMAO_CODES.shipFailed;
    throw new NengmaoApiError(code, failureList.join(', '), { successList, failureList });
  }

  /**
   * TMG §6.4 `tmg/api/order/create` (sandbox only; the body is a JSON array). Checks the brand table's
   * order-creation codes: 417 order exists, 418 no orderGoods, 410 unknown SKU, 416 quantity over stock. All or
   * nothing; created orders take their stock and await retrieval (orderType Y, status 1).
   */
  createOrders(shop: NengmaoShop, raw: unknown): NengmaoEnvelope {
    const list = readArrayBody(raw);
    if (list.length === 0) throw new NengmaoApiError(NENGMAO_CODES.parameter, 'the order list is empty');
    if (list.length > GENERAL_LIST_LIMIT)
      throw new NengmaoApiError(NENGMAO_CODES.listTooLong, `${list.length} orders, the limit is ${GENERAL_LIST_LIMIT}`);
    const nowMs = nengmaoNowMs(this.clock);
    const seen = new Set<string>();
    const wantedStock = new Map<NengmaoSku, number>();
    const built = list.map((item, i) => {
      const order = this.readOrderToCreate(shop, item, `[${i}]`, nowMs);
      if (shop.orders.has(order.orderSn) || seen.has(order.orderSn)) throw new NengmaoApiError(NENGMAO_CODES.orderExists, order.orderSn);
      seen.add(order.orderSn);
      for (const line of order.lines) {
        const sku = shop.goods.findSku(line.sku) as NengmaoSku;
        wantedStock.set(sku, (wantedStock.get(sku) ?? 0) + line.qty);
      }
      return order;
    });
    for (const [sku, qty] of wantedStock) {
      if (qty > sku.stocks)
        throw new NengmaoApiError(NENGMAO_CODES.quantityOverStock, `${sku.sku}: ${qty} ordered, ${sku.stocks} in stock`);
    }
    for (const [sku, qty] of wantedStock) shop.goods.setStock(sku, sku.stocks - qty, nowMs);
    for (const order of built) shop.orders.add(order);
    return nengmaoSuccess(built.map(renderTmgOrder));
  }

  private readCancelStatus(item: NengmaoJsonObject, where: string, required: true): 10 | 20;
  private readCancelStatus(item: NengmaoJsonObject, where: string, required: false): 10 | 20 | undefined;
  private readCancelStatus(item: NengmaoJsonObject, where: string, required: boolean): 10 | 20 | undefined {
    // 7.4's example sends "10"/"20" as strings although the table says number: both are accepted.
    const status = readOptionalInteger(item, 'status', 10, 20);
    if (status === undefined && !required) return undefined;
    if (status !== 10 && status !== 20) throw new NengmaoApiError(NENGMAO_CODES.parameter, `${where}.status must be 10 or 20`);
    return status;
  }

  private readOrderToCreate(shop: NengmaoShop, item: NengmaoJsonObject, where: string, nowMs: number): NengmaoOrder {
    const text = (field: string): string => {
      if (item[field] === undefined || item[field] === null)
        throw new NengmaoApiError(NENGMAO_CODES.parameter, `${where}.${field} is required`);
      return readOptionalString(item, field) ?? '';
    };
    const time = (field: string): number => {
      const ms = parseNengmaoTime(text(field));
      if (ms === undefined) throw new NengmaoApiError(NENGMAO_CODES.parameter, `${where}.${field} must be yyyy-MM-dd HH:mm:ss`);
      return ms;
    };
    const amount = (source: NengmaoJsonObject, field: string, at: string): number => {
      if (source[field] === undefined || source[field] === null)
        throw new NengmaoApiError(NENGMAO_CODES.parameter, `${at}.${field} is required`);
      return readAmountCents(source[field], `${at}.${field}`);
    };
    const orderSn = readRequiredString(item, 'orderSn');
    const goods = readObjectList(item, 'orderGoods', GENERAL_LIST_LIMIT);
    if (!goods || goods.length === 0) throw new NengmaoApiError(NENGMAO_CODES.orderGoodsEmpty, orderSn);
    const lines: NengmaoOrderLine[] = goods.map((g, i) => {
      const at = `${where}.orderGoods[${i}]`;
      const sku = readRequiredString(g, 'sku');
      const known = shop.goods.findSku(sku);
      if (!known) throw new NengmaoApiError(NENGMAO_CODES.skuUnknown, sku);
      const internalId = readOptionalString(g, 'internalId') ?? '';
      return {
        sku,
        upcCode: readOptionalString(g, 'upcCode') ?? known.text.upcCode,
        // The document's response fills the internalId that the request left empty (TMG §6.4 example).
        internalId: internalId !== '' ? internalId : known.text.internalId,
        qty: readRequiredInteger(g, 'qty', 1, 1_000_000),
        tagPriceCents: amount(g, 'tagPrice', at),
        saleAmountCents: amount(g, 'saleAmount', at),
        taxCents: 0,
        cid: '',
        cname: '',
        engraving: '',
        shippedQty: 0,
        cancelledQty: 0,
      };
    });
    const status: NengmaoOrderStatus = NENGMAO_ORDER_STATUS.awaitingDelivery;
    return {
      seq: shop.orders.sequence(),
      orderSn,
      orderOriginSn: '',
      orderAccount: text('orderAccount'),
      consignee: text('consignee'),
      country: text('country'),
      province: text('province'),
      city: text('city'),
      district: text('district'),
      address: text('address'),
      zipcode: text('zipcode'),
      telephone: text('telephone'),
      mobile: text('mobile'),
      platform: text('platform'),
      paymentSn: text('paymentSn'),
      paymentType: text('paymentType'),
      remark: readOptionalString(item, 'remark') ?? '',
      invoiceNumber: '',
      lpCode: '',
      shippingFeeCents: amount(item, 'shippingFee', where),
      discountCents: amount(item, 'discountAmountSum', where),
      orderAmountCents: amount(item, 'orderAmount', where),
      createTimeMs: time('createTime'),
      payTimeMs: time('payTime'),
      lines,
      modifyTimeMs: nowMs,
      modifyVersion: 0,
      status,
      retrieved: false,
      confirmationCount: 0,
      shipCalls: 0,
      shipments: [],
      cancellations: [],
    };
  }
}
