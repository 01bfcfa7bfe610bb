import { ORDER_STATUSES } from '@serai/domain';
import { MAPPING_TABLES, MappingTableName } from '../ports/mapping-defaults';

/** One refused input field, named as the API names it (`key`, `value.nengmao`). */
export interface MappingFieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** An entry the table's rules refuse; nothing is written. */
export class InvalidMappingEntry extends Error {
  constructor(readonly problems: readonly MappingFieldProblem[]) {
    super(`Invalid mapping entry: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
    this.name = 'InvalidMappingEntry';
  }
}

export function isMappingTable(name: string): name is MappingTableName {
  return (MAPPING_TABLES as readonly string[]).includes(name);
}

/** Providers whose codes the order-statuses table may hold (`<provider>:<code>`). */
const STATUS_PROVIDERS = ['nengmao', 'nomad-envoy', 'nomad-pilot', 'wms'];
const CARRIER_KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const STATUS_KEY = new RegExp(`^(${STATUS_PROVIDERS.join('|')}):[A-Za-z0-9_.-]{1,64}$`);
const SKU_KEY = /^[^\s\p{Cc}]{1,128}$/u;
const IDENTIFIER = /^[^\s\p{Cc}]{1,64}$/u;
export const SKU_XREF_FIELDS = ['barcode', 'merchantGoodsNo', 'warehouseGoodsNo', 'envoySkuNumber'] as const;

interface FieldRule {
  readonly required: boolean;
  check(value: unknown): string | undefined;
}

const text = (max: number, required = true): FieldRule => ({
  required,
  check: (value) =>
    typeof value !== 'string' || value.trim() === '' || value.length > max
      ? `must be a non-blank string of at most ${max} characters`
      : undefined,
});
const identifier: FieldRule = {
  required: false,
  check: (value) => (typeof value === 'string' && IDENTIFIER.test(value) ? undefined : 'must be 1 to 64 characters without spaces'),
};

const RULES: Record<MappingTableName, { key: RegExp; keyReason: string; fields: Record<string, FieldRule> }> = {
  'courier-codes': {
    key: CARRIER_KEY,
    keyReason: 'must be a canonical carrier code: 1 to 64 lowercase letters, digits, ".", "_" or "-"',
    fields: {
      name: text(100),
      nengmao: {
        required: true,
        check: (v) =>
          typeof v === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(v) ? undefined : 'must be 1 to 32 letters, digits, "_" or "-"',
      },
      aliases: {
        required: false,
        check: (v) =>
          Array.isArray(v) && v.length <= 50 && v.every((a) => typeof a === 'string' && a.trim() !== '' && a.length <= 64)
            ? new Set(v.map((a: string) => a.trim().toLowerCase())).size === v.length
              ? undefined
              : 'must not repeat an alias'
            : 'must be a list of at most 50 non-blank strings of at most 64 characters',
      },
    },
  },
  'order-statuses': {
    key: STATUS_KEY,
    keyReason: `must be <provider>:<code> with provider one of ${STATUS_PROVIDERS.join(', ')}`,
    fields: {
      name: text(100),
      canonical: {
        required: true,
        check: (v) =>
          typeof v === 'string' && (ORDER_STATUSES as readonly string[]).includes(v)
            ? undefined
            : `must be one of ${ORDER_STATUSES.join(', ')}`,
      },
    },
  },
  'sku-xref': {
    key: SKU_KEY,
    keyReason: 'must be a canonical SKU: 1 to 128 characters without spaces',
    fields: Object.fromEntries(SKU_XREF_FIELDS.map((f) => [f, identifier])),
  },
};

/**
 * Checks a key and value against the table's rules and answers the value as stored (strings
 * trimmed, aliases trimmed); throws InvalidMappingEntry naming every failing field.
 */
export function validateMappingEntry(table: MappingTableName, key: string, value: unknown): Record<string, unknown> {
  const rules = RULES[table];
  const problems: MappingFieldProblem[] = [];
  if (!rules.key.test(key)) problems.push({ field: 'key', reason: rules.keyReason });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidMappingEntry([...problems, { field: 'value', reason: 'must be an object' }]);
  }
  const input = value as Record<string, unknown>;
  const clean: Record<string, unknown> = {};
  for (const field of Object.keys(input)) {
    if (!(field in rules.fields))
      problems.push({ field: `value.${field}`, reason: `is not a field of ${table} (${Object.keys(rules.fields).join(', ')})` });
  }
  for (const [field, rule] of Object.entries(rules.fields)) {
    const given = input[field];
    if (given === undefined || given === null) {
      if (rule.required) problems.push({ field: `value.${field}`, reason: 'is required' });
      continue;
    }
    const reason = rule.check(given);
    if (reason !== undefined) problems.push({ field: `value.${field}`, reason });
    else clean[field] = typeof given === 'string' ? given.trim() : Array.isArray(given) ? given.map((a: string) => a.trim()) : given;
  }
  if (table === 'sku-xref' && problems.length === 0 && Object.keys(clean).length === 0) {
    problems.push({ field: 'value', reason: `must name at least one of ${SKU_XREF_FIELDS.join(', ')}` });
  }
  if (problems.length > 0) throw new InvalidMappingEntry(problems);
  return clean;
}
