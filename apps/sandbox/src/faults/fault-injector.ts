import { Injectable, OnApplicationShutdown, BeforeApplicationShutdown } from '@nestjs/common';
import { ProviderErrorRegistry } from '../core/provider-errors';
import { SandboxClock } from '../core/sandbox-clock';
import { SeededRandom } from '../core/seeded-random';
import { FaultHolds } from './fault-holds';
import { FaultKind, FaultRule, HangRule, RateLimitRule } from './fault-rule';
import { parseFaultRules } from './fault-rule.parser';
import { compileRoutePattern } from './route-pattern';

/** What the injector decided for one request, carried out by the Fastify hooks. */
export type FaultDecision =
  | { readonly action: 'pass'; readonly delayMs: number; readonly hold?: HangRule; readonly malformed?: 'truncated' | 'non-json' }
  | {
      readonly action: 'respond';
      readonly delayMs: number;
      readonly hold?: HangRule;
      readonly kind: FaultKind;
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: string;
    }
  | { readonly action: 'reset'; readonly delayMs: number; readonly hold?: HangRule };

export interface FaultRuleView {
  readonly rule: FaultRule;
  /** Requests the rule matched, and how many of them it faulted. */
  readonly matched: number;
  readonly injected: number;
}

interface ActiveRule {
  readonly rule: FaultRule;
  readonly pattern?: RegExp;
  readonly random: SeededRandom;
  /** Sandbox-clock times of the requests accepted in the last second (rate limits). */
  readonly accepted: number[];
  matched: number;
  injected: number;
}

const RATE_WINDOW_MS = 1000;
const OUTAGE_BODY =
  '<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>';

/**
 * Decides, per provider request, which faults to inject (latency, 5xx, provider error codes, hangs,
 * malformed bodies, rate limits, outages). Off until rules are added; with a seed the draws repeat.
 * The provider modules know nothing of it: the hooks in `fault-hooks.ts` consult it for every request.
 */
@Injectable()
export class FaultInjector implements BeforeApplicationShutdown, OnApplicationShutdown {
  readonly holds = new FaultHolds();
  private rules: ActiveRule[] = [];
  private sequence = 0;

  constructor(
    private readonly registry: ProviderErrorRegistry,
    private readonly clock: SandboxClock,
  ) {}

  list(): FaultRuleView[] {
    return this.rules.map(({ rule, matched, injected }) => ({ rule, matched, injected }));
  }

  /** Adds rules; a rule whose id is already present replaces it. */
  add(body: unknown): FaultRuleView[] {
    const incoming = this.parse(body);
    const ids = new Set(incoming.map((rule) => rule.id));
    this.rules = [...this.rules.filter((active) => !ids.has(active.rule.id)), ...incoming.map((rule) => this.activate(rule))];
    return this.list();
  }

  /** Replaces every rule. */
  replace(body: unknown): FaultRuleView[] {
    const incoming = this.parse(body);
    this.rules = incoming.map((rule) => this.activate(rule));
    this.holds.releaseCurrent();
    return this.list();
  }

  /** Adds or replaces the rule with this id. */
  put(id: string, body: unknown): FaultRuleView[] {
    return this.add({ ...(typeof body === 'object' && body !== null ? body : {}), id });
  }

  /** Removes every rule and frees held requests; answers are normal again. */
  clear(): void {
    this.rules = [];
    this.holds.releaseCurrent();
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((active) => active.rule.id !== id);
    return this.rules.length < before;
  }

  /** The decision for one request; `undefined` when no rule applies (and always for `/_sandbox`). */
  decide(method: string, path: string): FaultDecision | undefined {
    if (this.rules.length === 0 || path === '/_sandbox' || path.startsWith('/_sandbox/')) return undefined;
    const provider = this.registry.providerOf(path);
    if (provider === undefined) return undefined;
    const rules = this.rules.filter((active) => this.matches(active, provider, method, path));
    if (rules.length === 0) return undefined;
    for (const active of rules) active.matched += 1;
    const now = this.clock.nowMs();
    const byKind = (kind: FaultKind): ActiveRule[] => rules.filter((active) => active.rule.kind === kind);

    for (const active of byKind('outage')) {
      const rule = active.rule;
      if (rule.kind !== 'outage' || now < Date.parse(rule.from) || now >= Date.parse(rule.to)) continue;
      active.injected += 1;
      if (rule.mode === 'reset') return { action: 'reset', delayMs: 0 };
      return this.respond(
        'outage',
        0,
        503,
        { 'content-type': 'text/html', 'retry-after': String(Math.ceil((Date.parse(rule.to) - now) / 1000)) },
        OUTAGE_BODY,
      );
    }
    for (const active of byKind('rate-limit')) {
      const limited = this.rateLimit(active, provider, now);
      if (limited !== undefined) return limited;
    }
    let delayMs = 0;
    for (const active of byKind('latency')) {
      if (active.rule.kind !== 'latency') continue;
      delayMs += active.rule.fixedMs + active.random.int(active.rule.minMs, active.rule.maxMs);
      active.injected += 1;
    }
    let hold: HangRule | undefined;
    for (const active of byKind('hang')) {
      if (active.rule.kind === 'hang' && hold === undefined && active.random.chance(active.rule.rate)) {
        hold = active.rule;
        active.injected += 1;
      }
    }
    const failure = this.failure(rules, provider, delayMs);
    // A held request that then fails answers its failure once the hold is over.
    if (failure !== undefined) return failure.action === 'respond' ? { ...failure, hold } : failure;
    let malformed: 'truncated' | 'non-json' | undefined;
    for (const active of byKind('malformed')) {
      if (active.rule.kind === 'malformed' && malformed === undefined && active.random.chance(active.rule.rate)) {
        malformed = active.rule.mode;
        active.injected += 1;
      }
    }
    return { action: 'pass', delayMs, hold, malformed };
  }

  beforeApplicationShutdown(): void {
    this.holds.releaseAll();
  }

  onApplicationShutdown(): void {
    this.holds.releaseAll();
  }

  private parse(body: unknown): FaultRule[] {
    return parseFaultRules(body, {
      providers: this.registry.providers(),
      nowMs: this.clock.nowMs(),
      nextId: () => {
        this.sequence += 1;
        return `fault-${this.sequence}`;
      },
    });
  }

  private activate(rule: FaultRule): ActiveRule {
    // Without a seed the draws are fresh each time the rule is set; with one they repeat exactly.
    const seed = rule.seed ?? Math.floor(Math.random() * 2 ** 32);
    return {
      rule,
      pattern: rule.path === undefined ? undefined : compileRoutePattern(rule.path),
      random: new SeededRandom(seed),
      accepted: [],
      matched: 0,
      injected: 0,
    };
  }

  private matches(active: ActiveRule, provider: string, method: string, path: string): boolean {
    const rule = active.rule;
    return (
      rule.provider === provider &&
      (rule.method === undefined || rule.method === method.toUpperCase()) &&
      (active.pattern?.test(path) ?? true)
    );
  }

  private rateLimit(active: ActiveRule, provider: string, now: number): FaultDecision | undefined {
    const rule = active.rule as RateLimitRule;
    while (active.accepted.length > 0 && active.accepted[0] <= now - RATE_WINDOW_MS) active.accepted.shift();
    if (active.accepted.length < rule.perSecond) {
      active.accepted.push(now);
      return undefined;
    }
    active.injected += 1;
    const retryAfter = String(Math.max(1, Math.ceil((active.accepted[0] + RATE_WINDOW_MS - now) / 1000)));
    const shape = this.registry.get(provider);
    const code = rule.code ?? shape?.rateLimitCode;
    if (rule.answer === 'provider-code' && shape !== undefined && code !== undefined) {
      const rendered = shape.render(code, 'Request frequency exceeds the limit');
      return this.respond(
        'rate-limit',
        0,
        rendered.status,
        { 'content-type': 'application/json; charset=utf-8', 'retry-after': retryAfter },
        JSON.stringify(rendered.body),
      );
    }
    return this.respond(
      'rate-limit',
      0,
      429,
      { 'content-type': 'application/json; charset=utf-8', 'retry-after': retryAfter },
      JSON.stringify({ message: 'Too Many Requests' }),
    );
  }

  private failure(rules: ActiveRule[], provider: string, delayMs: number): FaultDecision | undefined {
    for (const active of rules) {
      const rule = active.rule;
      if (rule.kind === 'server-error' && active.random.chance(rule.rate)) {
        active.injected += 1;
        return this.respond(
          'server-error',
          delayMs,
          rule.status,
          { 'content-type': 'application/json; charset=utf-8' },
          JSON.stringify({ message: 'Internal Server Error' }),
        );
      }
      if (rule.kind === 'provider-error' && active.random.chance(rule.rate)) {
        const shape = this.registry.get(provider);
        const codes = rule.codes.length > 0 ? rule.codes : (shape?.injectableCodes ?? []);
        if (shape === undefined || codes.length === 0) continue;
        active.injected += 1;
        const rendered = shape.render(active.random.pick(codes), rule.message);
        return this.respond(
          'provider-error',
          delayMs,
          rendered.status,
          { 'content-type': 'application/json; charset=utf-8' },
          JSON.stringify(rendered.body),
        );
      }
    }
    return undefined;
  }

  private respond(kind: FaultKind, delayMs: number, status: number, headers: Record<string, string>, body: string): FaultDecision {
    return { action: 'respond', kind, delayMs, status, headers: { ...headers, 'x-sandbox-fault': kind }, body };
  }
}
