/**
 * Mapping tables the engine keeps as data (courier codes, order statuses, the SKU cross-reference).
 * Their default rows come from the providers' documents, which only connectors know: each
 * connector offers its defaults under MAPPING_DEFAULTS and the engine seeds them once.
 */

export const MAPPING_TABLES = ['courier-codes', 'order-statuses', 'sku-xref'] as const;
export type MappingTableName = (typeof MAPPING_TABLES)[number];

/** `courier-codes`, keyed by Serai's canonical carrier code (e.g. `sf`). */
export interface CourierCodeValue {
  readonly name: string;
  /** The marketplace's courier code (both Nengmao documents, §2 "Currier Company Code"). */
  readonly nengmao: string;
  /** Other spellings a carrier is reported under (3PL logistics codes such as `SF`, Chinese names). */
  readonly aliases: readonly string[];
}

/** `order-statuses`, keyed by `<provider>:<code>` (e.g. `nengmao:4`, `nomad-envoy:TRADE_REFUND`). */
export interface OrderStatusValue {
  readonly name: string;
  /** The canonical OrderStatus this provider status means. */
  readonly canonical: string;
}

/** The identifiers one SKU has in the systems around Serai. */
export interface SkuIdentifiers {
  readonly barcode?: string;
  /** Nomad Pilot 3PL: the merchant's goods number (`merchantGoodsNo`, e.g. M000001). */
  readonly merchantGoodsNo?: string;
  /** Nomad Pilot 3PL: the warehouse's goods number (`warehouseGoodsNo`). */
  readonly warehouseGoodsNo?: string;
  /** Nomad Envoy: the order system's SKU number (`skuNumber`). */
  readonly envoySkuNumber?: string;
}

/** `sku-xref`, keyed by the canonical SKU (the marketplace's, e.g. SKU-000001). */
export type SkuXrefValue = SkuIdentifiers;

export interface MappingDefaultEntry {
  readonly key: string;
  readonly value: Readonly<Record<string, unknown>>;
}

export interface MappingDefaults {
  readonly table: MappingTableName;
  /** Where the rows come from, for the history ("nengmao codes.ts: brand doc §2"). */
  readonly source: string;
  readonly entries: readonly MappingDefaultEntry[];
}

export const MAPPING_DEFAULTS = Symbol('MAPPING_DEFAULTS');
