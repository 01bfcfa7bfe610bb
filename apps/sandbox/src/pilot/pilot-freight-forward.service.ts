import { Injectable } from '@nestjs/common';
import { PilotApiError } from './pilot-api.error';
import { FieldType, checkBody, isRecord, overlay } from './pilot-body';
import { PilotCarriersService } from './pilot-carriers.service';
import { pilotList } from './pilot-envelope';
import { PilotFreightProductStore } from './pilot-freight-product.store';
import { PilotInventoryStore } from './pilot-inventory.store';
import { toPackageRecord } from './pilot-package.mapper';
import { PilotPackageStore } from './pilot-package.store';
import { pageOf, parseCreatedRange, parsePage, parseStatusFilter } from './pilot-query';
import {
  PILOT_FREIGHT_OPERATIONS,
  PILOT_MAX_BODY_PAGE_SIZE,
  PILOT_MAX_ITEM_KEYS,
  PilotFreightOperation,
  PilotFreightProduct,
  PilotListResponse,
  PilotPackageRecord,
} from './pilot.wire';

const FREIGHT_PRODUCT_FIELDS: Readonly<Record<keyof PilotFreightProduct, FieldType>> = {
  barcode: 'string',
  skuNumber: 'string',
  brand: 'string',
  name: 'string',
  nameCn: 'string',
  hsCode: 'string',
  model: 'string',
  customsUnitCodeWeight: 'string',
  customsUnitCode: 'string',
  customsUnitCodePackage: 'string',
  countryOfOrigin: 'string',
  netWeight: 'number',
  grossWeight: 'number',
  spec: 'string',
  descriptionEn: 'string',
  descriptionCn: 'string',
  additionalImageUrls: 'string[]',
  storeIds: 'string[]',
  rrpCny: 'number',
  rrpGbp: 'number',
  customsFilingId: 'string',
  ingredients: 'string',
  taxRate: 'number',
};
/** Fields marked "Required" in the document (PUT /freight-forward/product/{carrier}). */
const FREIGHT_PRODUCT_REQUIRED = [
  'barcode',
  'skuNumber',
  'brand',
  'name',
  'nameCn',
  'hsCode',
  'customsUnitCodeWeight',
  'customsUnitCodePackage',
  'countryOfOrigin',
  'netWeight',
];

function emptyFreightProduct(): PilotFreightProduct {
  return {
    barcode: '',
    skuNumber: '',
    brand: '',
    name: '',
    nameCn: '',
    hsCode: '',
    model: '',
    customsUnitCodeWeight: '',
    customsUnitCode: '',
    customsUnitCodePackage: '',
    countryOfOrigin: '',
    netWeight: 0,
    grossWeight: 0,
    spec: '',
    descriptionEn: '',
    descriptionCn: '',
    additionalImageUrls: [],
    storeIds: [],
    rrpCny: 0,
    rrpGbp: 0,
    customsFilingId: '',
    ingredients: '',
    taxRate: 0,
  };
}

function positiveInteger(value: unknown, name: string, fallback: number, max?: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || (max !== undefined && value > max))
    throw PilotApiError.invalidInput(`${name} must be a whole number from 1${max === undefined ? '' : ` to ${max}`}`);
  return value;
}

/** QueryFreightForward (GET), FreightForward (POST) and the freight-forward product update (PUT). */
@Injectable()
export class PilotFreightForwardService {
  constructor(
    private readonly carriers: PilotCarriersService,
    private readonly packages: PilotPackageStore,
    private readonly inventory: PilotInventoryStore,
    private readonly products: PilotFreightProductStore,
  ) {}

  queryPackages(carrier: string, query: Record<string, unknown>): PilotListResponse<PilotPackageRecord> {
    this.carriers.requireCarrier(carrier);
    const status = parseStatusFilter(query);
    const page = parsePage(query);
    const matching = this.packages.query(carrier, status, parseCreatedRange(query));
    return pilotList(
      200,
      'Success',
      pageOf(matching, page).map((p) => toPackageRecord(p, this.inventory)),
      matching.length,
    );
  }

  /** QUERY_WAYBILL: packages by tracking reference; QUERY_PRODUCT: products by SKU; QUERY (deprecated): waybills by tracking reference or order code. */
  freightForward(carrier: string, body: unknown): PilotListResponse<PilotPackageRecord | PilotFreightProduct> {
    this.carriers.requireCarrier(carrier);
    const request = body === undefined || body === null ? {} : body;
    if (!isRecord(request)) throw PilotApiError.invalidInput('the body must be a JSON object');
    const operation = request.operation ?? 'QUERY_WAYBILL';
    if (typeof operation !== 'string' || !(PILOT_FREIGHT_OPERATIONS as readonly string[]).includes(operation))
      throw PilotApiError.invalidInput(`operation must be one of ${PILOT_FREIGHT_OPERATIONS.join(', ')}`);
    const itemKeys = request.itemKeys ?? [];
    if (!Array.isArray(itemKeys) || !itemKeys.every((k): k is string => typeof k === 'string'))
      throw PilotApiError.invalidInput('itemKeys must be an array of strings');
    if (itemKeys.length > PILOT_MAX_ITEM_KEYS)
      throw PilotApiError.invalidInput(`itemKeys holds ${itemKeys.length} keys; not more than ${PILOT_MAX_ITEM_KEYS}`);
    const page = {
      pageNo: positiveInteger(request.pageNo, 'pageNo', 1),
      pageSize: positiveInteger(request.pageSize, 'pageSize', 10, PILOT_MAX_BODY_PAGE_SIZE),
    };
    const keys = new Set(itemKeys);
    if ((operation as PilotFreightOperation) === 'QUERY_PRODUCT') {
      const found = this.products.all().filter((p) => keys.size === 0 || keys.has(p.skuNumber));
      return pilotList(200, 'Success', pageOf(found, page), found.length);
    }
    const byOrderCode = operation === 'QUERY';
    const found = this.packages
      .query(carrier, 'ALL', undefined)
      .filter((p) => p.trackingReference !== '' || byOrderCode)
      .filter((p) => keys.size === 0 || keys.has(p.trackingReference) || (byOrderCode && keys.has(p.deliveryOrderCode)));
    return pilotList(
      200,
      'Success',
      pageOf(found, page).map((p) => toPackageRecord(p, this.inventory)),
      found.length,
    );
  }

  /** Upserts the customs/product data of one SKU (the document has no create counterpart). */
  updateProduct(carrier: string, body: unknown): PilotListResponse<PilotFreightProduct> {
    this.carriers.requireCarrier(carrier);
    const checked = checkBody(body, FREIGHT_PRODUCT_FIELDS, FREIGHT_PRODUCT_REQUIRED);
    const product = overlay(this.products.find(String(checked.skuNumber)) ?? emptyFreightProduct(), checked, FREIGHT_PRODUCT_FIELDS);
    this.products.upsert(product);
    return pilotList(200, 'Success', [product], 1);
  }
}
