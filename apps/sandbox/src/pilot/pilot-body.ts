import { PilotApiError } from './pilot-api.error';

/** JSON types of documented body fields: `integer` is "integer(int32)", `number` "number(float)". */
export type FieldType = 'string' | 'number' | 'integer' | 'string[]';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matches(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
}

/**
 * Checks a JSON body against documented fields: each present field has its documented type,
 * each `required` one is present (and not blank). Returns the body as a record; undocumented
 * fields are ignored by the callers, which copy only what they know.
 */
export function checkBody(
  body: unknown,
  fields: Readonly<Record<string, FieldType>>,
  required: readonly string[],
): Record<string, unknown> {
  if (!isRecord(body)) throw PilotApiError.invalidInput('the body must be a JSON object');
  for (const name of required) {
    const value = body[name];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
      throw PilotApiError.invalidInput(`${name} is required`);
  }
  for (const [name, type] of Object.entries(fields)) {
    const value = body[name];
    if (value !== undefined && value !== null && !matches(value, type))
      throw PilotApiError.invalidInput(`${name} must be ${type === 'string[]' ? 'an array of strings' : `a ${type}`}`);
  }
  return body;
}

/** Copies the documented fields present in `body` over `base` (types already checked by `checkBody`). */
export function overlay<T extends object>(base: T, body: Record<string, unknown>, fields: Readonly<Record<string, FieldType>>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const name of Object.keys(fields)) if (body[name] !== undefined && body[name] !== null) out[name] = body[name];
  return out as T;
}
