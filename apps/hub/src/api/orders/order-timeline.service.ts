import { Injectable, NotFoundException } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';
import { TimelineRepository } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { maskEventPayload } from './order-timeline-masking';
import { OrderTimelineDto, TimelineEntryDto } from './order-timeline.dto';

const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ties on `at` (one transaction writes an event and its deliveries at the same now()) read cause first. */
const KIND_ORDER: Record<TimelineEntryDto['kind'], number> = { event: 0, delivery: 1, provider_call: 2 };

@Injectable()
export class OrderTimelineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timelines: TimelineRepository,
  ) {}

  /** Everything that happened to one order, oldest first; `withPii` leaves buyer and consignee unmasked. */
  async orderTimeline(orderId: string, withPii: boolean): Promise<OrderTimelineDto> {
    if (!ORDER_ID.test(orderId)) throw new RequestValidationError([{ field: 'id', reason: 'must be an order id (a UUID)' }]);
    // One snapshot, so a delivery never shows without its event nor a call without its delivery.
    const rows = await this.dataSource.transaction('REPEATABLE READ', (m) => this.timelines.findForOrder(m, orderId.toLowerCase()));
    if (!rows) throw new NotFoundException(`No order has id ${orderId}`);

    const entries: TimelineEntryDto[] = [
      ...rows.events.map((e): TimelineEntryDto => ({
        kind: 'event',
        at: e.recordedAt.toISOString(),
        eventId: e.eventId,
        type: e.eventType,
        occurredAt: e.occurredAt.toISOString(),
        payload: withPii ? e.payload : maskEventPayload(e.payload),
      })),
      ...rows.deliveries.map((d): TimelineEntryDto => ({
        kind: 'delivery',
        at: d.createdAt.toISOString(),
        id: d.id,
        eventId: d.eventId,
        route: d.route,
        connection: d.connectionName,
        capability: d.capability,
        state: d.state,
        attempts: d.attempts,
        lastError: d.lastError,
        lastErrorCode: d.lastErrorCode,
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
        completedAt: d.completedAt?.toISOString() ?? null,
      })),
      ...rows.calls.map((c): TimelineEntryDto => ({
        kind: 'provider_call',
        at: c.startedAt.toISOString(),
        id: c.id,
        deliveryId: c.deliveryId,
        connection: c.connectionName,
        operation: c.operation,
        method: c.method,
        url: c.url,
        attempt: c.attempt,
        httpStatus: c.httpStatus,
        providerCode: c.providerCode,
        outcome: c.outcome,
        latencyMs: c.latencyMs,
        startedAt: c.startedAt.toISOString(),
        requestBody: c.requestBody ?? null,
        responseBody: c.responseBody ?? null,
        error: c.error,
      })),
    ];
    // Each list arrives in its own order (position, created_at/id, started_at/id); a stable sort keeps it within ties.
    entries.sort((a, b) => a.at.localeCompare(b.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    return { orderId: orderId.toLowerCase(), entries };
  }
}
