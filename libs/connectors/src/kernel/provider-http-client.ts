import { HttpService } from '@nestjs/axios';
import { redactString } from '@serai/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseJsonKeepingBigIntegers } from './json-with-big-integers';
import { maskForTrace, scrubSecretValues } from './mask-personal-data';
import { ProviderCallRecord, ProviderCallRecorder } from './provider-call';
import { isRetryableHttpStatus, ProviderError } from './provider-error';
import { InvalidResponse } from './response-reader';

export interface RetryPolicy {
  /** Attempts in all, first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface ProviderHttpSettings {
  readonly provider: string;
  readonly connectionName: string;
  /** Sandbox or production: the only thing that differs between them. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Applies to idempotent requests only; the engine retries deliveries itself. */
  readonly retry: RetryPolicy;
  /**
   * The connection's secret values. Whatever key they hide under (an echo, an error text), they
   * are scrubbed from every trace before it leaves the client.
   */
  readonly secretValues?: readonly string[];
}

export interface ProviderRequest {
  readonly operation: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** A body already serialised (XML), sent as is. */
  readonly rawBody?: string;
  readonly contentType?: string;
  /** Built for every attempt, so signatures and timestamps are fresh each time. */
  readonly headers?: (context: { attempt: number; body: string; url: string; method: string }) => Record<string, string>;
  /** Safe to send twice with the same effect (reads, full replacements). */
  readonly idempotent: boolean;
  /**
   * What the trace keeps of the answer: `always` (the default) its body; `on-failure` the body only
   * when the call fails, and its size otherwise. For list pages, whose records are stored by what
   * reads them and whose answers are ~100 KB each (ADR 0020).
   */
  readonly traceAnswer?: 'always' | 'on-failure';
}

/** What the trace keeps of a successful answer whose request asked for `traceAnswer: 'on-failure'`. */
export interface OmittedAnswer {
  readonly omitted: 'successful list page';
  readonly bytes: number;
}

export interface ProviderResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
  /** Parsed JSON (big integers kept as strings), or undefined when the body is not JSON. */
  readonly json: unknown;
}

/** Decides what a response means: returns the value or throws a ProviderError / InvalidResponse. */
export type Interpret<T> = (response: ProviderResponse) => T;

const DEFAULT_BACKOFF_JITTER = 0.2;

/**
 * The one door to a provider's HTTP API: timeouts, typed errors, a trace of every attempt
 * (masked), fresh headers per attempt and bounded retries with backoff and jitter for idempotent
 * requests. Connectors put their auth and envelope knowledge around it.
 */
export class ProviderHttpClient {
  constructor(
    private readonly http: HttpService,
    readonly settings: ProviderHttpSettings,
    private readonly recorder: ProviderCallRecorder,
  ) {}

  /** The connection's secret values worth looking for (a value of under 4 characters would blot out ordinary text). */
  private get secrets(): readonly string[] {
    return (this.settings.secretValues ?? []).filter((value) => value.length >= 4);
  }

  /**
   * Hands a call to the trace with the connection's secret values removed from its texts. Bodies
   * arrive already masked by `maskForTrace`, which removes them too, in the same walk.
   */
  private record(call: ProviderCallRecord): void {
    const secrets = this.secrets;
    if (secrets.length === 0) {
      this.recorder.record(call);
      return;
    }
    const scrub = (text: string | undefined): string | undefined => (text === undefined ? undefined : scrubSecretValues(text, secrets));
    this.recorder.record({
      ...call,
      url: scrubSecretValues(call.url, secrets),
      providerCode: scrub(call.providerCode),
      error: scrub(call.error),
    });
  }

  async send<T>(request: ProviderRequest, interpret: Interpret<T>): Promise<T> {
    const attempts = request.idempotent ? Math.max(1, this.settings.retry.attempts) : 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.attempt(request, interpret, attempt);
      } catch (error) {
        if (!(error instanceof ProviderError) || !error.retryable || attempt >= attempts) throw error;
        await sleep(this.backoff(attempt, error.retryAfterSeconds));
      }
    }
  }

  url(request: Pick<ProviderRequest, 'path' | 'query'>): string {
    const url = new URL(this.settings.baseUrl.replace(/\/+$/, '') + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  private backoff(attempt: number, retryAfterSeconds?: number): number {
    if (retryAfterSeconds !== undefined) return Math.min(retryAfterSeconds * 1000, this.settings.retry.maxDelayMs);
    const base = Math.min(this.settings.retry.baseDelayMs * 2 ** (attempt - 1), this.settings.retry.maxDelayMs);
    return Math.round(base * (1 - DEFAULT_BACKOFF_JITTER + Math.random() * DEFAULT_BACKOFF_JITTER * 2));
  }

  private async attempt<T>(request: ProviderRequest, interpret: Interpret<T>, attempt: number): Promise<T> {
    const url = this.url(request);
    const body = request.rawBody ?? (request.body === undefined ? '' : JSON.stringify(request.body));
    const headers = {
      accept: 'application/json',
      ...(body === '' ? {} : { 'content-type': request.contentType ?? 'application/json;charset=UTF-8' }),
      ...(request.headers?.({ attempt, body, url, method: request.method }) ?? {}),
    };
    const startedAt = new Date();
    const started = performance.now();
    const base: Omit<ProviderCallRecord, 'outcome' | 'latencyMs'> = {
      provider: this.settings.provider,
      connectionName: this.settings.connectionName,
      operation: request.operation,
      method: request.method,
      url: redactString(url),
      attempt,
      startedAt,
      requestBody:
        request.body === undefined ? (request.rawBody === undefined ? undefined : '[raw body]') : maskForTrace(request.body, this.secrets),
    };
    let response: ProviderResponse;
    try {
      const res = await this.http.axiosRef.request<string>({
        url,
        method: request.method,
        headers,
        data: body === '' ? undefined : body,
        timeout: this.settings.timeoutMs,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        responseType: 'text',
        transformResponse: (data: unknown) => data,
        validateStatus: () => true,
        maxRedirects: 0,
      });
      const text = typeof res.data === 'string' ? res.data : String(res.data ?? '');
      response = { status: res.status, headers: flattenHeaders(res.headers as Record<string, unknown>), text, json: tryParse(text) };
    } catch (error) {
      const timedOut = isTimeout(error);
      const failure = new ProviderError({
        provider: this.settings.provider,
        operation: request.operation,
        kind: timedOut ? 'timeout' : 'transport',
        code: timedOut ? 'TIMEOUT' : errorCode(error),
        message: timedOut
          ? `no answer within ${this.settings.timeoutMs} ms`
          : redactString(error instanceof Error ? error.message : String(error)),
        retryable: true,
      });
      this.record({ ...base, outcome: timedOut ? 'timeout' : 'transport_error', latencyMs: elapsed(started), error: failure.message });
      throw failure;
    }
    const traced = {
      ...base,
      httpStatus: response.status,
      latencyMs: elapsed(started),
    };
    // Masking walks the whole answer: done only for an answer the trace keeps.
    const answer = (): unknown => maskForTrace(response.json ?? truncate(response.text), this.secrets);
    if (isRetryableHttpStatus(response.status)) {
      const retryAfter = Number(response.headers['retry-after']);
      const failure = new ProviderError({
        provider: this.settings.provider,
        operation: request.operation,
        kind: response.status === 429 ? 'rate_limited' : 'http',
        code: String(response.status),
        message: `HTTP ${response.status}`,
        retryable: true,
        httpStatus: response.status,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
      });
      this.record({
        ...traced,
        responseBody: answer(),
        outcome: 'provider_error',
        providerCode: String(response.status),
        error: failure.message,
      });
      throw failure;
    }
    try {
      const value = interpret(response);
      this.record({
        ...traced,
        responseBody: request.traceAnswer === 'on-failure' ? omittedAnswer(response.text) : answer(),
        outcome: 'success',
      });
      return value;
    } catch (error) {
      if (error instanceof ProviderError) {
        this.record({ ...traced, responseBody: answer(), outcome: 'provider_error', providerCode: error.code, error: error.message });
        throw error;
      }
      const message =
        error instanceof InvalidResponse ? error.message : `unreadable answer: ${error instanceof Error ? error.message : String(error)}`;
      const failure = new ProviderError({
        provider: this.settings.provider,
        operation: request.operation,
        kind: 'invalid_response',
        code: 'INVALID_RESPONSE',
        message,
        // A garbled answer is usually a proxy or an overloaded provider: trying again is reasonable.
        retryable: true,
        httpStatus: response.status,
      });
      this.record({ ...traced, responseBody: answer(), outcome: 'invalid_response', error: message });
      throw failure;
    }
  }
}

function tryParse(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return parseJsonKeepingBigIntegers(text);
  } catch {
    return undefined;
  }
}

function omittedAnswer(text: string): OmittedAnswer {
  return { omitted: 'successful list page', bytes: Buffer.byteLength(text) };
}

function truncate(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function flattenHeaders(headers: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(headers))
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value);
  return out;
}

function isTimeout(error: unknown): boolean {
  const e = error as { code?: string; name?: string; cause?: { name?: string } };
  return (
    e.code === 'ECONNABORTED' ||
    e.code === 'ETIMEDOUT' ||
    e.name === 'TimeoutError' ||
    e.cause?.name === 'TimeoutError' ||
    e.code === 'ERR_CANCELED'
  );
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'TRANSPORT';
}
