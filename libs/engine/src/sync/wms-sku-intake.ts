import { MappingValueTaken } from '@serai/persistence';
import type { MappingRepository, SyncCursorRepository, TransactionRunner } from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { MappingService } from '../mapping/mapping.service';
import { InvalidMappingEntry, validateMappingEntry } from '../mapping/mapping-tables';
import type { SkuSource, SourcedSkuRecord } from '../ports/capabilities';

export const WMS_SKUS_STREAM = 'wms-skus';
const SKU_XREF = 'sku-xref';

export interface WmsSkuIntakeOptions {
  readonly owner: string;
  readonly leaseMs: number;
}

/** One SKU whose barcode at the WMS differs from what the cross-reference holds (kept as it is). */
export interface SkuConflict {
  readonly sku: string;
  readonly held: string;
  readonly wms: string;
  readonly reason: 'operator value differs' | 'barcode already names another SKU' | 'not a valid identifier';
}

export interface WmsSkuIntakeResult {
  readonly read: number;
  /** SKUs the cross-reference did not list, added with the WMS barcode. */
  readonly added: number;
  /** Listed SKUs without a barcode, given the WMS one. */
  readonly filled: number;
  readonly unchanged: number;
  /** WMS SKUs without a barcode the cross-reference does not list: nothing to add. */
  readonly withoutBarcode: number;
  readonly conflicts: number;
}

/**
 * The WMS SKU master into the SKU cross-reference (`sku-xref`, keyed by canonical SKU; the WMS
 * holds SKUs under their canonical code). Conservative (ADR 0019): only a barcode the entry does
 * not have is filled in; a value already there — an operator's edit or an earlier fill — is never
 * overwritten, and a difference is reported as a conflict. Every change is a mapping change like
 * an operator's (history, table version), made by `sync wms-skus (<connection>)`. A second run
 * over the same master changes nothing.
 */
export class WmsSkuIntake {
  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly repository: MappingRepository,
    private readonly mappings: MappingService,
    private readonly cursors: SyncCursorRepository,
    private readonly options: WmsSkuIntakeOptions,
    private readonly onConflicts: (connectionName: string, conflicts: readonly SkuConflict[]) => void = () => undefined,
  ) {}

  /** One run for one connection; undefined when another instance holds the stream. */
  async run(connectionId: string, connectionName: string, source: SkuSource): Promise<WmsSkuIntakeResult | undefined> {
    const lease = await this.cursors.acquire(this.db, connectionId, WMS_SKUS_STREAM, this.options.owner, this.options.leaseMs);
    if (!lease) return undefined;
    const totals = { read: 0, added: 0, filled: 0, unchanged: 0, withoutBarcode: 0, conflicts: 0 };
    const conflicts: SkuConflict[] = [];
    try {
      for await (const page of source.pullSkus()) {
        for (const record of page) {
          totals.read += 1;
          const outcome = await this.apply(connectionName, record);
          if (typeof outcome === 'object') {
            conflicts.push(outcome);
            totals.conflicts += 1;
          } else totals[outcome] += 1;
        }
      }
      if (totals.added + totals.filled > 0) this.mappings.invalidate();
      if (conflicts.length > 0) this.onConflicts(connectionName, conflicts);
      await this.cursors.advance(this.db, lease, { at: new Date().toISOString(), read: totals.read });
      await this.cursors.release(this.db, lease);
      return totals;
    } catch (error) {
      if (totals.added + totals.filled > 0) this.mappings.invalidate();
      await this.cursors.release(this.db, lease, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** One SKU in its own transaction, so a refused value (barcode taken) changes nothing and stops nothing else. */
  private async apply(
    connectionName: string,
    record: SourcedSkuRecord,
  ): Promise<'added' | 'filled' | 'unchanged' | 'withoutBarcode' | SkuConflict> {
    const barcode = record.barcode;
    return this.tx.run(async (m) => {
      // The table's lock first: an operator's change cannot slip between this read and the write.
      await m.query(`SELECT version FROM mapping_table WHERE name = $1 FOR UPDATE`, [SKU_XREF]);
      const held = (await this.repository.entry(m, SKU_XREF, record.sku))?.value;
      if (barcode === undefined) return held === undefined ? 'withoutBarcode' : 'unchanged';
      const current = typeof held?.barcode === 'string' ? held.barcode : undefined;
      if (current === barcode) return 'unchanged';
      if (current !== undefined) return { sku: record.sku, held: current, wms: barcode, reason: 'operator value differs' };
      let value: Record<string, unknown>;
      try {
        value = validateMappingEntry(SKU_XREF, record.sku, { ...(held ?? {}), barcode });
      } catch (error) {
        if (error instanceof InvalidMappingEntry) return { sku: record.sku, held: '', wms: barcode, reason: 'not a valid identifier' };
        throw error;
      }
      try {
        await m.query('SAVEPOINT sku_xref_fill');
        // No expected version: the entry was read in this transaction and put() locks the table.
        await this.repository.put(m, SKU_XREF, record.sku, value, undefined, { name: `sync ${WMS_SKUS_STREAM} (${connectionName})` });
        await m.query('RELEASE SAVEPOINT sku_xref_fill');
      } catch (error) {
        if (!(error instanceof MappingValueTaken)) throw error;
        await m.query('ROLLBACK TO SAVEPOINT sku_xref_fill');
        return { sku: record.sku, held: '', wms: barcode, reason: 'barcode already names another SKU' };
      }
      return held === undefined ? 'added' : 'filled';
    });
  }
}
