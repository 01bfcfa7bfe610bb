import { WmsAnswer, WmsRefusal, wmsSuccess } from '../wms-codes';
import { readSkuInfo } from '../wms-sku-input';
import { WmsSkuRepository } from '../wms-sku.repository';
import { checkCombinationParts } from './combination-parts';

/**
 * `UPDATE_SKU_INFO` (§1.3): a full replacement keyed by `sku` — every required field is required
 * again, and an optional field left out is cleared (ADR 0005). `warehouseNameList` is create-only.
 */
export function updateSkuInfo(body: unknown, repository: WmsSkuRepository): WmsAnswer {
  const info = readSkuInfo(body, 'UPDATE_SKU_INFO');
  if (repository.find(info.sku) === undefined) throw new WmsRefusal('SKU_NOT_EXIST', `The sku ${info.sku} does not exist`);
  checkCombinationParts(info, repository);
  repository.save(info);
  return wmsSuccess();
}
