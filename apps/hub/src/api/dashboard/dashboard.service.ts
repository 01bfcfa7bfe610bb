import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@serai/common';
import { DeliveryWorker } from '@serai/engine';
import { DashboardRepository } from '@serai/persistence';
import { DataSource } from 'typeorm';
import type { DashboardDto } from './dashboard.dto';

const rate = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/** The back office's first screen: orders flowing in, each provider's health, dead letters and sync lag. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly figures: DashboardRepository,
    private readonly worker: DeliveryWorker,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async read(hours: number, now = new Date()): Promise<DashboardDto> {
    const since = new Date(now.getTime() - hours * 3_600_000);
    const db = this.dataSource.manager;
    const [orders, providers, sync] = await Promise.all([
      this.figures.ordersPerHour(db, since),
      this.figures.providerHealth(db, since),
      this.figures.syncLag(db),
    ]);
    return {
      since: since.toISOString(),
      generatedAt: now.toISOString(),
      ordersPerHour: orders.map((r) => ({ hour: r.hour.toISOString(), source: r.source, orders: r.orders })),
      providers: providers.map((p) => ({
        connection: p.connection,
        provider: p.provider,
        enabled: p.enabled,
        breaker: this.breakerState(p.connectionId),
        calls: p.calls,
        callFailureRate: rate(p.failedCalls, p.calls),
        p50LatencyMs: p.p50LatencyMs,
        p95LatencyMs: p.p95LatencyMs,
        deliveries: p.deliveries,
        deliveryFailureRate: rate(p.failedDeliveries, p.deliveries),
        p95DeliveryLatencyMs: p.p95DeliveryLatencyMs,
        deadLetters: p.deadLetters,
        pendingDeliveries: p.pendingDeliveries,
      })),
      deadLetters: providers.reduce((sum, p) => sum + p.deadLetters, 0),
      sync: sync.map((s) => ({
        connection: s.connection,
        stream: s.stream,
        lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
        lagSeconds: s.lastSuccessAt ? Math.max(0, Math.round((now.getTime() - s.lastSuccessAt.getTime()) / 1000)) : null,
        lastError: s.lastError,
        running: s.leaseOwner !== null,
      })),
    };
  }

  /** Breakers live in each worker process; an API-only process has none to show. */
  private breakerState(connectionId: string): string {
    return this.config.role === 'api' ? 'unknown' : this.worker.breakerOf(connectionId).state;
  }
}
