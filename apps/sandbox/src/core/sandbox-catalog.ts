import { Inject, Injectable } from '@nestjs/common';
import { SANDBOX_SETTINGS, SandboxSettings } from './sandbox-settings';
import { SeededRandom } from './seeded-random';

/** One SKU as every simulated provider knows it, so that data agree across the sandbox. */
export interface CatalogSku {
  readonly sku: string;
  readonly goodsSn: string;
  readonly barcode: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly brand: string;
  readonly category: string;
  /** Decimal strings with two places, in CNY. */
  readonly salePrice: string;
  readonly marketPrice: string;
  readonly weightKg: string;
  readonly hsCode: string;
  readonly originCountry: string;
  readonly merchantGoodsNo: string;
  readonly warehouseGoodsNo: string;
  readonly envoySkuNumber: string;
  /** Stock at the 3PL when the sandbox starts. */
  readonly initialStock: number;
}

const PRODUCTS: readonly {
  zh: string;
  en: string;
  category: string;
  hs: string;
  origin: string;
  price: [number, number];
  weight: [number, number];
}[] = [
  {
    zh: '深层保湿面霜',
    en: 'Deep Moisture Face Cream',
    category: 'Skincare',
    hs: '3304990000',
    origin: 'GB',
    price: [129, 459],
    weight: [80, 250],
  },
  {
    zh: '维生素C精华液',
    en: 'Vitamin C Serum',
    category: 'Skincare',
    hs: '3304990000',
    origin: 'GB',
    price: [199, 599],
    weight: [60, 150],
  },
  {
    zh: '婴儿配方奶粉 1段',
    en: 'Infant Formula Stage 1',
    category: 'Baby',
    hs: '1901101000',
    origin: 'NZ',
    price: [239, 399],
    weight: [800, 1000],
  },
  {
    zh: '鱼油软胶囊',
    en: 'Omega-3 Fish Oil Softgels',
    category: 'Health',
    hs: '2106909090',
    origin: 'AU',
    price: [99, 299],
    weight: [150, 400],
  },
  {
    zh: '麦卢卡蜂蜜 UMF10+',
    en: 'Manuka Honey UMF10+',
    category: 'Food',
    hs: '0409000000',
    origin: 'NZ',
    price: [259, 699],
    weight: [250, 500],
  },
  { zh: '香薰蜡烛', en: 'Scented Candle', category: 'Home', hs: '3406000000', origin: 'FR', price: [189, 420], weight: [200, 600] },
  { zh: '羊绒围巾', en: 'Cashmere Scarf', category: 'Apparel', hs: '6117100000', origin: 'GB', price: [599, 1599], weight: [100, 250] },
  {
    zh: '电动牙刷',
    en: 'Electric Toothbrush',
    category: 'Personal Care',
    hs: '8509800000',
    origin: 'DE',
    price: [299, 899],
    weight: [300, 700],
  },
  { zh: '有机燕麦片', en: 'Organic Rolled Oats', category: 'Food', hs: '1104120000', origin: 'GB', price: [49, 89], weight: [500, 1000] },
  {
    zh: '护手霜礼盒',
    en: 'Hand Cream Gift Set',
    category: 'Skincare',
    hs: '3304990000',
    origin: 'FR',
    price: [159, 329],
    weight: [150, 350],
  },
];
const BRANDS = ['Samarkand Naturals', 'Highland & Co', 'Kiwi Pure', 'Maison Lumière', 'Tidewell'];

function money(value: number): string {
  return value.toFixed(2);
}

/** Builds the shared catalogue from the seed; the n-th SKU is the same in every run with that seed. */
export function generateCatalog(size: number, seed: number): CatalogSku[] {
  const random = new SeededRandom(seed * 7919 + 1);
  const skus: CatalogSku[] = [];
  for (let i = 1; i <= size; i += 1) {
    const product = random.pick(PRODUCTS);
    const variant = random.pick(['50ml', '100ml', '200g', '500g', 'S', 'M', 'L', '1pc', '2pcs', '3pcs']);
    // Integer cents and grams: the catalogue never does float arithmetic on money.
    const cents = random.int(product.price[0] * 100, product.price[1] * 100);
    const roundedCents = Math.round(cents / 100) * 100 - 10;
    const grams = random.int(product.weight[0], product.weight[1]);
    const code = String(i).padStart(6, '0');
    skus.push({
      sku: `SKU-${code}`,
      goodsSn: `G-${String(Math.ceil(i / 2)).padStart(6, '0')}`,
      barcode: `69${random.digits(11)}`,
      titleZh: `${product.zh} ${variant}`,
      titleEn: `${product.en} ${variant}`,
      brand: random.pick(BRANDS),
      category: product.category,
      salePrice: money(roundedCents / 100),
      marketPrice: money(Math.round((roundedCents * 13) / 10) / 100),
      weightKg: (grams / 1000).toFixed(3),
      hsCode: product.hs,
      originCountry: product.origin,
      merchantGoodsNo: `M${code}`,
      warehouseGoodsNo: `W${code}`,
      envoySkuNumber: `ENV-${code}`,
      initialStock: random.int(20, 500),
    });
  }
  return skus;
}

@Injectable()
export class SandboxCatalog {
  private readonly skus: CatalogSku[];
  private readonly bySku: Map<string, CatalogSku>;

  constructor(@Inject(SANDBOX_SETTINGS) settings: SandboxSettings) {
    this.skus = generateCatalog(settings.skus, settings.seed);
    this.bySku = new Map(this.skus.map((s) => [s.sku, s]));
  }

  all(): readonly CatalogSku[] {
    return this.skus;
  }

  find(sku: string): CatalogSku | undefined {
    return this.bySku.get(sku);
  }
}
