import { NENGMAO_CODES } from './nengmao-codes';
import { NengmaoApiError } from './nengmao-envelope';

/** A JSON object of a request, read field by field; every refusal is a documented Nengmao code. */
export type NengmaoJsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is NengmaoJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the raw body. The sandbox receives Nengmao bodies as text (see nengmao-raw-body.hook.ts) so that malformed
 * JSON is answered 414 in the provider's envelope instead of the framework's 400. An empty body reads as `{}`: the
 * list operations have only optional parameters.
 */
export function parseNengmaoBody(raw: unknown): unknown {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'string') return raw;
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new NengmaoApiError(NENGMAO_CODES.jsonMalformed, 'the body is not valid JSON');
  }
}

/** A body that must be a JSON object (every operation but the TMG sandbox `create` ones): otherwise 415. */
export function readObjectBody(raw: unknown): NengmaoJsonObject {
  const body = parseNengmaoBody(raw);
  if (!isJsonObject(body)) throw new NengmaoApiError(NENGMAO_CODES.jsonShape, 'the body must be a JSON object');
  return body;
}

/** A body that must be a JSON array of objects (TMG doc §6.4, §7.2): otherwise 415. */
export function readArrayBody(raw: unknown): NengmaoJsonObject[] {
  const body = parseNengmaoBody(raw);
  if (!Array.isArray(body)) throw new NengmaoApiError(NENGMAO_CODES.jsonShape, 'the body must be a JSON array');
  return body.map((item, i) => {
    if (!isJsonObject(item)) throw new NengmaoApiError(NENGMAO_CODES.jsonShape, `item ${i} must be a JSON object`);
    return item;
  });
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

export function readOptionalString(body: NengmaoJsonObject, field: string): string | undefined {
  const value = body[field];
  if (isAbsent(value)) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new NengmaoApiError(NENGMAO_CODES.parameter, `${field} must be a string`);
}

export function readRequiredString(body: NengmaoJsonObject, field: string): string {
  const value = readOptionalString(body, field);
  if (value === undefined || value.trim() === '') throw new NengmaoApiError(NENGMAO_CODES.parameter, `${field} is required`);
  return value;
}

/** Integers may arrive as numbers or numeric strings (the brand doc's own example sends `"orderStatus":"2"`). */
export function readOptionalInteger(body: NengmaoJsonObject, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (isAbsent(value) || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new NengmaoApiError(NENGMAO_CODES.parameter, `${field} must be an integer between ${min} and ${max}`);
  }
  return number;
}

export function readRequiredInteger(body: NengmaoJsonObject, field: string, min: number, max: number): number {
  const value = readOptionalInteger(body, field, min, max);
  if (value === undefined) throw new NengmaoApiError(NENGMAO_CODES.parameter, `${field} is required`);
  return value;
}

/** A list parameter: not an array is 415, longer than `max` is 406 (with the actual limit in the message). */
export function readOptionalList(body: NengmaoJsonObject, field: string, max: number): unknown[] | undefined {
  const value = body[field];
  if (isAbsent(value)) return undefined;
  if (!Array.isArray(value)) throw new NengmaoApiError(NENGMAO_CODES.jsonShape, `${field} must be an array`);
  if (value.length > max) throw new NengmaoApiError(NENGMAO_CODES.listTooLong, `${field} has ${value.length} entries, the limit is ${max}`);
  return value;
}

export function readOptionalStringList(body: NengmaoJsonObject, field: string, max: number): string[] | undefined {
  const list = readOptionalList(body, field, max);
  if (list === undefined) return undefined;
  return list.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number') return String(item);
    throw new NengmaoApiError(NENGMAO_CODES.jsonShape, `${field} must be an array of strings`);
  });
}

export function readObjectList(body: NengmaoJsonObject, field: string, max: number): NengmaoJsonObject[] | undefined {
  const list = readOptionalList(body, field, max);
  if (list === undefined) return undefined;
  return list.map((item, i) => {
    if (!isJsonObject(item)) throw new NengmaoApiError(NENGMAO_CODES.jsonShape, `${field}[${i}] must be an object`);
    return item;
  });
}

export interface NengmaoPage {
  readonly pageNo: number;
  readonly pageSize: number;
}

/** `pageNo` default 1; `pageSize` default 10, maximum 100 (every list operation of both documents). */
export function readPage(body: NengmaoJsonObject): NengmaoPage {
  return {
    pageNo: readOptionalInteger(body, 'pageNo', 1, 1_000_000) ?? 1,
    pageSize: readOptionalInteger(body, 'pageSize', 1, 100) ?? 10,
  };
}

/** Y/N flags (`orderType`, `returnType`); the TMG examples send lower-case `"y"`. */
export function readYesNo(body: NengmaoJsonObject, field: string): 'Y' | 'N' {
  const value = readOptionalString(body, field);
  if (value === undefined || value === '') return 'Y';
  const upper = value.trim().toUpperCase();
  if (upper !== 'Y' && upper !== 'N') throw new NengmaoApiError(NENGMAO_CODES.parameter, `${field} must be Y or N`);
  return upper;
}
