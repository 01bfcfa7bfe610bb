import { Inject, Injectable } from '@nestjs/common';
import { CatalogSku, SandboxCatalog } from '../core/sandbox-catalog';
import { SandboxClock } from '../core/sandbox-clock';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { SeededRandom } from '../core/seeded-random';
import { SkuInfo } from './wire/wms-sku';

/** A SKU as the simulated WMS holds it: everything written, plus the times the WMS keeps itself. */
export interface WmsHeldSku {
  readonly info: SkuInfo;
  /** Epoch milliseconds on the sandbox clock. */
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export interface WmsSkuCounts {
  readonly total: number;
  readonly enabled: number;
  readonly disabled: number;
  readonly single: number;
  readonly combination: number;
}

/**
 * Seeded SKUs carry a fixed update time, not "now", so that two runs with one seed hold identical
 * data (the consistency spec compares them). 2024-06-01 09:00 GMT+8.
 */
const SEEDED_UPDATE_MS = Date.UTC(2024, 5, 1, 1, 0, 0);

/** Maps one catalogue SKU to the WMS master record the brand would have created for it. */
export function wmsSkuFromCatalog(entry: CatalogSku, random: SeededRandom): SkuInfo {
  const weight = Number(entry.weightKg);
  return {
    sku: entry.sku,
    title: entry.titleEn,
    barcode: entry.barcode,
    type: 'SINGLE',
    weight,
    netWeight: Math.round(weight * 900) / 1000,
    weightUnit: 'KG',
    brand: entry.brand.slice(0, 50),
    unit: 'PCS',
    length: random.int(5, 40),
    width: random.int(5, 30),
    height: random.int(3, 25),
    dimensionUnit: 'CM',
    description: entry.titleZh,
    descriptionEn: entry.titleEn,
    enable: 1,
    chineseCustomsDeclarationName: entry.titleZh,
    englishCustomsDeclarationName: entry.titleEn,
    customsCode: entry.hsCode,
    price: Number(entry.salePrice),
    priceUnit: 'CNY',
    categoryName1: entry.category,
    customProp1: entry.warehouseGoodsNo,
    customProp2: entry.originCountry,
    skuCustomFieldValueVOList: [{ customFieldId: 4, value: 'AMBIENT' }],
  };
}

/** The simulated WMS's SKU master, in memory; every catalogue SKU is known from the start. */
@Injectable()
export class WmsSkuRepository {
  private readonly skus = new Map<string, WmsHeldSku>();

  constructor(
    catalog: SandboxCatalog,
    private readonly clock: SandboxClock,
    @Inject(SANDBOX_SETTINGS) settings: SandboxSettings,
  ) {
    const random = new SeededRandom(settings.seed * 31 + 5);
    for (const entry of catalog.all()) {
      this.skus.set(entry.sku, { info: wmsSkuFromCatalog(entry, random), createdAtMs: SEEDED_UPDATE_MS, updatedAtMs: SEEDED_UPDATE_MS });
    }
  }

  find(sku: string): WmsHeldSku | undefined {
    return this.skus.get(sku);
  }

  /** Every SKU in code order, the order the simulated WMS lists them. */
  all(): WmsHeldSku[] {
    return [...this.skus.values()].sort((a, b) => (a.info.sku < b.info.sku ? -1 : a.info.sku > b.info.sku ? 1 : 0));
  }

  /** Creates or fully replaces a SKU; the creation time survives a replacement. */
  save(info: SkuInfo): WmsHeldSku {
    const now = this.clock.nowMs();
    const held = { info, createdAtMs: this.skus.get(info.sku)?.createdAtMs ?? now, updatedAtMs: now };
    this.skus.set(info.sku, held);
    return held;
  }

  counts(): WmsSkuCounts {
    const all = [...this.skus.values()];
    const enabled = all.filter((held) => held.info.enable === 1).length;
    const single = all.filter((held) => held.info.type === 'SINGLE').length;
    return { total: all.length, enabled, disabled: all.length - enabled, single, combination: all.length - single };
  }
}
