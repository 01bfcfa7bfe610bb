import { ChinesePeopleGenerator } from '../core/chinese-people';
import { SandboxCatalog } from '../core/sandbox-catalog';
import { SeededRandom } from '../core/seeded-random';
import { parseDecimalToCents, divideRounded } from './nengmao-money';
import { NENGMAO_ORDER_STATUS, NengmaoOrder, NengmaoOrderLine, NengmaoReturn, NengmaoReturnLine } from './nengmao-order';
import { NengmaoShop } from './nengmao-shop';
import { formatNengmaoDate } from './nengmao-time';

/** Tmall category id and "name:service rate" per catalogue category (brand doc §7.1 `cid`, `cname`). */
const TMALL_CATEGORIES: Readonly<Record<string, { cid: string; cname: string }>> = {
  Skincare: { cid: '1801', cname: '美容护肤/美体/精油:5%' },
  Baby: { cid: '35', cname: '奶粉/辅食/营养品/零食:2%' },
  Health: { cid: '50020275', cname: '传统滋补营养品:3%' },
  Food: { cid: '50002766', cname: '零食/坚果/特产:2%' },
  Home: { cid: '50025705', cname: '洗护清洁剂/卫生巾/纸/香薰:5%' },
  Apparel: { cid: '50010404', cname: '服饰配件/皮带/帽子/围巾:5%' },
  'Personal Care': { cid: '50012100', cname: '生活电器:2%' },
};
const PAYMENT_TYPES = ['alipay', 'alipay', 'alipay', 'wx', 'others'];
const COURIERS = ['sf', 'yto', 'zto', 'sto', 'yunda', 'ems', 'jd'];
const RETURN_REMARKS = ['七天无理由退货', '商品与描述不符', '不想要了', '包装破损'];
/** Cross-border e-commerce comprehensive tax, 9.1%, included in the sale price. */
const TAX_PER_MILLE_OF_NET = 91;

function cents(decimal: string): number {
  const value = parseDecimalToCents(decimal);
  if (value === undefined) throw new RangeError(`Not a decimal amount: ${decimal}`);
  return value;
}

/**
 * Builds realistic marketplace orders and returns deterministically from a seed. Every SKU comes from the shared
 * catalogue; prices are the shop's current prices (so price updates made through the API show in new orders).
 * Amounts add up: per line, saleAmount + subOrderTaxFee = the line's price paid; orderAmount = the lines paid +
 * shippingFee = the tag prices - discountAmountSum + shippingFee.
 */
export class NengmaoOrderGenerator {
  private readonly random: SeededRandom;
  private readonly people: ChinesePeopleGenerator;

  constructor(
    seed: number,
    private readonly shop: NengmaoShop,
    private readonly catalog: Pick<SandboxCatalog, 'all' | 'find'>,
  ) {
    this.random = new SeededRandom(seed);
    this.people = new ChinesePeopleGenerator(this.random);
  }

  /** Whether the next order gets a cancellation request later; drawn from the same stream, so deterministic. */
  chance(probability: number): boolean {
    return this.random.chance(probability);
  }

  between(min: number, max: number): number {
    return this.random.int(min, max);
  }

  /**
   * An order paid at `paidAtMs`, which is when it reaches the OMS (its modify time); it was placed a few seconds to
   * three minutes earlier, unless `createdAtMs` fixes the create time (planted orders).
   */
  nextOrder(paidAtMs: number, lines?: readonly { sku: string; qty: number }[], orderSn?: string, createdAtMs?: number): NengmaoOrder {
    const payDelayMs = this.random.int(3, 180) * 1000;
    const createTimeMs = createdAtMs ?? paidAtMs - payDelayMs;
    const payTimeMs = createdAtMs ?? paidAtMs;
    const person = this.people.person();
    const wanted = lines ?? this.randomLines();
    const built: NengmaoOrderLine[] = [];
    let couponCents = this.random.chance(0.15) ? this.random.pick([1000, 2000, 3000]) : 0;
    for (const { sku, qty } of wanted) {
      const shopSku = this.shop.goods.findSku(sku);
      const catalogSku = this.catalog.find(sku);
      const unitSale = shopSku?.salePriceCents ?? (catalogSku ? cents(catalogSku.salePrice) : 0);
      const unitTag = shopSku?.marketPriceCents ?? (catalogSku ? cents(catalogSku.marketPrice) : unitSale);
      let paid = unitSale * qty;
      const coupon = Math.min(couponCents, Math.max(0, paid - 100));
      paid -= coupon;
      couponCents = 0;
      // The price paid includes the tax: tax = paid * 91 / 1091.
      const roughTax = divideRounded(paid * TAX_PER_MILLE_OF_NET, 1000 + TAX_PER_MILLE_OF_NET);
      // The brand API sends saleAmount per unit (brand doc §7.1 "value of single commodity"): keep
      // the line's net value a whole number of cents per unit by moving the remainder into the tax.
      const tax = roughTax + ((paid - roughTax) % qty);
      const category = TMALL_CATEGORIES[catalogSku?.category ?? ''] ?? { cid: '', cname: '' };
      built.push({
        sku,
        upcCode: shopSku?.text.upcCode ?? catalogSku?.barcode ?? '',
        internalId: shopSku?.text.internalId ?? catalogSku?.merchantGoodsNo ?? '',
        qty,
        tagPriceCents: Math.max(unitTag, unitSale),
        saleAmountCents: paid - tax,
        taxCents: tax,
        cid: category.cid,
        cname: category.cname,
        engraving: '',
        shippedQty: 0,
        cancelledQty: 0,
      });
    }
    const paidTotal = built.reduce((sum, l) => sum + l.saleAmountCents + l.taxCents, 0);
    const tagTotal = built.reduce((sum, l) => sum + l.tagPriceCents * l.qty, 0);
    const shippingFee = this.random.chance(0.1) ? 1000 : 0;
    const date = formatNengmaoDate(payTimeMs);
    const address = person.address;
    return {
      seq: this.shop.orders.sequence(),
      orderSn: orderSn ?? this.uniqueOrderSn(),
      orderOriginSn: this.flatDigits(19),
      orderAccount: `${person.name}${person.idCardNumber.slice(6, 14)}`,
      consignee: person.name,
      country: '中国',
      province: address.province,
      city: address.city,
      district: address.district,
      address: address.street,
      zipcode: address.zipcode,
      telephone: person.mobile,
      mobile: person.mobile,
      platform: 'TM',
      paymentSn: `${date}2200${this.flatDigits(16)}`,
      paymentType: this.random.pick(PAYMENT_TYPES),
      remark: '',
      invoiceNumber: '',
      lpCode: `LP00${this.flatDigits(12)}`,
      shippingFeeCents: shippingFee,
      discountCents: tagTotal - paidTotal,
      orderAmountCents: paidTotal + shippingFee,
      createTimeMs,
      payTimeMs,
      lines: built,
      modifyTimeMs: payTimeMs,
      modifyVersion: 0,
      status: NENGMAO_ORDER_STATUS.awaitingDelivery,
      retrieved: false,
      confirmationCount: 0,
      shipCalls: 0,
      shipments: [],
      cancellations: [],
    };
  }

  /** A buyer return of part of a delivered order, refunded at the price paid. */
  nextReturn(
    order: NengmaoOrder,
    createTimeMs: number,
    wanted?: readonly { sku: string; qty: number }[],
    returnSn?: string,
  ): NengmaoReturn {
    const candidates = order.lines.filter((l) => l.shippedQty > 0);
    const source = candidates.length > 0 ? candidates : order.lines;
    const picks = wanted ?? [{ sku: this.random.pick(source).sku, qty: 1 }];
    const lines: NengmaoReturnLine[] = picks.map(({ sku, qty }) => {
      const line = order.lines.find((l) => l.sku === sku);
      const paid = line ? line.saleAmountCents + line.taxCents : 0;
      return {
        sku,
        upcCode: line?.upcCode ?? '',
        internalId: line?.internalId ?? '',
        goodsAmountCents: line ? divideRounded(paid * qty, line.qty) : 0,
        qty,
        receiveStatus: 0,
      };
    });
    return {
      seq: this.shop.returns.sequence(),
      returnSn: returnSn ?? this.uniqueReturnSn(),
      returnAccount: order.orderAccount,
      returnAmountCents: lines.reduce((sum, l) => sum + l.goodsAmountCents, 0),
      returnShippingFeeCents: this.random.chance(0.3) ? 1200 : 0,
      returnee: order.consignee,
      province: order.province,
      city: order.city,
      district: order.district,
      zipcode: order.zipcode,
      address: order.address,
      expressCompany: this.random.pick(COURIERS),
      expressSn: this.flatDigits(12),
      telephone: order.telephone,
      mobile: order.mobile,
      orderSn: order.orderSn,
      orderOriginSn: order.orderOriginSn,
      remark: this.random.pick(RETURN_REMARKS),
      createTimeMs,
      lines,
      modifyTimeMs: createTimeMs,
      status: 1,
      retrieved: false,
      confirmationCount: 0,
    };
  }

  private randomLines(): { sku: string; qty: number }[] {
    const count = this.random.chance(0.6) ? 1 : this.random.int(2, 3);
    const lines: { sku: string; qty: number }[] = [];
    for (let i = 0; i < count; i += 1) {
      const sku = this.random.pick(this.catalog.all()).sku;
      if (lines.some((l) => l.sku === sku)) continue;
      lines.push({ sku, qty: this.random.chance(0.75) ? 1 : this.random.int(2, 3) });
    }
    return lines;
  }

  /**
   * Digits as one flat string. SeededRandom.digits appends a character at a time, which leaves a chain of
   * cons-strings (about 600 bytes for 18 digits); at 100,000 orders with five such numbers each that chain was
   * most of the heap and most of the seeding time (garbage collection).
   */
  private flatDigits(length: number): string {
    const parts = [String(this.random.int(1, 9))];
    for (let left = length - 1; left > 0; left -= 9) {
      const width = Math.min(9, left);
      parts.push(String(this.random.int(0, 10 ** width - 1)).padStart(width, '0'));
    }
    return parts.join('');
  }

  private uniqueOrderSn(): string {
    let sn = this.flatDigits(18);
    while (this.shop.orders.has(sn)) sn = this.flatDigits(18);
    return sn;
  }

  private uniqueReturnSn(): string {
    let sn = this.flatDigits(16);
    while (this.shop.returns.has(sn)) sn = this.flatDigits(16);
    return sn;
  }
}
