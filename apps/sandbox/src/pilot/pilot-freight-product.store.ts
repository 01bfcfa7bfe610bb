import type { CatalogSku } from '../core/sandbox-catalog';
import type { PilotFreightProduct } from './pilot.wire';

/** Customs/product data per SKU in the Freight Forwarding DB, seeded from the catalogue; PUT upserts by `skuNumber`. */
export class PilotFreightProductStore {
  private readonly bySku = new Map<string, PilotFreightProduct>();

  constructor(catalog: readonly CatalogSku[]) {
    for (const sku of catalog) {
      const weight = Number(sku.weightKg);
      this.bySku.set(sku.sku, {
        barcode: sku.barcode,
        skuNumber: sku.sku,
        brand: sku.brand,
        name: sku.titleEn,
        nameCn: sku.titleZh,
        hsCode: sku.hsCode,
        model: '',
        customsUnitCodeWeight: '035',
        customsUnitCode: '',
        customsUnitCodePackage: '142',
        countryOfOrigin: sku.originCountry,
        netWeight: weight,
        grossWeight: weight,
        spec: '',
        descriptionEn: sku.titleEn,
        descriptionCn: sku.titleZh,
        additionalImageUrls: [],
        storeIds: [],
        // The document types prices as number(float); the catalogue's decimal strings are parsed, never computed with.
        rrpCny: Number(sku.marketPrice),
        rrpGbp: 0,
        customsFilingId: '',
        ingredients: '',
        taxRate: 9.1,
      });
    }
  }

  find(skuNumber: string): PilotFreightProduct | undefined {
    return this.bySku.get(skuNumber);
  }

  all(): PilotFreightProduct[] {
    return [...this.bySku.values()];
  }

  upsert(product: PilotFreightProduct): void {
    this.bySku.set(product.skuNumber, product);
  }
}
