import type { ProviderResponse } from '../../kernel/provider-http-client';
import type { WmsFailureClass } from '../codes';
import { requireWmsSuccess } from '../wms.errors';

/** One SKU per call; an existing code is refused (SKU_ALREADY_EXISTS), never overwritten (ADR 0005). */
export const INSERT_SKU_INFO = 'INSERT_SKU_INFO';

export function parseInsertSkuInfo(table?: Readonly<Record<string, WmsFailureClass>>) {
  return (response: ProviderResponse): void => {
    requireWmsSuccess(INSERT_SKU_INFO, response, () => undefined, table);
  };
}
