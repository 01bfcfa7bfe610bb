import { paginate } from '../kernel/paginate';
import { ProviderError } from '../kernel/provider-error';
import type { Interpret, ProviderHttpClient, ProviderRequest } from '../kernel/provider-http-client';
import { ENVOY_MAX_PAGE_NO, ENVOY_PROVIDER } from './codes';
import type { NomadEnvoySettings } from './nomad-envoy.settings';
import { nomadEnvoyAuthHeaders } from './nomad-envoy.signer';
import { createOrderRequest, parseCreateOrderResponse } from './operations/create-order';
import { buildListOrdersQuery, EnvoyOrderFilter, LIST_ORDERS, listOrdersRequest, parseListOrdersResponse } from './operations/list-orders';
import type { EnvoyCreateOrderBody, EnvoyCreateOrderResult } from './wire/create-order';
import type { EnvoyPageSize } from './wire/list-orders';
import type { EnvoyOrder } from './wire/order';

/** Clock and nonce of the gateway signature, replaceable in tests. */
export interface SignatureSource {
  readonly now?: () => number;
  readonly nonce?: () => string;
}

/** The Envoy HTTP calls: authentication on every attempt, envelope and error handling, paging. */
export class NomadEnvoyClient {
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly settings: NomadEnvoySettings,
    private readonly signature: SignatureSource = {},
  ) {}

  /** One page of `GET /order/{store}`. */
  listOrdersPage(
    filter: EnvoyOrderFilter,
    pageNo: number,
    pageSize: EnvoyPageSize = this.settings.pageSize,
  ): Promise<readonly EnvoyOrder[]> {
    return this.send(listOrdersRequest(this.settings.store, buildListOrdersQuery(filter, pageNo, pageSize)), parseListOrdersResponse);
  }

  /**
   * Every matching order, page by page. The envelope has no total (catalogue §7.7), so paging stops
   * at the first short page. Page 1000 is the last the API serves: a full page 1000 means the
   * filter matches more than it can list, which is refused rather than silently truncated.
   */
  async *listOrders(filter: EnvoyOrderFilter, pageSize: EnvoyPageSize = this.settings.pageSize): AsyncGenerator<readonly EnvoyOrder[]> {
    const pages = paginate(async (pageNo) => ({ items: await this.listOrdersPage(filter, pageNo, pageSize), pageNo }), {
      pageSize,
      maxPage: ENVOY_MAX_PAGE_NO,
    });
    for await (const page of pages) {
      yield page.items;
      if (page.pageNo === ENVOY_MAX_PAGE_NO && page.items.length === pageSize)
        throw new ProviderError({
          provider: ENVOY_PROVIDER,
          operation: LIST_ORDERS,
          kind: 'provider',
          code: 'PAGE_LIMIT_REACHED',
          message: `more than ${ENVOY_MAX_PAGE_NO} pages of ${pageSize} orders match; narrow the time range`,
          retryable: false,
        });
    }
  }

  createOrder(body: EnvoyCreateOrderBody): Promise<EnvoyCreateOrderResult> {
    return this.send(createOrderRequest(this.settings.store, body), parseCreateOrderResponse);
  }

  private send<T>(request: Omit<ProviderRequest, 'headers'>, interpret: Interpret<T>): Promise<T> {
    return this.http.send(
      {
        ...request,
        headers: ({ body, url, method }) =>
          nomadEnvoyAuthHeaders(
            this.settings,
            { method, url, body, accept: 'application/json', contentType: body === '' ? undefined : request.contentType },
            this.signature.now,
            this.signature.nonce,
          ),
      },
      interpret,
    );
  }
}
