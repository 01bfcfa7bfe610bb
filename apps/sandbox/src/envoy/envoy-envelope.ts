import type { EnvoyApiResponse, EnvoyConnectorResponse, EnvoyResponseData } from './envoy.wire';

/** What one answer reports about the (simulated) mapping that produced it. */
export interface EnvoyInvocation {
  readonly mappingName: string;
  readonly api: string;
  readonly platform: string;
  readonly input: string;
  readonly startedAtMs: number;
}

/** The platform part of a store id such as `samarkand.youzan.test`, as `connectorResponses[].platform` shows it. */
export function platformOfStore(store: string): string {
  const parts = store.split('.');
  return parts.length >= 2 ? (parts[1] ?? store) : store;
}

function emptyData(): EnvoyResponseData {
  return { returnValue: '', orders: [], order: null, orderId: '' };
}

/** Builds the `ApiResponse` envelope; `code` mirrors the HTTP status (success: 200, catalogue A7). */
export function envoyEnvelope(
  code: number,
  message: string,
  data: Partial<EnvoyResponseData>,
  invocation?: EnvoyInvocation,
): EnvoyApiResponse {
  const elapsed = invocation ? Math.max(0, Math.round(performance.now() - invocation.startedAtMs)) : 0;
  const connectorResponses: EnvoyConnectorResponse[] = invocation
    ? [
        {
          input: invocation.input,
          mappingName: invocation.mappingName,
          api: [invocation.api],
          apiDocLink: '',
          httpRequestRawData: '-',
          code,
          response: message,
          responseEn: message,
          platform: invocation.platform,
          requestCount: 1,
          responseTime: elapsed,
        },
      ]
    : [];
  return { code, message, connectorResponses, responseTime: elapsed, data: { ...emptyData(), ...data } };
}
