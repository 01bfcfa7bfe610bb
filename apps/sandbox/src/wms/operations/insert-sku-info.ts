import { WmsAnswer, WmsRefusal, wmsSuccess } from '../wms-codes';
import { readSkuInfo } from '../wms-sku-input';
import { WmsSkuRepository } from '../wms-sku.repository';
import { checkCombinationParts } from './combination-parts';

/** `INSERT_SKU_INFO` (§1.2): creates one SKU; an existing code is refused, never overwritten. */
export function insertSkuInfo(body: unknown, repository: WmsSkuRepository): WmsAnswer {
  const info = readSkuInfo(body, 'INSERT_SKU_INFO');
  if (repository.find(info.sku) !== undefined) throw new WmsRefusal('SKU_ALREADY_EXISTS', `The sku ${info.sku} already exists`);
  checkCombinationParts(info, repository);
  repository.save(info);
  return wmsSuccess();
}
