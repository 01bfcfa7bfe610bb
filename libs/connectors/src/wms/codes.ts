import type { LengthUnit, WeightUnit } from '@serai/domain';

/** The WMS SKU API's codes as data (catalogue wms-sku.md §6; docs/decisions/0005). */

export const WMS_PROVIDER = 'wms';

export const WMS_SERVICE_TYPES = ['QUERY_SIMPLE_LIST_SKU', 'INSERT_SKU_INFO', 'UPDATE_SKU_INFO', 'UPDATE_SKU_STATUS'] as const;
export type WmsServiceType = (typeof WMS_SERVICE_TYPES)[number];

/** `pageSize` "no more than 200; Default is 100". */
export const WMS_MAX_PAGE_SIZE = 200;
export const WMS_DEFAULT_PAGE_SIZE = 100;

/** Sku Type: only SINGLE is documented; COMBINATION is ADR 0005's literal for a combined SKU. */
export const WMS_SKU_TYPES = ['SINGLE', 'COMBINATION'] as const;
export type WmsSkuType = (typeof WMS_SKU_TYPES)[number];

/** `enable`: 0 disabled, 1 valid. */
export const WMS_ENABLED = 1;
export const WMS_DISABLED = 0;

/** `state` on success (documented); the failure value is not ("fail" in the sandbox). */
export const WMS_STATE_SUCCESS = 'success';

/** Weight and length units: the document gives none for `weightUnit` / `dimensionUnit`; carton units are KG/G and cm/m. */
export const WMS_WEIGHT_UNITS: Readonly<Record<string, WeightUnit>> = { KG: 'kg', G: 'g', LB: 'lb' };
export const WMS_LENGTH_UNITS: Readonly<Record<string, { unit: LengthUnit; factor: string }>> = {
  CM: { unit: 'cm', factor: '1' },
  MM: { unit: 'mm', factor: '1' },
  IN: { unit: 'in', factor: '1' },
  M: { unit: 'cm', factor: '100' },
};

/** What an error code means to the connector. */
export type WmsFailureMeaning = 'conflict' | 'not_found' | 'validation' | 'auth' | 'configuration' | 'rate_limited' | 'provider';

export interface WmsFailureClass {
  readonly meaning: WmsFailureMeaning;
  readonly retryable: boolean;
}

/**
 * The code table of ADR 0005. Only DATA_INPUT_ERROR is documented; the others are the sandbox's,
 * agreed in the ADR. A connection may replace entries (option `errorCodes`), because a real WMS
 * may use other codes or say everything with DATA_INPUT_ERROR.
 */
export const WMS_ERROR_TABLE: Readonly<Record<string, WmsFailureClass>> = {
  DATA_INPUT_ERROR: { meaning: 'validation', retryable: false },
  SERVICE_TYPE_MISSING: { meaning: 'configuration', retryable: false },
  SERVICE_TYPE_UNKNOWN: { meaning: 'configuration', retryable: false },
  SKU_ALREADY_EXISTS: { meaning: 'conflict', retryable: false },
  SKU_NOT_EXIST: { meaning: 'not_found', retryable: false },
  AUTH_MISSING: { meaning: 'auth', retryable: false },
  AUTH_APP_KEY_INVALID: { meaning: 'auth', retryable: false },
  AUTH_TIMESTAMP_EXPIRED: { meaning: 'auth', retryable: false },
  AUTH_SIGN_INVALID: { meaning: 'auth', retryable: false },
  VERSION_NOT_SUPPORTED: { meaning: 'configuration', retryable: false },
  REQUEST_LIMIT: { meaning: 'rate_limited', retryable: true },
  SYSTEM_ERROR: { meaning: 'provider', retryable: true },
};

/** DATA_INPUT_ERROR messages that really mean a duplicate or an unknown SKU (ADR 0005, consequences). */
export const WMS_MESSAGE_MEANINGS: readonly { readonly pattern: RegExp; readonly meaning: WmsFailureMeaning }[] = [
  { pattern: /already exist/i, meaning: 'conflict' },
  { pattern: /not exist|unknown sku|does not exist/i, meaning: 'not_found' },
];

export function classifyWmsError(
  code: string,
  message: string,
  table: Readonly<Record<string, WmsFailureClass>> = WMS_ERROR_TABLE,
): WmsFailureClass {
  const known = table[code] ?? { meaning: 'provider', retryable: false };
  if (known.meaning !== 'validation') return known;
  const refined = WMS_MESSAGE_MEANINGS.find((entry) => entry.pattern.test(message));
  return refined === undefined ? known : { meaning: refined.meaning, retryable: false };
}
