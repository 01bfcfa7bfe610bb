import { WmsEnvelope } from './wire/wms-sku';

/**
 * The answers of the WMS simulator, as data. The document names one code only, `DATA_INPUT_ERROR`
 * (§1.1.3); the others are the sandbox's choice, written down in docs/decisions/0005 so that the
 * connector and the simulator agree. Business outcomes are HTTP 200 with the code in the envelope;
 * authentication failures are HTTP 401 and an unknown `{version}` HTTP 404, both with the envelope.
 */
export const WMS_ERRORS = {
  DATA_INPUT_ERROR: { status: 200, message: 'The input of Params is incorrect' },
  SERVICE_TYPE_MISSING: { status: 200, message: 'SERVICE_TYPE is required' },
  SERVICE_TYPE_UNKNOWN: { status: 200, message: 'SERVICE_TYPE is not supported' },
  SKU_ALREADY_EXISTS: { status: 200, message: 'The sku already exists' },
  SKU_NOT_EXIST: { status: 200, message: 'The sku does not exist' },
  AUTH_MISSING: { status: 401, message: 'appKey, timestamp and sign headers are required' },
  AUTH_APP_KEY_INVALID: { status: 401, message: 'The appKey is not valid' },
  AUTH_TIMESTAMP_EXPIRED: { status: 401, message: 'The timestamp is outside the allowed window' },
  AUTH_SIGN_INVALID: { status: 401, message: 'The sign does not match' },
  VERSION_NOT_SUPPORTED: { status: 404, message: 'The API version is not supported' },
  REQUEST_LIMIT: { status: 200, message: 'Request frequency exceeds the limit' },
  SYSTEM_ERROR: { status: 200, message: 'System busy, please try again later' },
} as const;

export type WmsErrorCode = keyof typeof WMS_ERRORS;

/** `state` on success is documented (`success`); the failure value is not, the sandbox says `fail`. */
export const WMS_STATE_SUCCESS = 'success';
export const WMS_STATE_FAIL = 'fail';

export interface WmsAnswer {
  readonly status: number;
  readonly body: WmsEnvelope;
}

export function wmsSuccess(extra: Pick<WmsEnvelope, 'total' | 'result'> = {}): WmsAnswer {
  return { status: 200, body: { errorCode: '', errorMsg: '', state: WMS_STATE_SUCCESS, ...extra } };
}

export function wmsFailure(code: WmsErrorCode, detail?: string): WmsAnswer {
  const known = WMS_ERRORS[code];
  return { status: known.status, body: { errorCode: code, errorMsg: detail ?? known.message, state: WMS_STATE_FAIL } };
}

/** Renders any code (also one the fault injector names) in the WMS envelope. */
export function renderWmsError(code: string, message: string): WmsAnswer {
  const status = code in WMS_ERRORS ? WMS_ERRORS[code as WmsErrorCode].status : 200;
  return { status, body: { errorCode: code, errorMsg: message, state: WMS_STATE_FAIL } };
}

/** A refusal raised while handling one operation; the service turns it into the envelope. */
export class WmsRefusal extends Error {
  constructor(
    readonly code: WmsErrorCode,
    detail?: string,
  ) {
    super(detail ?? WMS_ERRORS[code].message);
    this.name = 'WmsRefusal';
  }
}
