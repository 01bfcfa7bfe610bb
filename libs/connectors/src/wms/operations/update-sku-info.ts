import type { ProviderResponse } from '../../kernel/provider-http-client';
import type { WmsFailureClass } from '../codes';
import { requireWmsSuccess } from '../wms.errors';

/** A full replacement keyed by `sku`: optional fields left out are cleared (ADR 0005); `warehouseNameList` is not accepted. */
export const UPDATE_SKU_INFO = 'UPDATE_SKU_INFO';

export function parseUpdateSkuInfo(table?: Readonly<Record<string, WmsFailureClass>>) {
  return (response: ProviderResponse): void => {
    requireWmsSuccess(UPDATE_SKU_INFO, response, () => undefined, table);
  };
}
