import type { Instant } from '@serai/domain';
import { chunk } from '../kernel/batch';
import { Page, paginate } from '../kernel/paginate';
import type { Interpret, ProviderHttpClient, ProviderRequest } from '../kernel/provider-http-client';
import { ProviderError } from '../kernel/provider-error';
import {
  PILOT_MAX_BODY_PAGE_SIZE,
  PILOT_MAX_ITEM_KEYS,
  PILOT_MAX_PAGE_NO,
  PILOT_PROVIDER,
  PilotFreightOperation,
  PilotPageSize,
  PilotStatusFilter,
} from './codes';
import { InboundOrder, InboundOrderResult, mapPurchaseOrder, toPurchaseOrderBody } from './nomad-pilot.mapper';
import type { NomadPilotSettings } from './nomad-pilot.settings';
import { nomadPilotAuthHeaders } from './nomad-pilot.signer';
import { CREATE_PURCHASE_ORDER, createPurchaseOrderRequest, parseCreatePurchaseOrderResponse } from './operations/create-purchase-order';
import { buildFreightForwardBody, freightForwardRequest, parseProductPage, parseWaybillPage } from './operations/freight-forward';
import { parseQueryCarrierResponse, queryCarrierRequest } from './operations/query-carrier';
import { buildQueryFreightForward, parseQueryFreightForwardResponse, queryFreightForwardRequest } from './operations/query-freight-forward';
import { parseQueryInventoryProductResponse, queryInventoryProductRequest } from './operations/query-inventory-product';
import { parseQueryPurchaseOrderResponse, queryPurchaseOrderRequest } from './operations/query-purchase-order';
import { parseRegisterInventoryProductResponse, registerInventoryProductRequest } from './operations/register-inventory-product';
import { parseUpdateFreightForwardProductResponse, updateFreightForwardProductRequest } from './operations/update-freight-forward-product';
import { parseUpdateInventoryProductResponse, updateInventoryProductRequest } from './operations/update-inventory-product';
import type { PilotFreightForwardProduct } from './wire/freight-forward-product';
import type {
  PilotInventoryProduct,
  PilotInventoryProductBody,
  PilotInventoryProductQuery,
  PilotInventoryResponse,
} from './wire/inventory-product';
import type { PilotPurchaseOrderBody } from './wire/inventory-purchase';
import type { PilotCarrier } from './wire/query-carrier';
import type { PilotPackage } from './wire/query-freight-forward';

export interface SignatureSource {
  readonly now?: () => number;
  readonly nonce?: () => string;
}

type Window = { readonly from: Instant; readonly to: Instant };

/** The Pilot HTTP calls: authentication on every attempt, envelopes and errors, paging and batching. */
export class NomadPilotClient {
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly settings: NomadPilotSettings,
    private readonly signature: SignatureSource = {},
  ) {}

  private get carrier(): string {
    return this.settings.carrier;
  }

  queryCarriers(carrier?: string): Promise<readonly PilotCarrier[]> {
    return this.send(queryCarrierRequest({ carrier }), parseQueryCarrierResponse);
  }

  queryFreightForwardPage(
    status: PilotStatusFilter,
    pageNo: number,
    pageSize: PilotPageSize = this.settings.pageSize,
    window?: Window,
  ): Promise<Page<PilotPackage>> {
    return this.send(
      queryFreightForwardRequest(this.carrier, buildQueryFreightForward(status, pageNo, pageSize, window)),
      parseQueryFreightForwardResponse(pageNo),
    );
  }

  /** Packages of a status created in a window, page by page until `total`, a short page or page 1000. */
  async *queryFreightForward(
    status: PilotStatusFilter,
    window?: Window,
    pageSize: PilotPageSize = this.settings.pageSize,
  ): AsyncGenerator<readonly PilotPackage[]> {
    for await (const page of paginate((pageNo) => this.queryFreightForwardPage(status, pageNo, pageSize, window), {
      pageSize,
      maxPage: PILOT_MAX_PAGE_NO,
    }))
      yield page.items;
  }

  /**
   * FreightForward by keys: more than 100 keys are sent as batches of 100 ("Not more than 100
   * elements"), and each batch is paged with the body's `pageNo`/`pageSize` (at most 100).
   */
  private async *freightForward<T>(
    operation: PilotFreightOperation,
    keys: readonly string[],
    parse: (pageNo: number) => Interpret<Page<T>>,
  ): AsyncGenerator<readonly T[]> {
    const unique = [...new Set(keys)];
    for (const batch of chunk(unique, PILOT_MAX_ITEM_KEYS)) {
      const pages = paginate(
        (pageNo) =>
          this.send(
            freightForwardRequest(this.carrier, buildFreightForwardBody(operation, batch, pageNo, PILOT_MAX_BODY_PAGE_SIZE)),
            parse(pageNo),
          ),
        { pageSize: PILOT_MAX_BODY_PAGE_SIZE },
      );
      for await (const page of pages) yield page.items;
    }
  }

  /** QUERY_WAYBILL: packages by tracking reference. */
  queryWaybills(trackingReferences: readonly string[]): AsyncGenerator<readonly PilotPackage[]> {
    return this.freightForward('QUERY_WAYBILL', trackingReferences, parseWaybillPage);
  }

  /** QUERY_PRODUCT: freight-forward products by SKU. */
  queryFreightForwardProducts(skus: readonly string[]): AsyncGenerator<readonly PilotFreightForwardProduct[]> {
    return this.freightForward('QUERY_PRODUCT', skus, parseProductPage);
  }

  updateFreightForwardProduct(product: PilotFreightForwardProduct): Promise<readonly PilotFreightForwardProduct[]> {
    return this.send(updateFreightForwardProductRequest(this.carrier, product), parseUpdateFreightForwardProductResponse);
  }

  queryInventoryProductsPage(query: PilotInventoryProductQuery): Promise<readonly PilotInventoryProduct[]> {
    return this.send(queryInventoryProductRequest(this.carrier, query), parseQueryInventoryProductResponse);
  }

  /** Inventory products page by page; the envelope has no total, so paging stops at a short page. */
  async *queryInventoryProducts(
    filter: Omit<PilotInventoryProductQuery, 'page_no' | 'page_size'>,
    pageSize: PilotPageSize = this.settings.pageSize,
  ): AsyncGenerator<readonly PilotInventoryProduct[]> {
    const pages = paginate(
      async (pageNo) => ({ items: await this.queryInventoryProductsPage({ ...filter, page_no: pageNo, page_size: pageSize }), pageNo }),
      {
        pageSize,
        maxPage: PILOT_MAX_PAGE_NO,
      },
    );
    for await (const page of pages) yield page.items;
  }

  registerInventoryProduct(body: PilotInventoryProductBody): Promise<readonly PilotInventoryProduct[]> {
    return this.send(registerInventoryProductRequest(this.carrier, body), parseRegisterInventoryProductResponse);
  }

  updateInventoryProduct(body: PilotInventoryProductBody): Promise<readonly PilotInventoryProduct[]> {
    return this.send(updateInventoryProductRequest(this.carrier, body), parseUpdateInventoryProductResponse);
  }

  /** Deprecated operation, kept because the document still serves it. */
  queryPurchaseOrder(purchaseOrderNo: string): Promise<PilotInventoryResponse> {
    return this.send(queryPurchaseOrderRequest(this.carrier, { purchase_order_no: purchaseOrderNo }), parseQueryPurchaseOrderResponse);
  }

  /** Deprecated operation, kept because the document still serves it. */
  createPurchaseOrder(body: PilotPurchaseOrderBody): Promise<PilotInventoryResponse> {
    return this.send(createPurchaseOrderRequest(this.carrier, body), parseCreatePurchaseOrderResponse);
  }

  /**
   * An inbound order for one SKU (deprecated POST, still served), read back as a typed result. A
   * purchase order number the 3PL already holds is refused, so this is never retried blindly.
   */
  async createInboundOrder(order: InboundOrder): Promise<InboundOrderResult> {
    const created = await this.createPurchaseOrder(toPurchaseOrderBody(order));
    const [purchase] = created.purchases;
    if (purchase === undefined)
      throw new ProviderError({
        provider: PILOT_PROVIDER,
        operation: CREATE_PURCHASE_ORDER,
        kind: 'invalid_response',
        code: 'MISSING_PURCHASE',
        message: 'the answer to a created purchase order lists no purchase',
        retryable: false,
      });
    return mapPurchaseOrder(purchase);
  }

  /** The purchase order of that merchant number, or undefined when the 3PL holds none (deprecated GET). */
  async findInboundOrder(purchaseOrderNo: string): Promise<InboundOrderResult | undefined> {
    const [purchase] = (await this.queryPurchaseOrder(purchaseOrderNo)).purchases;
    return purchase === undefined ? undefined : mapPurchaseOrder(purchase);
  }

  private send<T>(request: Omit<ProviderRequest, 'headers'>, interpret: Interpret<T>): Promise<T> {
    return this.http.send(
      {
        ...request,
        headers: ({ body, url, method }) =>
          nomadPilotAuthHeaders(
            this.settings,
            {
              method,
              url,
              body,
              accept: 'application/json',
              contentType: body === '' ? undefined : (request.contentType ?? 'application/json;charset=UTF-8'),
            },
            this.signature.now,
            this.signature.nonce,
          ),
      },
      interpret,
    );
  }
}
