import type { ResponseReader } from '../../kernel/response-reader';

/**
 * Reads the listed fields of a record, each with its expected kind, leaving absent ones out.
 * Pilot's records are flat and long (31 string fields per PoItem); one table per record keeps
 * their readers short and the names exactly as documented.
 */
export type FieldKind = 'string' | 'decimal' | 'integer' | 'strings';

export function readFields<T>(reader: ResponseReader, fields: Readonly<Record<string, FieldKind>>): T {
  reader.object();
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const field = reader.field(name);
    if (!field.isPresent()) continue;
    out[name] =
      kind === 'string'
        ? field.string()
        : kind === 'decimal'
          ? field.optionalDecimal()
          : kind === 'integer'
            ? field.optionalInteger()
            : field.array().map((item) => item.string());
    if (out[name] === undefined) delete out[name];
  }
  return out as T;
}

/** The same kind for every name. */
export function allOf(kind: FieldKind, names: readonly string[]): Record<string, FieldKind> {
  return Object.fromEntries(names.map((name) => [name, kind]));
}
