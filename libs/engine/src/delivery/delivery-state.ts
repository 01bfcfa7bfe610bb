import type { DeliveryState } from '@serai/persistence';

/**
 * The delivery state machine, written down once. DeliveryRepository applies each edge as one
 * guarded UPDATE; this table is what the API and docs describe and what the tests check against.
 *
 *   pending ──claim──▶ in_flight ──success──▶ succeeded
 *      ▲                  │ ├──retryable failure──▶ failed ──due──▶ in_flight
 *      │                  │ └──permanent / exhausted──▶ dead
 *      └──postpone────────┘        dead | failed ──operator retry / replay──▶ pending
 *   an in_flight row whose lease expired (worker crashed) is claimed again
 */
export const DELIVERY_TRANSITIONS: Readonly<Record<DeliveryState, readonly DeliveryState[]>> = {
  pending: ['in_flight', 'cancelled'],
  in_flight: ['succeeded', 'failed', 'dead', 'pending', 'in_flight'],
  failed: ['in_flight', 'pending', 'cancelled'],
  dead: ['pending'],
  succeeded: [],
  cancelled: [],
};
