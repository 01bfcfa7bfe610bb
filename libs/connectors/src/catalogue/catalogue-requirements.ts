import type { ProductSnapshot, Sku } from '@serai/domain';
import type { ProviderKind } from '@serai/engine/ports';

/**
 * What each provider requires of a product before it will take it, and its documented limits, in
 * one place (ADR 0011). The hub checks a product against the providers its routes publish to
 * BEFORE any provider is called, so a refusal names the field, the provider and its limit instead
 * of surfacing later as a dead letter. Sources: the seeds in ../shared/seeds.
 */
export const CATALOGUE_LIMITS = {
  wms: {
    /** WMS SKU API, Sku table: "sku, up to 255 characters", title, barcode, color, size likewise. */
    sku: 255,
    title: 255,
    barcode: 255,
    color: 255,
    size: 255,
    /** "Product brand, up to 50 characters". */
    brand: 50,
    /** "Product description, maximum 2048 characters". */
    description: 2048,
  },
} as const;

export interface CatalogueTarget {
  readonly name: string;
  readonly provider: ProviderKind;
  /** The connection's options (Pilot `catalogTargets`). */
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface CatalogueProblem {
  readonly field: string;
  readonly reason: string;
}

type Check = (product: ProductSnapshot, target: CatalogueTarget) => CatalogueProblem[];

const WMS_DOC = 'WMS SKU API';
const BRAND_DOC = 'Nengmao brand API §6.1';
const TMG_DOC = 'Nengmao TMALL Global API §8.1';
const PILOT_FF_DOC = 'Nomad Pilot freight-forward product';
const PILOT_INVENTORY_DOC = 'Nomad Pilot inventory product';

function needs(field: string, target: CatalogueTarget, doc: string, what: string): CatalogueProblem {
  return { field, reason: `is required by ${target.name} (${doc}: ${what})` };
}

function atMost(field: string, value: string | undefined, limit: number, target: CatalogueTarget, doc: string): CatalogueProblem[] {
  if (value === undefined || [...value].length <= limit) return [];
  return [{ field, reason: `must be at most ${limit} characters for ${target.name} (${doc} limit), got ${[...value].length}` }];
}

function eachSku(product: ProductSnapshot, check: (sku: Sku, path: string) => CatalogueProblem[]): CatalogueProblem[] {
  return product.skus.flatMap((sku, index) => check(sku, `skus[${index}]`));
}

const nengmaoGoods =
  (doc: string, tmg: boolean): Check =>
  (product, target) => {
    const problems: CatalogueProblem[] = [];
    if (product.brand === undefined || product.brand === null) problems.push(needs('brand', target, doc, 'brand, mandatory'));
    const first = product.skus[0];
    // The goods `weight` (kg) is mandatory and taken from the first SKU.
    if (first !== undefined && first.grossWeight === undefined && first.netWeight === undefined) {
      problems.push(needs('skus[0].grossWeight', target, doc, 'goods weight in kg, mandatory'));
    }
    if (tmg && first?.customs?.hsCode === undefined) problems.push(needs('skus[0].customs.hsCode', target, doc, 'hscode, mandatory'));
    return problems;
  };

const wmsSku: Check = (product, target) => {
  const limits = CATALOGUE_LIMITS.wms;
  return [
    ...atMost('brand', product.brand ?? undefined, limits.brand, target, WMS_DOC),
    ...atMost('description', product.description ?? undefined, limits.description, target, WMS_DOC),
    ...eachSku(product, (sku, path) => [
      ...atMost(`${path}.sku`, sku.sku, limits.sku, target, WMS_DOC),
      ...atMost(
        `${path}.titles`,
        sku.titles.zh ?? sku.titles.en ?? product.titles.zh ?? product.titles.en ?? undefined,
        limits.title,
        target,
        WMS_DOC,
      ),
      ...sku.barcodes.flatMap((barcode, i) => atMost(`${path}.barcodes[${i}]`, barcode, limits.barcode, target, WMS_DOC)),
      ...atMost(`${path}.attributes.color`, sku.attributes.color, limits.color, target, WMS_DOC),
      ...atMost(`${path}.attributes.size`, sku.attributes.size, limits.size, target, WMS_DOC),
      // weight and netWeight are marked Y (required); a SKU master with 0 kg breaks carrier rating.
      ...(sku.grossWeight === undefined ? [needs(`${path}.grossWeight`, target, WMS_DOC, 'weight, required')] : []),
      ...(sku.netWeight === undefined ? [needs(`${path}.netWeight`, target, WMS_DOC, 'netWeight, required')] : []),
    ]),
  ];
};

function pilotTargets(target: CatalogueTarget): readonly string[] {
  const configured = target.options?.catalogTargets;
  return Array.isArray(configured) ? (configured as string[]) : ['inventory', 'freight-forward'];
}

const pilotProducts: Check = (product, target) => {
  const targets = pilotTargets(target);
  return eachSku(product, (sku, path) => {
    const problems: CatalogueProblem[] = [];
    if (sku.barcodes.length === 0) {
      const doc = targets.includes('freight-forward') ? PILOT_FF_DOC : PILOT_INVENTORY_DOC;
      if (targets.length > 0) problems.push(needs(`${path}.barcodes`, target, doc, 'barcode, required'));
    }
    // The inventory product takes all barcodes in one field, "separated by commas".
    if (targets.includes('inventory')) {
      sku.barcodes.forEach((barcode, i) => {
        if (barcode.includes(','))
          problems.push({
            field: `${path}.barcodes[${i}]`,
            reason: `must not contain a comma for ${target.name} (${PILOT_INVENTORY_DOC}: barcodes are comma-separated)`,
          });
      });
    }
    if (targets.includes('freight-forward')) {
      if (product.brand === undefined || product.brand === null) problems.push(needs('brand', target, PILOT_FF_DOC, 'brand, Required'));
      if (sku.customs?.hsCode === undefined) problems.push(needs(`${path}.customs.hsCode`, target, PILOT_FF_DOC, 'hsCode, Required'));
      if (sku.customs?.customsUnit === undefined)
        problems.push(needs(`${path}.customs.customsUnit`, target, PILOT_FF_DOC, 'customsUnitCodePackage, Required'));
      if (sku.customs?.originCountry === undefined)
        problems.push(needs(`${path}.customs.originCountry`, target, PILOT_FF_DOC, 'countryOfOrigin, Required'));
      if (sku.netWeight === undefined) problems.push(needs(`${path}.netWeight`, target, PILOT_FF_DOC, 'netWeight in kg, Required'));
    }
    return problems;
  });
};

const CHECKS: Readonly<Record<ProviderKind, Check>> = {
  'nengmao-brand': nengmaoGoods(BRAND_DOC, false),
  'nengmao-tmall-global': nengmaoGoods(TMG_DOC, true),
  'nomad-pilot': pilotProducts,
  wms: wmsSku,
  // The order system takes no catalogue.
  'nomad-envoy': () => [],
};

/** Every problem the given targets would have with this product; one entry per field (the first reason wins). */
export function checkProductForTargets(product: ProductSnapshot, targets: readonly CatalogueTarget[]): CatalogueProblem[] {
  const byField = new Map<string, CatalogueProblem>();
  for (const target of targets)
    for (const problem of CHECKS[target.provider](product, target)) if (!byField.has(problem.field)) byField.set(problem.field, problem);
  return [...byField.values()];
}
