import type { EnvoyOrder } from './order';

/**
 * The `ApiResponse` envelope of every Envoy answer (catalogue nomad-envoy.md §4). The schema name
 * is inferred from "different from the one in ApiResponseConnectorResponse". `code` is `42` (a
 * generator placeholder) in the document; the sandbox mirrors the HTTP status there.
 */
export interface EnvoyConnectorResponse {
  readonly input?: string;
  readonly mappingName?: string;
  readonly api?: readonly string[];
  readonly apiDocLink?: string;
  readonly httpRequestRawData?: string;
  readonly code?: number;
  readonly response?: string;
  readonly responseEn?: string;
  readonly platform?: string;
  readonly requestCount?: number;
  readonly responseTime?: number;
}

export interface EnvoyResponseData {
  /** "any other return value." — the sandbox's duplicate marker travels here (`ORDER_ALREADY_EXISTS`). */
  readonly returnValue?: string;
  readonly orders: readonly EnvoyOrder[];
  readonly order?: EnvoyOrder;
  readonly orderId?: string;
}

export interface EnvoyApiResponse {
  readonly code?: number;
  readonly message?: string;
  /** Debugging information about API invocation; never relied upon. */
  readonly connectorResponses?: readonly EnvoyConnectorResponse[];
  readonly responseTime?: number;
  readonly data: EnvoyResponseData;
}
