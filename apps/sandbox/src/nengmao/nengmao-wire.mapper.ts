import { NengmaoGoods, NengmaoGoodsStore, NengmaoSku } from './nengmao-goods.store';
import { centsToWire } from './nengmao-money';
import { NENGMAO_ORDER_STATUS, NengmaoOrder, NengmaoReturn } from './nengmao-order';
import { formatNengmaoDate, formatNengmaoTime } from './nengmao-time';

/**
 * Internal records to the documented wire shapes. Key names and their order follow the documents' response
 * EXAMPLES (catalogue ambiguity A6: the examples are what the server sends), quirks included: brand returns say
 * `expressCompay`, TMG goods say `goodsBrand` and `goodsList`.
 */

function shippingStatus(order: NengmaoOrder): string {
  switch (order.status) {
    case NENGMAO_ORDER_STATUS.delivered:
    case NENGMAO_ORDER_STATUS.shippedWhole:
      return 'shipped(已发货)';
    case NENGMAO_ORDER_STATUS.shippedPart:
      return 'part shipped(部分发货)';
    default:
      return 'not shipped(未发货)';
  }
}

/** Brand doc §7.1 response example. */
export function renderBrandOrder(order: NengmaoOrder): Record<string, unknown> {
  return {
    orderSn: order.orderSn,
    orderAccount: order.orderAccount,
    orderAmount: centsToWire(order.orderAmountCents),
    shippingFee: centsToWire(order.shippingFeeCents),
    discountAmountSum: centsToWire(order.discountCents),
    consignee: order.consignee,
    country: order.country,
    province: order.province,
    city: order.city,
    district: order.district,
    address: order.address,
    zipcode: order.zipcode,
    telephone: order.telephone,
    mobile: order.mobile,
    platform: order.platform,
    paymentSn: order.paymentSn,
    paymentType: order.paymentType,
    createTime: formatNengmaoTime(order.createTimeMs),
    payTime: formatNengmaoTime(order.payTimeMs),
    shippingStatus: shippingStatus(order),
    lpCode: order.lpCode,
    lpUrl: order.lpCode === '' ? '' : `https://sandbox.nengmao.net/waybill/${formatNengmaoDate(order.payTimeMs)}/${order.lpCode}.pdf`,
    orderOriginSn: order.orderOriginSn,
    remark: order.remark,
    invoiceNumber: order.invoiceNumber,
    status: String(order.status),
    orderGoods: order.lines.map((line) => ({
      cid: line.cid,
      cname: line.cname,
      engraving: line.engraving,
      internalId: line.internalId,
      subOrderTaxFee: centsToWire(line.taxCents),
      // "Whether to Include Tax": the price paid includes the tax (the example says true with a tax fee).
      taxFree: true,
      upcCode: line.upcCode,
      sku: line.sku,
      // Brand doc §7.1: "value of single commodity", per unit, tax excluded.
      saleAmount: centsToWire(unitSaleCents(line)),
      tagPrice: centsToWire(line.tagPriceCents),
      qty: line.qty,
    })),
  };
}

/** The per-unit net value; generated lines are built so that it is a whole number of cents. */
function unitSaleCents(line: { readonly saleAmountCents: number; readonly qty: number }): number {
  return line.qty > 0 ? Math.round(line.saleAmountCents / line.qty) : line.saleAmountCents;
}

/** TMG doc §6.1 / §6.4 response example: no status, waybill or tax fields; saleAmount is the line's total. */
export function renderTmgOrder(order: NengmaoOrder): Record<string, unknown> {
  return {
    orderSn: order.orderSn,
    orderAccount: order.orderAccount,
    orderAmount: centsToWire(order.orderAmountCents),
    shippingFee: centsToWire(order.shippingFeeCents),
    discountAmountSum: centsToWire(order.discountCents),
    consignee: order.consignee,
    country: order.country,
    province: order.province,
    city: order.city,
    district: order.district,
    address: order.address,
    zipcode: order.zipcode,
    telephone: order.telephone,
    mobile: order.mobile,
    platform: order.platform,
    paymentSn: order.paymentSn,
    paymentType: order.paymentType,
    createTime: formatNengmaoTime(order.createTimeMs),
    payTime: formatNengmaoTime(order.payTimeMs),
    shippingStatus: shippingStatus(order),
    orderGoods: order.lines.map((line) => ({
      upcCode: line.upcCode,
      sku: line.sku,
      internalId: line.internalId,
      saleAmount: centsToWire(line.saleAmountCents + line.taxCents),
      tagPrice: centsToWire(line.tagPriceCents),
      qty: line.qty,
    })),
  };
}

/** Brand doc §8.1 response example (key `expressCompay` sic, `remark`, `receiveStatus`). */
export function renderBrandReturn(record: NengmaoReturn): Record<string, unknown> {
  return {
    returnSn: record.returnSn,
    returnAccount: record.returnAccount,
    returnAmount: centsToWire(record.returnAmountCents),
    returnShippingFee: centsToWire(record.returnShippingFeeCents),
    returnee: record.returnee,
    province: record.province,
    city: record.city,
    district: record.district,
    zipcode: record.zipcode,
    address: record.address,
    expressCompay: record.expressCompany,
    expressSn: record.expressSn,
    telephone: record.telephone,
    mobile: record.mobile,
    orderSn: record.orderSn,
    orderOriginSn: record.orderOriginSn,
    remark: record.remark,
    goodsList: record.lines.map((line) => ({
      sku: line.sku,
      upcCode: line.upcCode,
      goodsAmount: centsToWire(line.goodsAmountCents),
      qty: line.qty,
      receiveStatus: line.receiveStatus,
    })),
  };
}

/** TMG doc §7.1 / §7.2 response example. */
export function renderTmgReturn(record: NengmaoReturn): Record<string, unknown> {
  return {
    returnSn: record.returnSn,
    returnAccount: record.returnAccount,
    returnAmount: centsToWire(record.returnAmountCents),
    returnShippingFee: centsToWire(record.returnShippingFeeCents),
    returnee: record.returnee,
    province: record.province,
    city: record.city,
    district: record.district,
    zipcode: record.zipcode,
    address: record.address,
    expressCompany: record.expressCompany,
    expressSn: record.expressSn,
    telephone: record.telephone,
    mobile: record.mobile,
    orderSn: record.orderSn,
    goodsList: record.lines.map((line) => ({
      sku: line.sku,
      upcCode: line.upcCode,
      internalId: line.internalId,
      goodsAmount: centsToWire(line.goodsAmountCents),
      qty: line.qty,
    })),
  };
}

/** Brand doc §6.1 / §6.2 response example. */
export function renderBrandGoods(goods: NengmaoGoods, store: NengmaoGoodsStore): Record<string, unknown> {
  const t = goods.text;
  return {
    brand: t.brand,
    brandImage: t.brandImage,
    goodsSn: goods.goodsSn,
    goodsTitle: t.goodsTitle,
    goodsCategory: t.goodsCategory,
    goodsSeason: t.goodsSeason,
    goodsSeries: t.goodsSeries,
    goodsYears: t.goodsYears,
    weight: t.weight,
    description: t.description,
    descriptionImage: t.descriptionImage,
    target: t.target,
    hscode: t.hscode,
    sizeChart: t.sizeChart,
    material: t.material,
    volume: t.volume,
    characteristics: t.characteristics,
    measure: t.measure,
    originCountry: t.originCountry,
    careInfo: t.careInfo,
    shippingRestriction: t.shippingRestriction,
    newArrivals: t.newArrivals,
    deliverySeperate: t.deliverySeperate,
    updateInfo: t.updateInfo,
    priority: t.priority,
    remarks: t.remarks,
    currency: t.currency,
    targetActiveDate: t.targetActiveDate,
    merchClass: t.merchClass,
    dimensions: t.dimensions,
    modelNotes: t.modelNotes,
    additionalDescription: t.additionalDescription,
    vendorBrand: t.vendorBrand,
    careFacet: t.careFacet,
    goodsStyleNo: t.goodsStyleNo,
    tmallLocalNotes: t.tmallLocalNotes,
    productID: t.productID,
    fitMeasurement: goods.fitMeasurement,
    createTime: formatNengmaoTime(goods.createTimeMs),
    modifyTime: formatNengmaoTime(goods.modifyTimeMs),
    skuList: store.skusOf(goods).map(renderBrandSku),
  };
}

function renderBrandSku(sku: NengmaoSku): Record<string, unknown> {
  const t = sku.text;
  return {
    color: t.color,
    colorCode: t.colorCode,
    size: t.size,
    sizeCode: t.sizeCode,
    sku: sku.sku,
    upcCode: t.upcCode,
    internalId: t.internalId,
    marketPrice: centsToWire(sku.marketPriceCents),
    salePrice: centsToWire(sku.salePriceCents),
    importFee: centsToWire(sku.importFeeCents),
    colorImage: t.colorImage,
    images: t.images,
    video: t.video,
    videoImage: t.videoImage,
    isDiscount: t.isDiscount,
    inventory: sku.stocks,
    lockInventory: sku.lockInventory,
    shippingRestriction: t.shippingRestriction,
    tmallNotes: t.tmallNotes,
    safeValid: sku.safeValid,
    ipStatus: t.ipStatus,
    colorId: t.colorId,
    sizeId: t.sizeId,
    tmallLocalNotes: t.tmallLocalNotes,
  };
}

/** TMG doc §8.1 / §8.2 response example: `goodsBrand`, and the SKUs under `goodsList`. */
export function renderTmgGoods(goods: NengmaoGoods, store: NengmaoGoodsStore): Record<string, unknown> {
  const t = goods.text;
  return {
    goodsSn: goods.goodsSn,
    goodsTitle: t.goodsTitle,
    goodsBrand: t.brand,
    brandImage: t.brandImage,
    goodsCategory: t.goodsCategory,
    goodsSeason: t.goodsSeason,
    goodsSeries: t.goodsSeries,
    weight: t.weight,
    description: t.description,
    descriptionImage: t.descriptionImage,
    material: t.material,
    volume: t.volume,
    characteristics: t.characteristics,
    measure: t.measure,
    sizeChart: t.sizeChart,
    hscode: t.hscode,
    target: t.target,
    createTime: formatNengmaoTime(goods.createTimeMs),
    modifyTime: formatNengmaoTime(goods.modifyTimeMs),
    goodsList: store.skusOf(goods).map(renderTmgSku),
  };
}

/** TMG doc §5.1 / §9.1 / §8.x SKU record. */
export function renderTmgSku(sku: NengmaoSku): Record<string, unknown> {
  const t = sku.text;
  return {
    goodsSn: sku.goodsSn,
    color: t.color,
    size: t.size,
    sku: sku.sku,
    upcCode: t.upcCode,
    internalId: t.internalId,
    marketPrice: centsToWire(sku.marketPriceCents),
    salePrice: centsToWire(sku.salePriceCents),
    inventory: sku.stocks,
    lockInventory: sku.lockInventory,
    importFee: centsToWire(sku.importFeeCents),
    status: sku.status,
    images: t.images,
    colorImage: t.colorImage,
  };
}
