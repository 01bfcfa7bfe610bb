import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { DeliveryOrderMessage, isCallbackAccepted, renderDeliveryOrderJson, renderDeliveryOrderXml } from './pilot-delivery-order.message';

/** Backoff of failed deliveries: 1 s, 2 s, 4 s … capped at 60 s, on the sandbox clock. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;
/** How long the receiver has to answer one attempt. */
const ATTEMPT_TIMEOUT_MS = 5000;
const MAX_ANSWER_CHARS = 2000;

export interface CallbackAttempt {
  readonly at: string;
  readonly httpStatus: number | null;
  readonly answer: string;
  readonly error: string | null;
  readonly accepted: boolean;
}

export interface CallbackEntry {
  readonly deliveryOrderCode: string;
  readonly outBizCode: string;
  readonly status: string;
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
  readonly createdAt: string;
  readonly attempts: CallbackAttempt[];
  deliveredAt: string | null;
  nextAttemptAtMs: number;
}

/**
 * Delivery-order callbacks the 3PL owes the logistics receiver (`settings.callbackUrl`), one queue
 * per package so messages arrive in order: the next is sent only after the receiver accepted the
 * previous one. Failed attempts are retried with exponential backoff on clock ticks.
 */
@Injectable()
export class PilotCallbackOutbox implements OnModuleInit, OnModuleDestroy {
  private readonly queues = new Map<string, CallbackEntry[]>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private stopTicking: (() => void) | undefined;

  constructor(
    private readonly clock: SandboxClock,
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
  ) {}

  onModuleInit(): void {
    this.stopTicking = this.clock.onTick(() => this.pumpAll());
  }

  onModuleDestroy(): void {
    this.stopTicking?.();
    this.abort.abort();
  }

  /** Whether callbacks are configured at all. */
  get enabled(): boolean {
    return this.settings.callbackUrl !== undefined && this.settings.callbackUrl !== '';
  }

  enqueue(message: DeliveryOrderMessage): CallbackEntry | undefined {
    const template = this.settings.callbackUrl;
    if (template === undefined || template === '') return undefined;
    // `{store}` of `/callback/{store}` is the logistics provider ("available provider haiku").
    const provider = this.settings.logisticsProviders[0] ?? 'haiku';
    const xml = this.settings.callbackFormat === 'xml';
    const nowMs = this.clock.nowMs();
    const entry: CallbackEntry = {
      deliveryOrderCode: message.deliveryOrder.deliveryOrderCode,
      outBizCode: message.deliveryOrder.outBizCode,
      status: message.deliveryOrder.status,
      url: template.replace('{store}', encodeURIComponent(provider)),
      contentType: xml ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8',
      body: xml ? renderDeliveryOrderXml(message) : renderDeliveryOrderJson(message),
      createdAt: new Date(nowMs).toISOString(),
      attempts: [],
      deliveredAt: null,
      nextAttemptAtMs: nowMs,
    };
    const queue = this.queues.get(entry.deliveryOrderCode) ?? [];
    queue.push(entry);
    this.queues.set(entry.deliveryOrderCode, queue);
    this.pump(entry.deliveryOrderCode);
    return entry;
  }

  entries(deliveryOrderCode?: string): CallbackEntry[] {
    if (deliveryOrderCode !== undefined) return [...(this.queues.get(deliveryOrderCode) ?? [])];
    return [...this.queues.values()].flat();
  }

  /** Resolves when no attempt is in flight (tests await it after moving the clock). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  private pumpAll(): void {
    for (const code of this.queues.keys()) this.pump(code);
  }

  private pump(deliveryOrderCode: string): void {
    if (this.inFlight.has(deliveryOrderCode) || this.abort.signal.aborted) return;
    const head = this.queues.get(deliveryOrderCode)?.find((e) => e.deliveredAt === null);
    if (head === undefined || head.nextAttemptAtMs > this.clock.nowMs()) return;
    const attempt = this.send(head).finally(() => {
      this.inFlight.delete(deliveryOrderCode);
      // The next message of this package goes as soon as the previous one is accepted.
      if (head.deliveredAt !== null) this.pump(deliveryOrderCode);
    });
    this.inFlight.set(deliveryOrderCode, attempt);
  }

  private async send(entry: CallbackEntry): Promise<void> {
    const startedAt = new Date(this.clock.nowMs()).toISOString();
    let httpStatus: number | null = null;
    let answer = '';
    let error: string | null = null;
    try {
      const response = await fetch(entry.url, {
        method: 'POST',
        headers: { 'content-type': entry.contentType, 'x-ca-key': this.settings.callbackKey },
        body: entry.body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      httpStatus = response.status;
      answer = (await response.text()).slice(0, MAX_ANSWER_CHARS);
    } catch (failure) {
      error = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
    }
    const accepted = httpStatus !== null && isCallbackAccepted(httpStatus, answer);
    entry.attempts.push({ at: startedAt, httpStatus, answer, error, accepted });
    const nowMs = this.clock.nowMs();
    if (accepted) {
      entry.deliveredAt = new Date(nowMs).toISOString();
      return;
    }
    const failures = entry.attempts.length;
    entry.nextAttemptAtMs = nowMs + Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
  }
}
