import { SandboxClock } from '../core/sandbox-clock';
import type { InjectedResponse, SandboxUnderTest } from '../testing/sandbox-under-test';
import { signWmsRequest } from './wms.signer';

export const DEMO_WMS_APP_KEY = 'demo-app-key';
export const DEMO_WMS_APP_SECRET = 'demo-app-secret';

export interface WmsCallOptions {
  readonly version?: string;
  readonly appKey?: string;
  readonly appSecret?: string;
  /** Overrides the signed timestamp (epoch ms as a string). */
  readonly timestamp?: string;
  /** Overrides the computed sign. */
  readonly sign?: string;
  /** Leaves out the credential headers. */
  readonly unsigned?: boolean;
  /** Where the service type travels; `query` is the decided default (ADR 0005). */
  readonly placement?: 'query' | 'header' | 'body' | 'none';
}

/** Calls the simulated WMS as a correct client would: JSON body, `SERVICE_TYPE` query, signed headers. */
export function callWms(
  sandbox: SandboxUnderTest,
  serviceType: string,
  body: object,
  options: WmsCallOptions = {},
): Promise<InjectedResponse> {
  const placement = options.placement ?? 'query';
  const payload = JSON.stringify(placement === 'body' ? { SERVICE_TYPE: serviceType, ...body } : body);
  const appKey = options.appKey ?? DEMO_WMS_APP_KEY;
  const timestamp = options.timestamp ?? String(sandbox.app.get(SandboxClock).nowMs());
  const signedType = placement === 'none' ? '' : serviceType;
  const sign =
    options.sign ??
    signWmsRequest({ appKey, appSecret: options.appSecret ?? DEMO_WMS_APP_SECRET, timestamp, serviceType: signedType, body: payload });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.unsigned !== true) Object.assign(headers, { appKey, timestamp, sign });
  if (placement === 'header') headers.SERVICE_TYPE = serviceType;
  const query = placement === 'query' ? `?SERVICE_TYPE=${encodeURIComponent(serviceType)}` : '';
  return sandbox.inject({ method: 'POST', url: `/wms/api/${options.version ?? 'v1'}/sku${query}`, headers, payload });
}
