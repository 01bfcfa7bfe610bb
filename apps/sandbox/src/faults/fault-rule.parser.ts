import { FAULT_KINDS, FaultKind, FaultRule } from './fault-rule';

/** A rule the API refuses, with every problem named (`rules[0].rate must be between 0 and 1`). */
export class FaultRuleError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid fault rules: ${problems.join('; ')}`);
    this.name = 'FaultRuleError';
  }
}

type Json = Record<string, unknown>;
const MAX_MS = 3_600_000;
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface FaultRuleContext {
  readonly providers: readonly string[];
  /** Now on the sandbox clock, to turn `durationMs` into a window. */
  readonly nowMs: number;
  /** Seed given beside the rules; rule `i` without its own seed gets `seed + i`. */
  readonly seed?: number;
  nextId(): string;
}

class RuleReader {
  constructor(
    private readonly source: Json,
    private readonly where: string,
    private readonly problems: string[],
  ) {}

  private fail(field: string, text: string): undefined {
    this.problems.push(`${this.where}.${field} ${text}`);
    return undefined;
  }

  optionalString(field: string): string | undefined {
    const value = this.source[field];
    if (value === undefined) return undefined;
    return typeof value === 'string' && value.length > 0 ? value : this.fail(field, 'must be a non-empty string');
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.source[field];
    if (value === undefined && fallback !== undefined) return fallback;
    return typeof value === 'string' && (allowed as readonly string[]).includes(value)
      ? (value as T)
      : this.fail(field, `must be one of ${allowed.join(', ')}`);
  }

  integer(field: string, min: number, max: number, fallback?: number): number | undefined {
    const value = this.source[field];
    if (value === undefined && fallback !== undefined) return fallback;
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? value
      : this.fail(field, `must be an integer between ${min} and ${max}`);
  }

  optionalInteger(field: string, min: number, max: number): number | undefined {
    return this.source[field] === undefined ? undefined : this.integer(field, min, max);
  }

  rate(fallback?: number): number | undefined {
    const value = this.source.rate;
    if (value === undefined && fallback !== undefined) return fallback;
    return typeof value === 'number' && value >= 0 && value <= 1 ? value : this.fail('rate', 'must be a number between 0 and 1');
  }

  stringList(field: string): string[] | undefined {
    const value = this.source[field];
    if (value === undefined) return [];
    return Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length > 0)
      ? (value as string[])
      : this.fail(field, 'must be a list of non-empty strings');
  }

  instant(field: string): number | undefined {
    const value = this.source[field];
    if (value === undefined) return undefined;
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isFinite(ms) ? ms : this.fail(field, 'must be an ISO 8601 instant');
  }
}

function parseOne(raw: unknown, index: number, context: FaultRuleContext, problems: string[]): FaultRule | undefined {
  const where = `rules[${index}]`;
  if (!isObject(raw)) {
    problems.push(`${where} must be an object`);
    return undefined;
  }
  const before = problems.length;
  const read = new RuleReader(raw, where, problems);
  const provider = read.oneOf('provider', context.providers);
  const kind = read.oneOf<FaultKind>('kind', FAULT_KINDS);
  const method = read.optionalString('method')?.toUpperCase();
  if (method !== undefined && !HTTP_METHODS.includes(method)) problems.push(`${where}.method must be one of ${HTTP_METHODS.join(', ')}`);
  const path = read.optionalString('path');
  if (path !== undefined && !path.startsWith('/')) problems.push(`${where}.path must start with /`);
  const seed = read.optionalInteger('seed', 0, 2 ** 32 - 1) ?? (context.seed === undefined ? undefined : context.seed + index);
  const base = { id: read.optionalString('id') ?? context.nextId(), provider: provider ?? '', method, path, seed };
  const rule = kind === undefined ? undefined : parseKind(kind, read, base, context, where, problems);
  if (problems.length > before || rule === undefined) return undefined;
  return Object.fromEntries(Object.entries(rule).filter(([, value]) => value !== undefined)) as FaultRule;
}

function parseKind(
  kind: FaultKind,
  read: RuleReader,
  base: Omit<FaultRule, 'kind'>,
  context: FaultRuleContext,
  where: string,
  problems: string[],
): FaultRule | undefined {
  switch (kind) {
    case 'latency': {
      const fixedMs = read.integer('fixedMs', 0, MAX_MS, 0) ?? 0;
      const minMs = read.integer('minMs', 0, MAX_MS, 0) ?? 0;
      const maxMs = read.integer('maxMs', 0, MAX_MS, minMs) ?? 0;
      if (maxMs < minMs) problems.push(`${where}.maxMs must not be below minMs`);
      return { ...base, kind, fixedMs, minMs, maxMs };
    }
    case 'server-error':
      return { ...base, kind, rate: read.rate(1) ?? 0, status: read.integer('status', 500, 599, 500) ?? 500 };
    case 'provider-error':
      return {
        ...base,
        kind,
        rate: read.rate(1) ?? 0,
        codes: read.stringList('codes') ?? [],
        message: read.optionalString('message') ?? 'Fault injected by the sandbox',
      };
    case 'hang':
      return { ...base, kind, rate: read.rate(1) ?? 0, holdMs: read.optionalInteger('holdMs', 1, MAX_MS) };
    case 'malformed':
      return {
        ...base,
        kind,
        rate: read.rate(1) ?? 0,
        mode: read.oneOf('mode', ['truncated', 'non-json'] as const, 'truncated') ?? 'truncated',
      };
    case 'rate-limit':
      return {
        ...base,
        kind,
        perSecond: read.integer('perSecond', 1, 100_000) ?? 1,
        answer: read.oneOf('answer', ['http-429', 'provider-code'] as const, 'http-429') ?? 'http-429',
        code: read.optionalString('code'),
      };
    case 'outage': {
      const durationMs = read.optionalInteger('durationMs', 1, 30 * 24 * MAX_MS);
      const fromMs = read.instant('from') ?? context.nowMs;
      const toMs = durationMs !== undefined ? fromMs + durationMs : read.instant('to');
      if (toMs === undefined) problems.push(`${where} needs either durationMs or to`);
      else if (toMs <= fromMs) problems.push(`${where}.to must be after from`);
      const mode = read.oneOf('mode', ['503', 'reset'] as const, '503') ?? '503';
      return { ...base, kind, from: new Date(fromMs).toISOString(), to: new Date(toMs ?? fromMs).toISOString(), mode };
    }
  }
}

/** Reads one rule, a list of rules, or `{ seed?, rules: [...] }`; throws FaultRuleError naming every problem. */
export function parseFaultRules(body: unknown, context: FaultRuleContext): FaultRule[] {
  let list: unknown[];
  let seeded = context;
  if (Array.isArray(body)) list = body;
  else if (isObject(body) && Array.isArray(body.rules)) {
    list = body.rules;
    if (body.seed !== undefined) {
      if (typeof body.seed !== 'number' || !Number.isInteger(body.seed) || body.seed < 0)
        throw new FaultRuleError(['seed must be a non-negative integer']);
      seeded = { ...context, seed: body.seed };
    }
  } else if (isObject(body) && body.kind !== undefined) list = [body];
  else throw new FaultRuleError(['the body must be a rule, a list of rules or { "seed"?, "rules": [...] }']);
  const problems: string[] = [];
  const rules = list.map((raw, index) => parseOne(raw, index, seeded, problems));
  const ids = rules.flatMap((rule) => (rule === undefined ? [] : [rule.id]));
  if (new Set(ids).size !== ids.length) problems.push('rule ids must be unique');
  if (problems.length > 0) throw new FaultRuleError(problems);
  return rules.filter((rule): rule is FaultRule => rule !== undefined);
}
