import type { ResponseReader } from '../../kernel/response-reader';

/**
 * Reads the listed text fields of a record, leaving out those absent. Numbers sent where the
 * document says String are accepted as their text (ResponseReader.string()).
 */
export function readTextFields<K extends string>(record: ResponseReader, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = record.field(name).optionalString();
    if (value !== undefined) out[name] = value;
  }
  return out;
}
