import { findCustomField } from './wms-custom-fields';
import { WmsHeldSku } from './wms-sku.repository';
import { SkuCustomFieldValueVO, WmsSkuResult } from './wire/wms-sku';

function customFieldsOf(held: WmsHeldSku): SkuCustomFieldValueVO[] {
  const out: SkuCustomFieldValueVO[] = [];
  for (const entry of held.info.skuCustomFieldValueVOList ?? []) {
    const field = findCustomField(entry.customFieldId);
    if (field === undefined) continue;
    const { customFieldId, ...definition } = field;
    // Every documented key is present, empty when the definition has no value, so each item has one shape.
    out.push({
      ...definition,
      defaultValue: field.defaultValue ?? '',
      candidateValue: field.candidateValue ?? '',
      remark: field.remark ?? '',
      customFieldId,
      value: entry.value,
    });
  }
  return out;
}

/** The `Sku` of a query result (§1.1.3): only the documented result fields, write-only fields left out. */
export function toWmsSkuResult(held: WmsHeldSku): WmsSkuResult {
  const info = held.info;
  const customFields = customFieldsOf(held);
  const result: WmsSkuResult = {
    sku: info.sku,
    title: info.title,
    barcode: info.barcode,
    type: info.type,
    picUrl: info.picUrl,
    saleStatus: info.saleStatus,
    weight: info.weight,
    netWeight: info.netWeight,
    weightUnit: info.weightUnit,
    abbrTitle: info.abbrTitle,
    brand: info.brand,
    unit: info.unit,
    color: info.color,
    size: info.size,
    length: info.length,
    width: info.width,
    height: info.height,
    dimensionUnit: info.dimensionUnit,
    itemPackage: info.itemPackage,
    description: info.description,
    descriptionEn: info.descriptionEn,
    functionDescription: info.functionDescription,
    enable: info.enable,
    categoryName1: info.categoryName1,
    categoryName2: info.categoryName2,
    categoryName3: info.categoryName3,
    singleBoxCode: info.singleBoxCode,
    singleItemVolume: info.singleItemVolume,
    // No write accepts `cartonVolumeUnit` (catalogue ambiguity 13): the carton dimension unit is the best answer.
    cartonVolumeUnit: info.cartonDimensionUnit,
    customProp1: info.customProp1,
    customProp2: info.customProp2,
    customProp3: info.customProp3,
    price: info.price,
    remarkName: info.remarkName,
    singleSkuList: info.singleSkuList,
    skuCustomFieldValueVOList: customFields.length > 0 ? customFields : undefined,
    packingRate: info.packingRate,
    purchaseCost: info.purchaseCost,
    purchaseCostUnit: info.purchaseCostUnit,
    skuSupplierList: info.skuSupplierList,
    isRelatedSingleCost: info.isRelatedSingleCost,
  };
  return Object.fromEntries(Object.entries(result).filter(([, value]) => value !== undefined)) as WmsSkuResult;
}
