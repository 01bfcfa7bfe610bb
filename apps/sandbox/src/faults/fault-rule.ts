/**
 * Fault rules, as the `/_sandbox/faults` API takes and shows them. Each rule targets one provider
 * (as registered in ProviderErrorRegistry) and optionally one route (`method`, `path` pattern:
 * `*` one segment, `**` any number of segments, `:name` one segment).
 */
interface FaultRuleBase {
  readonly id: string;
  readonly provider: string;
  readonly method?: string;
  readonly path?: string;
  /** Seed of this rule's draws; without one the draws are not reproducible. */
  readonly seed?: number;
}

export interface LatencyRule extends FaultRuleBase {
  readonly kind: 'latency';
  readonly fixedMs: number;
  /** Added on top of `fixedMs`: a uniform draw in [minMs, maxMs]. */
  readonly minMs: number;
  readonly maxMs: number;
}

export interface ServerErrorRule extends FaultRuleBase {
  readonly kind: 'server-error';
  /** Share of matching requests answered, 0..1. */
  readonly rate: number;
  readonly status: number;
}

export interface ProviderErrorRule extends FaultRuleBase {
  readonly kind: 'provider-error';
  readonly rate: number;
  /** Codes drawn from; empty: the provider's `injectableCodes`. */
  readonly codes: readonly string[];
  readonly message: string;
}

export interface HangRule extends FaultRuleBase {
  readonly kind: 'hang';
  readonly rate: number;
  /** How long a request is held before it is served normally; absent: until the sandbox closes. */
  readonly holdMs?: number;
}

export interface MalformedRule extends FaultRuleBase {
  readonly kind: 'malformed';
  readonly rate: number;
  /** `truncated`: the real answer cut in half; `non-json`: an HTML error page; both with HTTP 200. */
  readonly mode: 'truncated' | 'non-json';
}

export interface RateLimitRule extends FaultRuleBase {
  readonly kind: 'rate-limit';
  /** Requests accepted per rolling second (sandbox clock) for the provider/route. */
  readonly perSecond: number;
  /** `http-429`: HTTP 429 + Retry-After; `provider-code`: the provider's own rate-limit code (+ Retry-After). */
  readonly answer: 'http-429' | 'provider-code';
  readonly code?: string;
}

export interface OutageRule extends FaultRuleBase {
  readonly kind: 'outage';
  /** ISO instants on the sandbox clock; a request dated in [from, to) is refused. */
  readonly from: string;
  readonly to: string;
  readonly mode: '503' | 'reset';
}

export type FaultRule = LatencyRule | ServerErrorRule | ProviderErrorRule | HangRule | MalformedRule | RateLimitRule | OutageRule;
export type FaultKind = FaultRule['kind'];
export const FAULT_KINDS: readonly FaultKind[] = ['latency', 'server-error', 'provider-error', 'hang', 'malformed', 'rate-limit', 'outage'];
