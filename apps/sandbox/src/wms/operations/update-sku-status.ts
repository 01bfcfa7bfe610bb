import { WmsAnswer, WmsRefusal, wmsSuccess } from '../wms-codes';
import { readUpdateSkuStatus } from '../wms-sku-input';
import { WmsSkuRepository } from '../wms-sku.repository';

/** `UPDATE_SKU_STATUS` (§1.4): enables (1) or disables (0) one SKU; setting the current value again succeeds. */
export function updateSkuStatus(body: unknown, repository: WmsSkuRepository): WmsAnswer {
  const request = readUpdateSkuStatus(body);
  const held = repository.find(request.sku);
  if (held === undefined) throw new WmsRefusal('SKU_NOT_EXIST', `The sku ${request.sku} does not exist`);
  repository.save({ ...held.info, enable: request.enable });
  return wmsSuccess();
}
