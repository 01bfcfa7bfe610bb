import type { ProductSnapshot } from '@serai/domain';
import type {
  BatchOutcome,
  CatalogSink,
  ConnectionTestResult,
  ItemFailure,
  ProviderConnector,
  SkuSource,
  SourcedSkuRecord,
} from '@serai/engine/ports';
import { ProviderError } from '../kernel/provider-error';
import { WMS_ENABLED } from './codes';
import type { WmsClient } from './wms.client';
import { WmsProviderError } from './wms.errors';
import { toWmsSkuInfo } from './wms.mapper';
import type { WmsSettings } from './wms.settings';

/**
 * The SKU master: each SKU is inserted; a duplicate (SKU_ALREADY_EXISTS, or a DATA_INPUT_ERROR that
 * says so) means the WMS knows it, so it is updated with the same data instead (a full replacement).
 */
export class WmsCatalogSink implements CatalogSink {
  constructor(
    private readonly client: WmsClient,
    private readonly settings: WmsSettings,
  ) {}

  async publishProduct(product: ProductSnapshot): Promise<BatchOutcome<string>> {
    const succeeded: string[] = [];
    const failed: ItemFailure<string>[] = [];
    let calls = 0;
    for (const sku of product.skus) {
      const info = toWmsSkuInfo(product, sku, { warehouseNames: this.settings.warehouseNames });
      try {
        calls += 1;
        await this.client.insertSku(info);
        succeeded.push(sku.sku);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        if (!(error instanceof WmsProviderError) || error.meaning !== 'conflict') {
          failed.push({ key: sku.sku, code: error.code ?? error.kind, message: error.message, retryable: error.retryable });
          continue;
        }
        const { warehouseNameList: _insertOnly, ...update } = info;
        try {
          calls += 1;
          await this.client.updateSku(update);
          succeeded.push(sku.sku);
        } catch (updateError) {
          if (!(updateError instanceof ProviderError)) throw updateError;
          failed.push({
            key: sku.sku,
            code: updateError.code ?? updateError.kind,
            message: updateError.message,
            retryable: updateError.retryable,
          });
        }
      }
    }
    return { succeeded, failed, calls };
  }

  setSkuEnabled(sku: string, enabled: boolean): Promise<void> {
    return this.client.setSkuEnabled(sku, enabled);
  }
}

/** The cheapest signed call: one SKU of the list. */
export async function testWmsConnection(client: WmsClient): Promise<ConnectionTestResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const page = await client.querySkusPage({}, 1, 1);
    return { ok: true, message: `SKU list answered (${page.total ?? page.items.length} SKUs)`, latencyMs: latency() };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { ok: false, providerCode: error.code, message: error.message, latencyMs: latency() };
  }
}

/**
 * The WMS SKU API is a catalogue only: no operation reports stock, so this connector offers no
 * InventorySource (stock comes from Pilot's 3PL inventory).
 */
/** The WMS SKU master (QUERY_SIMPLE_LIST_SKU without filters), for the engine's `wms-skus` stream. */
export class WmsSkuSource implements SkuSource {
  constructor(private readonly client: WmsClient) {}

  async *pullSkus(): AsyncIterable<readonly SourcedSkuRecord[]> {
    for await (const page of this.client.querySkus({}))
      yield page.map((result) => {
        const barcode = result.barcode?.trim();
        return {
          sku: result.sku,
          title: result.title,
          ...(barcode === undefined || barcode === '' ? {} : { barcode }),
          enabled: result.enable === WMS_ENABLED,
        };
      });
  }
}

export class WmsConnector implements ProviderConnector {
  readonly catalogSink: WmsCatalogSink;
  readonly skuSource: WmsSkuSource;

  constructor(
    readonly client: WmsClient,
    settings: WmsSettings,
  ) {
    this.catalogSink = new WmsCatalogSink(client, settings);
    this.skuSource = new WmsSkuSource(client);
  }

  testConnection(): Promise<ConnectionTestResult> {
    return testWmsConnection(this.client);
  }
}
