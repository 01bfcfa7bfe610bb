import { WmsRefusal } from '../wms-codes';
import { WmsSkuRepository } from '../wms-sku.repository';
import { SkuInfo } from '../wire/wms-sku';

/** A combination is built of SKUs the WMS already holds, each a SINGLE (a combination of combinations is refused). */
export function checkCombinationParts(info: SkuInfo, repository: WmsSkuRepository): void {
  for (const part of info.singleSkuList ?? []) {
    const held = repository.find(part.sku);
    if (held === undefined) throw new WmsRefusal('SKU_NOT_EXIST', `singleSkuList: sku ${part.sku} does not exist`);
    if (held.info.type !== 'SINGLE') throw new WmsRefusal('DATA_INPUT_ERROR', `singleSkuList: sku ${part.sku} is not a SINGLE sku`);
  }
}
