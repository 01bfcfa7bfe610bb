/**
 * Pilot's two answer envelopes (catalogue nomad-pilot.md §4): the list envelope of carriers and
 * freight-forward operations, and the inventory envelope of products and purchase orders. `code`
 * is the placeholder 42 in the document; the sandbox mirrors the HTTP status there.
 */
export interface PilotListResponse<T> {
  readonly code?: number;
  readonly message?: string;
  /** Element schema undocumented for every operation ("data": []). */
  readonly data: readonly T[];
  readonly total?: number;
}

/** Envoy's `connectorResponses[]` without `apiDocLink`; debugging information only. */
export interface PilotConnectorResponse {
  readonly input?: string;
  readonly mappingName?: string;
  readonly api?: readonly string[];
  readonly httpRequestRawData?: string;
  readonly code?: number;
  readonly response?: string;
  readonly responseEn?: string;
  readonly platform?: string;
  readonly requestCount?: number;
  readonly responseTime?: number;
}
