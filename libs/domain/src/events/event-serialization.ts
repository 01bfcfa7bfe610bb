import { InvariantViolation } from '../errors/invariant-violation.error';
import { Money } from '../money/money';
import { Instant } from '../time/instant';
import type { DomainEvent, DomainEventType } from './domain-event';
import { EVENT_SCHEMAS, ValueSpec } from './event-schemas';

/** JSON text of an event, for the outbox and for messages between hub instances. */
export function serializeEvent(event: DomainEvent): string {
  return JSON.stringify(event);
}

/** Reads JSON text written by `serializeEvent`, checking it against the event's schema. */
export function deserializeEvent(text: string): DomainEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw new InvariantViolation('event', `is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseDomainEvent(value);
}

/**
 * Checks an already-parsed value (e.g. a jsonb column) and returns it as a DomainEvent. Unknown
 * extra fields are tolerated, so an older reader can consume events from a newer writer.
 */
export function parseDomainEvent(value: unknown): DomainEvent {
  assertDomainEvent(value);
  return value;
}

function assertDomainEvent(value: unknown): asserts value is DomainEvent {
  if (!isRecord(value)) throw new InvariantViolation('event', 'must be an object');
  const type = value.type;
  if (typeof type !== 'string' || !isDomainEventType(type)) {
    throw new InvariantViolation('event.type', `is not a known event type: ${JSON.stringify(type)}`);
  }
  const schema = EVENT_SCHEMAS[type];
  if (value.aggregateType !== schema.aggregateType) {
    throw new InvariantViolation('event.aggregateType', `must be ${schema.aggregateType} for ${type}`);
  }
  checkValue(value.aggregateId, 'string', 'event.aggregateId');
  checkValue(value.occurredAt, 'instant', 'event.occurredAt');
  checkValue(value.payload, { object: schema.payload }, 'event.payload');
}

function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMAS, type);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkValue(value: unknown, spec: ValueSpec, path: string): void {
  if (spec === 'string') {
    if (typeof value !== 'string') throw new InvariantViolation(path, 'must be a string');
  } else if (spec === 'integer') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InvariantViolation(path, 'must be an integer');
  } else if (spec === 'boolean') {
    if (typeof value !== 'boolean') throw new InvariantViolation(path, 'must be true or false');
  } else if (spec === 'instant') {
    if (typeof value !== 'string') throw new InvariantViolation(path, 'must be an ISO-8601 string');
    Instant.parse(value, path);
  } else if (spec === 'money') {
    if (!isRecord(value) || typeof value.amount !== 'string' || typeof value.currency !== 'string') {
      throw new InvariantViolation(path, 'must be {amount: string, currency: string}');
    }
    try {
      Money.of(value.amount, value.currency);
    } catch (error: unknown) {
      if (error instanceof InvariantViolation) throw new InvariantViolation(`${path}.${error.field}`, error.reason);
      throw error;
    }
  } else if ('oneOf' in spec) {
    if (typeof value !== 'string' || !spec.oneOf.includes(value)) {
      throw new InvariantViolation(path, `must be one of ${spec.oneOf.join(', ')}`);
    }
  } else if ('nullable' in spec) {
    if (value !== null) checkValue(value, spec.nullable, path);
  } else if ('arrayOf' in spec) {
    if (!Array.isArray(value)) throw new InvariantViolation(path, 'must be an array');
    value.forEach((item: unknown, index) => checkValue(item, spec.arrayOf, `${path}[${index}]`));
  } else {
    if (!isRecord(value)) throw new InvariantViolation(path, 'must be an object');
    for (const [field, fieldSpec] of Object.entries(spec.object)) checkValue(value[field], fieldSpec, `${path}.${field}`);
  }
}
