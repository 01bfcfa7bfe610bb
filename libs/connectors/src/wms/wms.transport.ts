import type { ProviderRequest } from '../kernel/provider-http-client';
import type { WmsServiceType } from './codes';
import { signWmsRequest } from './wms.signer';
import { serializeWithDecimals } from '../kernel/decimal-json';
import { WMS_DECIMAL_KEYS } from './wire/sku';

/**
 * How one WMS operation travels: where SERVICE_TYPE goes and how the call is authenticated. The
 * document says neither (catalogue §1, A11); this is the one place a deployment with another
 * convention changes (architecture: "to be decided, pluggable").
 */
export interface WmsTransport {
  request(
    serviceType: WmsServiceType,
    parameters: object,
  ): Pick<ProviderRequest, 'method' | 'path' | 'query' | 'body' | 'rawBody' | 'contentType' | 'headers'>;
}

export type ServiceTypePlacement = 'query' | 'header' | 'body';

export interface SignedTransportSettings {
  readonly version: string;
  readonly appKey: string;
  readonly appSecret: string;
  /** ADR 0005 default: the query parameter (an underscore header is dropped by nginx by default). */
  readonly placement: ServiceTypePlacement;
}

/**
 * ADR 0005: `POST /api/{version}/sku`, the operation's documented parameters as the JSON body
 * (serialised here, so the signed bytes are the bytes sent), SERVICE_TYPE as a query parameter
 * (or `Service-Type` header, or body field), and `appKey` / `timestamp` / `sign` headers signed
 * afresh for every attempt.
 */
export class SignedJsonTransport implements WmsTransport {
  constructor(
    private readonly settings: SignedTransportSettings,
    private readonly now: () => number = Date.now,
  ) {}

  request(serviceType: WmsServiceType, parameters: object): ReturnType<WmsTransport['request']> {
    const { placement, version, appKey, appSecret } = this.settings;
    const body = placement === 'body' ? { SERVICE_TYPE: serviceType, ...parameters } : parameters;
    return {
      method: 'POST',
      path: `/api/${encodeURIComponent(version)}/sku`,
      query: placement === 'query' ? { SERVICE_TYPE: serviceType } : undefined,
      body,
      rawBody: serializeWithDecimals(body, WMS_DECIMAL_KEYS),
      contentType: 'application/json',
      headers: ({ body: sent }) => {
        const timestamp = String(this.now());
        return {
          appKey,
          timestamp,
          sign: signWmsRequest({ appKey, appSecret, timestamp, serviceType, body: sent }),
          ...(placement === 'header' ? { 'Service-Type': serviceType } : {}),
        };
      },
    };
  }
}
