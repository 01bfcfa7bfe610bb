import type { ProviderResponse } from '../../kernel/provider-http-client';
import type { WmsFailureClass } from '../codes';
import { requireWmsSuccess } from '../wms.errors';
import type { UpdateSkuStatusRequest } from '../wire/sku';

/** Enables (1) or disables (0) one SKU. */
export const UPDATE_SKU_STATUS = 'UPDATE_SKU_STATUS';

export function buildUpdateSkuStatus(sku: string, enabled: boolean): UpdateSkuStatusRequest {
  return { sku, enable: enabled ? 1 : 0 };
}

export function parseUpdateSkuStatus(table?: Readonly<Record<string, WmsFailureClass>>) {
  return (response: ProviderResponse): void => {
    requireWmsSuccess(UPDATE_SKU_STATUS, response, () => undefined, table);
  };
}
