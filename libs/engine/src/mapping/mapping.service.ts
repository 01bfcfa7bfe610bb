import type {
  MappingActor,
  MappingEntryRow,
  MappingHistoryRow,
  MappingRepository,
  MappingTableRow,
  TransactionRunner,
} from '@serai/persistence';
import type { EntityManager } from 'typeorm';
import type { CourierCodeValue, MappingDefaults, MappingTableName, OrderStatusValue, SkuIdentifiers } from '../ports/mapping-defaults';
import { MAPPING_TABLES } from '../ports/mapping-defaults';
import { SKU_XREF_FIELDS, validateMappingEntry } from './mapping-tables';

export interface MappingServiceOptions {
  /**
   * How long a cached table is trusted before its version is checked again: the longest another
   * hub instance's change goes unseen here. A change made through this instance is seen at once.
   */
  readonly refreshMs: number;
  readonly now?: () => number;
}

interface CachedTable {
  readonly version: number;
  readonly entries: ReadonlyMap<string, Record<string, unknown>>;
  /** Normalised lookup key -> entry key (courier aliases, xref identifiers). */
  readonly index: ReadonlyMap<string, string>;
}

const normalise = (value: string): string => value.trim().toLowerCase();

function indexOf(table: MappingTableName, entries: ReadonlyMap<string, Record<string, unknown>>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [key, value] of entries) {
    if (table === 'courier-codes') {
      const courier = value as unknown as CourierCodeValue;
      // The canonical key wins over an alias another entry happens to share.
      for (const name of [...(courier.aliases ?? []), courier.name, courier.nengmao]) {
        if (typeof name === 'string' && !index.has(normalise(name))) index.set(normalise(name), key);
      }
    } else if (table === 'sku-xref') {
      for (const field of SKU_XREF_FIELDS) {
        const id = value[field];
        if (typeof id === 'string') index.set(`${field}:${id}`, key);
      }
    }
  }
  if (table === 'courier-codes') for (const key of entries.keys()) index.set(normalise(key), key);
  return index;
}

/**
 * The engine's mapping tables: cached lookups for the flows (the marketplace courier code of a
 * carrier, the canonical SKU of a 3PL goods number, the Envoy SKU number of a SKU) and the
 * checked, audited changes of the API. Each instance caches whole tables with their version and
 * compares versions at most every `refreshMs`; its own changes drop its cache at once. Defaults
 * from the providers' documents are written once, the first time a table is seen unseeded.
 */
export class MappingService {
  private readonly cache = new Map<MappingTableName, CachedTable>();
  private checkedAt = Number.NEGATIVE_INFINITY;
  private refreshing?: Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly db: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly repository: MappingRepository,
    private readonly options: MappingServiceOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  /** Seeds every table still unseeded with its defaults (several sources of one table are merged). */
  async ensureDefaults(defaults: readonly MappingDefaults[]): Promise<Record<string, number>> {
    const added: Record<string, number> = {};
    for (const table of MAPPING_TABLES) {
      const sources = defaults.filter((d) => d.table === table);
      const entries = sources.flatMap((d) => d.entries.map((e) => ({ key: e.key, value: validateMappingEntry(table, e.key, e.value) })));
      const actor: MappingActor = { name: `defaults (${sources.map((d) => d.source).join('; ') || 'none'})` };
      added[table] = await this.tx.run((m) => this.repository.seedOnce(m, table, entries, actor));
    }
    this.invalidate();
    return added;
  }

  // ---- lookups for the flows ---------------------------------------------------------------

  /** The marketplace courier code for a carrier reported under its canonical code, a 3PL code (SF) or a name; undefined when unmapped. */
  async nengmaoCourierOf(carrier: string): Promise<string | undefined> {
    const table = await this.table('courier-codes');
    const key = table.index.get(normalise(carrier));
    const value = key === undefined ? undefined : (table.entries.get(key) as unknown as CourierCodeValue | undefined);
    return value?.nengmao;
  }

  /** The canonical SKU a source's identifiers name (merchant goods number first, then warehouse number, barcode, Envoy number). */
  async canonicalSkuOf(identifiers: SkuIdentifiers): Promise<string | undefined> {
    const table = await this.table('sku-xref');
    for (const field of ['merchantGoodsNo', 'warehouseGoodsNo', 'barcode', 'envoySkuNumber'] as const) {
      const id = identifiers[field];
      if (id === undefined) continue;
      const key = table.index.get(`${field}:${id.trim()}`);
      if (key !== undefined) return key;
    }
    return undefined;
  }

  /** A canonical SKU's identifiers in the other systems; undefined when the cross-reference does not list it. */
  async identifiersOf(sku: string): Promise<SkuIdentifiers | undefined> {
    return (await this.table('sku-xref')).entries.get(sku) as SkuIdentifiers | undefined;
  }

  /** Envoy's SKU numbers of these SKUs, for those the cross-reference lists one. */
  async envoySkuNumbersOf(skus: readonly string[]): Promise<Map<string, string>> {
    const table = await this.table('sku-xref');
    const numbers = new Map<string, string>();
    for (const sku of skus) {
      const number = (table.entries.get(sku) as SkuIdentifiers | undefined)?.envoySkuNumber;
      if (number !== undefined) numbers.set(sku, number);
    }
    return numbers;
  }

  async orderStatusOf(provider: string, code: string): Promise<OrderStatusValue | undefined> {
    return this.orderStatusOfKey(`${provider}:${code}`);
  }

  /** The `order-statuses` entry under a connector's own key (`SourcedOrder.statusKey`). */
  async orderStatusOfKey(key: string): Promise<OrderStatusValue | undefined> {
    return (await this.table('order-statuses')).entries.get(key) as OrderStatusValue | undefined;
  }

  // ---- the API's reads and changes ---------------------------------------------------------

  tables(): Promise<MappingTableRow[]> {
    return this.repository.tables(this.db);
  }

  /** One page of a table's entries in key order, with the table's version (its ETag). */
  async entries(
    table: MappingTableName,
    page: { afterKey?: string; limit?: number } = {},
  ): Promise<{ version: number; entries: MappingEntryRow[] }> {
    const found = await this.repository.entries(this.db, table, page);
    if (!found) throw new Error(`No mapping table ${table}`);
    return found;
  }

  entry(table: MappingTableName, key: string): Promise<MappingEntryRow | undefined> {
    return this.repository.entry(this.db, table, key);
  }

  history(table: MappingTableName, limit: number, beforeId?: string): Promise<MappingHistoryRow[]> {
    return this.repository.history(this.db, table, limit, beforeId);
  }

  /** Validates (InvalidMappingEntry) and writes one entry if the table is still at `expectedVersion` (StaleMappingTable). */
  async put(
    table: MappingTableName,
    key: string,
    value: unknown,
    expectedVersion: number,
    actor: MappingActor,
  ): Promise<{ created: boolean; version: number; value: Record<string, unknown> }> {
    const clean = validateMappingEntry(table, key, value);
    const result = await this.tx.run((m) => this.repository.put(m, table, key, clean, expectedVersion, actor));
    this.invalidate();
    return { created: result.oldValue === null, version: result.version, value: clean };
  }

  /** Removes one entry if the table is still at `expectedVersion`; undefined when there was none. */
  async remove(
    table: MappingTableName,
    key: string,
    expectedVersion: number,
    actor: MappingActor,
  ): Promise<{ version: number } | undefined> {
    const result = await this.tx.run((m) => this.repository.remove(m, table, key, expectedVersion, actor));
    this.invalidate();
    return result === undefined ? undefined : { version: result.version };
  }

  // ---- cache ---------------------------------------------------------------------------------

  /** Forgets every cached table (a change made here); the next lookup reloads. */
  invalidate(): void {
    this.cache.clear();
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private async table(name: MappingTableName): Promise<CachedTable> {
    if (this.now() - this.checkedAt >= this.options.refreshMs || !this.cache.has(name)) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    const cached = this.cache.get(name);
    if (cached) return cached;
    // Invalidated while this lookup waited: load just this table.
    await this.refresh();
    return this.cache.get(name) ?? { version: -1, entries: new Map(), index: new Map() };
  }

  /** Compares every table's version with the cache and reloads the tables that moved. */
  private async refresh(): Promise<void> {
    const versions = await this.repository.versions(this.db);
    for (const name of MAPPING_TABLES) {
      const version = versions.get(name) ?? 0;
      if (this.cache.get(name)?.version === version) continue;
      const loaded = await this.repository.entries(this.db, name);
      const entries = new Map((loaded?.entries ?? []).map((e) => [e.key, e.value]));
      this.cache.set(name, { version: loaded?.version ?? version, entries, index: indexOf(name, entries) });
    }
    this.checkedAt = this.now();
  }
}
