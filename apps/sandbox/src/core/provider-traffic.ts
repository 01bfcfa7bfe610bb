import { Injectable } from '@nestjs/common';

export interface ProviderTrafficCounts {
  readonly requests: number;
  /** Answers by HTTP status class (`2xx`, `4xx`, `5xx`, ...). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** Answers the fault injector produced or spoiled. */
  readonly faulted: number;
}

/** Counts provider requests per provider for `/_sandbox/health`; fed by a Fastify `onResponse` hook. */
@Injectable()
export class ProviderTraffic {
  private readonly counts = new Map<string, { requests: number; byStatus: Record<string, number>; faulted: number }>();

  record(provider: string, status: number, faulted: boolean): void {
    const entry = this.counts.get(provider) ?? { requests: 0, byStatus: {}, faulted: 0 };
    entry.requests += 1;
    const statusClass = `${Math.floor(status / 100)}xx`;
    entry.byStatus[statusClass] = (entry.byStatus[statusClass] ?? 0) + 1;
    if (faulted) entry.faulted += 1;
    this.counts.set(provider, entry);
  }

  snapshot(providers: readonly string[]): Record<string, ProviderTrafficCounts> {
    const out: Record<string, ProviderTrafficCounts> = {};
    for (const provider of providers) {
      const entry = this.counts.get(provider);
      out[provider] = entry === undefined ? { requests: 0, byStatus: {}, faulted: 0 } : { ...entry, byStatus: { ...entry.byStatus } };
    }
    return out;
  }
}
