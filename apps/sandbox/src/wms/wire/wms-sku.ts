/**
 * The WMS SKU API's own types, named as the document names them (seed `wms-sku-api.txt` §1).
 * Decimals travel as JSON numbers; the sandbox also accepts numeric strings on input.
 */

export const WMS_SERVICE_TYPES = ['QUERY_SIMPLE_LIST_SKU', 'INSERT_SKU_INFO', 'UPDATE_SKU_INFO', 'UPDATE_SKU_STATUS'] as const;
export type WmsServiceType = (typeof WMS_SERVICE_TYPES)[number];

/** The envelope of every answer (§1.1.3, §1.2.3, §1.3.3, §1.4.3); only the query adds `total` and `result`. */
export interface WmsEnvelope {
  readonly errorCode: string;
  readonly errorMsg: string;
  readonly state: string;
  readonly total?: number;
  readonly result?: readonly WmsSkuResult[];
}

export interface SubSkuDTO {
  readonly sku: string;
  readonly quantity: number;
}

/** Create/update shape of `SkuCustomFieldValueVO` (§1.2.2). */
export interface SkuCustomFieldValueInput {
  readonly customFieldId: number;
  readonly value: string;
}

/**
 * Query-result shape of `SkuCustomFieldValueVO` (§1.1.3): the field's definition. The document gives
 * no way to read a SKU's value back (catalogue ambiguity 3); the sandbox adds `customFieldId` and
 * `value` beside the documented keys (docs/decisions/0005).
 */
export interface SkuCustomFieldValueVO {
  readonly tableName: string;
  readonly columType: string;
  readonly columName: string;
  readonly defaultValue?: string;
  readonly candidateValue?: string;
  readonly remark?: string;
  readonly required?: number;
  readonly isQuery?: number;
  readonly isShow?: number;
  readonly customFieldId: number;
  readonly value: string;
}

/** `SkuCustomFieldValueSO` (§1.1.2): a custom-field search criterion. */
export interface SkuCustomFieldValueSO {
  readonly customFieldId: number;
  readonly value?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface SkuSupplierDTO {
  readonly name: string;
  readonly isDefault: boolean;
  readonly purchaserList: readonly string[];
  readonly deliveryCycle: number;
  readonly purchasePrice?: number;
  readonly purchasePriceUnit?: string;
  readonly minimumPurchaseQuantity?: number;
  readonly purchaseTaxRate?: number;
  readonly drawbackRate?: number;
  readonly purchaseUrl?: string;
}

/** `QUERY_SIMPLE_LIST_SKU` request (§1.1.2). */
export interface QuerySimpleListSkuRequest {
  readonly page: number;
  readonly pageSize: number;
  readonly categoryName1?: string;
  readonly categoryName2?: string;
  readonly categoryName3?: string;
  readonly updateTimeFrom?: string;
  readonly updateTimeTo?: string;
  readonly skus?: readonly string[];
  readonly titles?: readonly string[];
  readonly skuCustomFieldValueSOList?: readonly SkuCustomFieldValueSO[];
}

/** `INSERT_SKU_INFO` / `UPDATE_SKU_INFO` request (§1.2.2, §1.3.2); update has no `warehouseNameList`. */
export interface SkuInfo {
  readonly sku: string;
  readonly title: string;
  readonly barcode?: string;
  readonly type: string;
  readonly picUrl?: string;
  readonly saleStatus?: string;
  readonly weight: number;
  readonly netWeight: number;
  readonly weightUnit: string;
  readonly abbrTitle?: string;
  readonly brand?: string;
  readonly unit?: string;
  readonly color?: string;
  readonly size?: string;
  readonly length: number;
  readonly width: number;
  readonly height: number;
  readonly dimensionUnit: string;
  readonly itemPackage?: number;
  readonly description?: string;
  readonly descriptionEn?: string;
  readonly functionDescription?: string;
  readonly enable: number;
  readonly packingRate?: number;
  readonly cartonLength?: number;
  readonly cartonWidth?: number;
  readonly cartonHeight?: number;
  readonly cartonWeight?: number;
  readonly cartonNetWeight?: number;
  readonly cartonDimensionUnit?: string;
  readonly cartonWeightUnit?: string;
  readonly chineseCustomsDeclarationName?: string;
  readonly englishCustomsDeclarationName?: string;
  readonly cdPriceMethod?: string;
  readonly cdPriceRate?: number;
  readonly cdPriceMaximum?: number;
  readonly customsDeclarationPrice?: number;
  readonly customsDeclarationPriceUnit?: string;
  readonly customsCode?: string;
  readonly exportTax?: number;
  readonly declaration?: string;
  readonly dangerousTransportGoodsType?: string;
  readonly batteryType?: number;
  readonly ccPriceMethod?: string;
  readonly ccPriceRate?: number;
  readonly ccPriceMaximum?: number;
  readonly ccPrice?: number;
  readonly ccPriceUnit?: string;
  readonly needQualityInspection?: boolean;
  readonly price?: number;
  readonly priceUnit?: string;
  readonly asin?: string;
  readonly customProp1?: string;
  readonly customProp2?: string;
  readonly customProp3?: string;
  readonly categoryName1?: string;
  readonly categoryName2?: string;
  readonly categoryName3?: string;
  readonly remarkName?: string;
  readonly singleSkuList?: readonly SubSkuDTO[];
  readonly singleBoxCode?: string;
  readonly singleItemVolume?: number;
  readonly skuCustomFieldValueVOList?: readonly SkuCustomFieldValueInput[];
  readonly purchaseCost?: number;
  readonly purchaseCostUnit?: string;
  readonly skuSupplierList?: readonly SkuSupplierDTO[];
  readonly isRelatedSingleCost?: boolean;
  readonly warehouseNameList?: readonly string[];
}

/** `UPDATE_SKU_STATUS` request (§1.4.2). */
export interface UpdateSkuStatusRequest {
  readonly sku: string;
  readonly enable: number;
}

/** One `Sku` of the query result (§1.1.3): fewer fields than a write accepts (catalogue ambiguity 12). */
export interface WmsSkuResult {
  readonly sku: string;
  readonly title: string;
  readonly barcode?: string;
  readonly type: string;
  readonly picUrl?: string;
  readonly saleStatus?: string;
  readonly weight: number;
  readonly netWeight: number;
  readonly weightUnit: string;
  readonly abbrTitle?: string;
  readonly brand?: string;
  readonly unit?: string;
  readonly color?: string;
  readonly size?: string;
  readonly length: number;
  readonly width: number;
  readonly height: number;
  readonly dimensionUnit: string;
  readonly itemPackage?: number;
  readonly description?: string;
  readonly descriptionEn?: string;
  readonly functionDescription?: string;
  readonly enable: number;
  readonly categoryName1?: string;
  readonly categoryName2?: string;
  readonly categoryName3?: string;
  readonly singleBoxCode?: string;
  readonly singleItemVolume?: number;
  readonly cartonVolumeUnit?: string;
  readonly customProp1?: string;
  readonly customProp2?: string;
  readonly customProp3?: string;
  readonly price?: number;
  readonly remarkName?: string;
  readonly singleSkuList?: readonly SubSkuDTO[];
  readonly skuCustomFieldValueVOList?: readonly SkuCustomFieldValueVO[];
  readonly packingRate?: number;
  readonly purchaseCost?: number;
  readonly purchaseCostUnit?: string;
  readonly skuSupplierList?: readonly SkuSupplierDTO[];
  readonly isRelatedSingleCost?: boolean;
}
