import { Page, paginate } from '../kernel/paginate';
import type { Interpret, ProviderHttpClient } from '../kernel/provider-http-client';
import type { WmsServiceType } from './codes';
import { INSERT_SKU_INFO, parseInsertSkuInfo } from './operations/insert-sku-info';
import { buildQuerySimpleListSku, parseQuerySimpleListSku, QUERY_SIMPLE_LIST_SKU, WmsSkuFilter } from './operations/query-simple-list-sku';
import { parseUpdateSkuInfo, UPDATE_SKU_INFO } from './operations/update-sku-info';
import { buildUpdateSkuStatus, parseUpdateSkuStatus, UPDATE_SKU_STATUS } from './operations/update-sku-status';
import type { WmsSettings } from './wms.settings';
import type { WmsTransport } from './wms.transport';
import type { SkuInfo, WmsSkuResult } from './wire/sku';

/** The four SERVICE_TYPEs over the connection's transport, with the envelope read and paging done. */
export class WmsClient {
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly transport: WmsTransport,
    private readonly settings: WmsSettings,
  ) {}

  querySkusPage(filter: WmsSkuFilter, page: number, pageSize: number = this.settings.pageSize): Promise<Page<WmsSkuResult>> {
    return this.send(
      QUERY_SIMPLE_LIST_SKU,
      buildQuerySimpleListSku(filter, page, pageSize),
      true,
      parseQuerySimpleListSku(page, this.settings.errorTable),
    );
  }

  /** Every matching SKU, page by page until `total` or a short page. */
  async *querySkus(filter: WmsSkuFilter = {}, pageSize: number = this.settings.pageSize): AsyncGenerator<readonly WmsSkuResult[]> {
    for await (const page of paginate((pageNo) => this.querySkusPage(filter, pageNo, pageSize), { pageSize })) yield page.items;
  }

  /** Not idempotent: a repeated insert is refused as a duplicate, which the catalogue sink turns into an update. */
  insertSku(info: SkuInfo): Promise<void> {
    return this.send(INSERT_SKU_INFO, info, false, parseInsertSkuInfo(this.settings.errorTable));
  }

  /** A full replacement: sending it twice has the same effect. */
  updateSku(info: Omit<SkuInfo, 'warehouseNameList'>): Promise<void> {
    return this.send(UPDATE_SKU_INFO, info, true, parseUpdateSkuInfo(this.settings.errorTable));
  }

  setSkuEnabled(sku: string, enabled: boolean): Promise<void> {
    return this.send(UPDATE_SKU_STATUS, buildUpdateSkuStatus(sku, enabled), true, parseUpdateSkuStatus(this.settings.errorTable));
  }

  private send<T>(serviceType: WmsServiceType, parameters: object, idempotent: boolean, interpret: Interpret<T>): Promise<T> {
    return this.http.send({ operation: serviceType, idempotent, ...this.transport.request(serviceType, parameters) }, interpret);
  }
}
