import fc from 'fast-check';

export type Schema = Record<string, unknown>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}

export interface OpenApiOperation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema; example?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Values that look like the real thing where the schema is loose (a field's example, a safe URL). */
export interface Hints {
  /** Per field name: values that exist in the database or are otherwise meaningful. */
  readonly byName: Readonly<Record<string, readonly unknown[]>>;
}

export function resolve(schema: Schema | undefined, doc: OpenApiDocument): Schema {
  let current = schema ?? {};
  for (let i = 0; i < 10 && typeof current.$ref === 'string'; i += 1) {
    current = doc.components.schemas[current.$ref.replace('#/components/schemas/', '')] ?? {};
  }
  return current;
}

function isoInstant(): fc.Arbitrary<string> {
  return fc
    .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') })
    .map((ms) => new Date(ms).toISOString());
}

/**
 * Inputs the schema accepts (as far as a schema can say: patterns are met through the field's
 * example or the hints, not by generating from the regular expression).
 */
export function validValue(schema: Schema | undefined, doc: OpenApiDocument, hints: Hints, name = '', depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  const known = hints.byName[name];
  const example = s.example;
  const fromHints = known && known.length > 0 ? [fc.constantFrom(...known)] : [];
  if (Array.isArray(s.enum) && s.enum.length > 0) return fc.constantFrom(...(s.enum as unknown[]));
  if (fromHints.length > 0 && s.type !== 'array' && s.type !== 'object') return fromHints[0] as fc.Arbitrary<unknown>;
  switch (s.type) {
    case 'integer': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : min + 1000;
      return fc.integer({ min, max });
    }
    case 'number':
      return fc.integer({ min: 0, max: 1000 });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = s.items as Schema | undefined;
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      if (example !== undefined && Array.isArray(example)) return fc.constant(example);
      return fc.array(validValue(items, doc, hints, name, depth + 1), { minLength: min, maxLength: Math.max(min, 3) });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = (s.properties as Record<string, Schema> | undefined) ?? {};
      if (Object.keys(properties).length === 0) return fc.constant(example ?? {});
      const required = (s.required as string[] | undefined) ?? [];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(properties)) record[key] = validValue(child, doc, hints, key, depth + 1);
      return fc.record(record, { requiredKeys: required.filter((key) => key in record) });
    }
    default: {
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date-time') return isoInstant();
      if (example !== undefined && typeof example === 'string') return fc.constant(example);
      const minLength = typeof s.minLength === 'number' ? s.minLength : 1;
      const maxLength = typeof s.maxLength === 'number' ? Math.min(s.maxLength, 40) : 40;
      return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
    }
  }
}

/** A value no schema field of the API accepts in the place of another type. */
const WRONG_VALUES: readonly unknown[] = [
  null,
  -1,
  1e308,
  '',
  ' ',
  'x'.repeat(5000),
  '=cmd|/C calc',
  '\u0000',
  '2026-13-45T99:99:99',
  '../../etc/passwd',
  { $ne: 1 },
  [[]],
  true,
  'NaN',
  '9007199254740993',
];

export function wrongValue(): fc.Arbitrary<unknown> {
  return fc.constantFrom(...WRONG_VALUES);
}

/** A query-string or path-safe text form of any value. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asText).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
