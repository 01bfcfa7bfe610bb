import { InvariantViolation } from '../errors/invariant-violation.error';

// Small checks shared by every constructor in the domain, so each rule reads the same way and
// reports the same InvariantViolation shape (field path + reason).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trims and refuses empty text: providers pad codes with spaces ("梅林街道 ..."), never meaningfully. */
export function requireText(value: string, field: string): string {
  if (typeof value !== 'string') throw new InvariantViolation(field, 'must be a string');
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new InvariantViolation(field, 'must not be empty');
  return trimmed;
}

/** Optional text: undefined, null and blank all mean "not given". */
export function optionalText(value: string | undefined | null, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvariantViolation(field, 'must be a string');
  const trimmed = value.trim();
  return trimmed.length === 0 ? undefined : trimmed;
}

export function requireUuid(value: string, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new InvariantViolation(field, 'must be a UUID');
  return value.toLowerCase();
}

export function requirePositiveInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new InvariantViolation(field, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}

export function requireNonNegativeInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvariantViolation(field, `must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

export function requireOneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new InvariantViolation(field, `must be one of ${allowed.join(', ')}, got ${value}`);
  return match;
}
