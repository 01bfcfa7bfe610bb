import type { MappingService } from '@serai/engine';
import type { MappingRepository, TransactionRunner } from '@serai/persistence';
import type { Logger } from 'pino';

/** What the sandbox's 3PL inspection lists per product (apps/sandbox/src/pilot/pilot-inspection.controller.ts). */
interface SandboxStockView {
  readonly sku: string;
  readonly merchantGoodsNo: string;
  readonly warehouseGoodsNo: string;
  readonly barcodes: string;
}

/**
 * The demo's SKU cross-reference: the sandbox's 3PL knows each product by a merchant goods number
 * (M000001) and a warehouse number (W000001), the marketplace by its SKU (SKU-000001). Written
 * only while the table is empty, so an operator's entries are never replaced.
 */
export function demoSkuXref(
  tx: TransactionRunner,
  repository: MappingRepository,
  mappings: MappingService,
  logger: Logger,
): (sandboxUrl: string) => Promise<void> {
  return async (sandboxUrl) => {
    let products: SandboxStockView[];
    try {
      const response = await fetch(`${sandboxUrl}/_sandbox/pilot/stock`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      products = (await response.json()) as SandboxStockView[];
    } catch (error) {
      // The demo still starts; stock from the 3PL is reported as unmapped until entries exist.
      logger.warn({ err: error }, 'demo topology: the sandbox did not list its 3PL products; the SKU cross-reference stays empty');
      return;
    }
    const written = await tx.run(async (m) => {
      const existing = await repository.entries(m, 'sku-xref', { limit: 1 });
      if ((existing?.entries.length ?? 0) > 0) return 0;
      const barcodes = new Set<string>();
      let count = 0;
      for (const product of products) {
        const barcode = product.barcodes.split(',')[0]?.trim();
        const value: Record<string, string> = { merchantGoodsNo: product.merchantGoodsNo, warehouseGoodsNo: product.warehouseGoodsNo };
        if (barcode && !barcodes.has(barcode)) {
          barcodes.add(barcode);
          value.barcode = barcode;
        }
        await repository.put(m, 'sku-xref', product.sku, value, undefined, { name: 'demo topology' });
        count += 1;
      }
      return count;
    });
    mappings.invalidate();
    if (written > 0) logger.info({ entries: written }, 'demo topology: SKU cross-reference filled from the sandbox catalogue');
  };
}
