import { Injectable } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { NENGMAO_CODES } from './nengmao-codes';
import { NengmaoApiError, NengmaoEnvelope, nengmaoSuccess } from './nengmao-envelope';
import { NengmaoFlavor } from './nengmao-goods.service';
import { readAmountCents } from './nengmao-money';
import { NengmaoReturn, NengmaoReturnLine } from './nengmao-order';
import {
  NengmaoJsonObject,
  readArrayBody,
  readObjectBody,
  readObjectList,
  readOptionalInteger,
  readOptionalString,
  readPage,
  readRequiredString,
  readYesNo,
} from './nengmao-request-reader';
import { NengmaoShop } from './nengmao-shop';
import { nengmaoNowMs, readNengmaoTime } from './nengmao-time';
import { renderBrandReturn, renderTmgReturn } from './nengmao-wire.mapper';

const RETURNS_PER_CREATE = 1000;

/** The return operations: brand §8.1 list; TMG §7.1 list and §7.2 create (sandbox only). */
@Injectable()
export class NengmaoReturnsService {
  constructor(private readonly clock: SandboxClock) {}

  /**
   * Brand §8.1: a create-time window is mandatory (400 without it), `returnStatus` is mandatory "default 1" (read
   * as 1 when absent). TMG §7.1: an optional modify window and an optional status (no default: all statuses).
   */
  listReturns(shop: NengmaoShop, flavor: NengmaoFlavor, raw: unknown): NengmaoEnvelope {
    const body = readObjectBody(raw);
    const page = readPage(body);
    const retrieved = readYesNo(body, 'returnType') === 'N';
    const offset = (page.pageNo - 1) * page.pageSize;
    if (flavor === 'brand') {
      const createFromMs = readNengmaoTime(body, 'startCreateTime');
      const createToMs = readNengmaoTime(body, 'endCreateTime');
      if (createFromMs === undefined || createToMs === undefined) {
        throw new NengmaoApiError(NENGMAO_CODES.parameter, 'startCreateTime and endCreateTime are required');
      }
      const status = readOptionalInteger(body, 'returnStatus', 0, 3) ?? 1;
      const result = shop.returns.query({ status, retrieved, createFromMs, createToMs, offset, limit: page.pageSize });
      // The §8.1 example puts `total` before `data`.
      return { errorCode: 200, msg: 'operate successful(操作成功)', total: result.total, data: result.returns.map(renderBrandReturn) };
    }
    const result = shop.returns.query({
      status: readOptionalInteger(body, 'returnStatus', 0, 3),
      retrieved,
      modifyFromMs: readNengmaoTime(body, 'startModifyTime'),
      modifyToMs: readNengmaoTime(body, 'endModifyTime'),
      offset,
      limit: page.pageSize,
    });
    return nengmaoSuccess(result.returns.map(renderTmgReturn), result.total);
  }

  /**
   * TMG §7.2 `tmg/api/return/create` (sandbox only; JSON array). The order must exist (411), the return must not
   * (417), goodsList must not be empty (413), SKUs must be known (410). All or nothing.
   */
  createReturns(shop: NengmaoShop, raw: unknown): NengmaoEnvelope {
    const list = readArrayBody(raw);
    if (list.length === 0) throw new NengmaoApiError(NENGMAO_CODES.parameter, 'the return list is empty');
    if (list.length > RETURNS_PER_CREATE)
      throw new NengmaoApiError(NENGMAO_CODES.listTooLong, `${list.length} returns, the limit is ${RETURNS_PER_CREATE}`);
    const nowMs = nengmaoNowMs(this.clock);
    const seen = new Set<string>();
    const built = list.map((item, i) => {
      const record = this.readReturnToCreate(shop, item, `[${i}]`, nowMs);
      if (shop.returns.has(record.returnSn) || seen.has(record.returnSn)) {
        throw new NengmaoApiError(NENGMAO_CODES.orderExists, `return ${record.returnSn} already exists`);
      }
      seen.add(record.returnSn);
      return record;
    });
    for (const record of built) shop.returns.add(record);
    return nengmaoSuccess(built.map(renderTmgReturn));
  }

  private readReturnToCreate(shop: NengmaoShop, item: NengmaoJsonObject, where: string, nowMs: number): NengmaoReturn {
    const text = (field: string): string => {
      if (item[field] === undefined || item[field] === null)
        throw new NengmaoApiError(NENGMAO_CODES.parameter, `${where}.${field} is required`);
      return readOptionalString(item, field) ?? '';
    };
    const amount = (source: NengmaoJsonObject, field: string, at: string): number => {
      if (source[field] === undefined || source[field] === null)
        throw new NengmaoApiError(NENGMAO_CODES.parameter, `${at}.${field} is required`);
      return readAmountCents(source[field], `${at}.${field}`);
    };
    const returnSn = readRequiredString(item, 'returnSn');
    const orderSn = readRequiredString(item, 'orderSn');
    const order = shop.orders.find(orderSn);
    if (!order) throw new NengmaoApiError(NENGMAO_CODES.orderUnknown, orderSn);
    const goods = readObjectList(item, 'goodsList', RETURNS_PER_CREATE);
    if (!goods || goods.length === 0) throw new NengmaoApiError(NENGMAO_CODES.goodsListEmpty, returnSn);
    const lines: NengmaoReturnLine[] = goods.map((g, i) => {
      const at = `${where}.goodsList[${i}]`;
      const sku = readRequiredString(g, 'sku');
      const known = shop.goods.findSku(sku);
      if (!known) throw new NengmaoApiError(NENGMAO_CODES.skuUnknown, sku);
      const internalId = readOptionalString(g, 'internalId') ?? '';
      // §7.2 types qty as string in the table and number in the example: both are read.
      const qty = readOptionalInteger(g, 'qty', 1, 1_000_000);
      if (qty === undefined) throw new NengmaoApiError(NENGMAO_CODES.parameter, `${at}.qty is required`);
      return {
        sku,
        upcCode: readOptionalString(g, 'upcCode') ?? known.text.upcCode,
        internalId: internalId !== '' ? internalId : known.text.internalId,
        goodsAmountCents: amount(g, 'goodsAmount', at),
        qty,
        receiveStatus: 0,
      };
    });
    return {
      seq: shop.returns.sequence(),
      returnSn,
      returnAccount: text('returnAccount'),
      returnAmountCents: amount(item, 'returnAmount', where),
      returnShippingFeeCents: amount(item, 'returnShippingFee', where),
      returnee: text('returnee'),
      province: text('province'),
      city: text('city'),
      district: text('district'),
      zipcode: text('zipcode'),
      address: text('address'),
      expressCompany: text('expressCompany'),
      expressSn: text('expressSn'),
      telephone: text('telephone'),
      mobile: text('mobile'),
      orderSn,
      orderOriginSn: order.orderOriginSn,
      remark: readOptionalString(item, 'remark') ?? '',
      createTimeMs: nowMs,
      lines,
      modifyTimeMs: nowMs,
      status: 1,
      retrieved: false,
      confirmationCount: 0,
    };
  }
}
