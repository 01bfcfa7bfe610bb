import type { MappingDefaults } from '@serai/engine/ports';
import { ENVOY_ORDER_STATUSES, ENVOY_STATUS_TABLE } from './codes';

/** Envoy's order statuses (catalogue nomad-envoy.md §6) as the engine's `order-statuses` defaults, from codes.ts. */
export const ENVOY_MAPPING_DEFAULTS: readonly MappingDefaults[] = [
  {
    table: 'order-statuses',
    source: 'Nomad Envoy order statuses (libs/connectors/src/nomad-envoy/codes.ts)',
    entries: ENVOY_ORDER_STATUSES.map((status) => ({
      key: `nomad-envoy:${status}`,
      value: { name: status, canonical: ENVOY_STATUS_TABLE[status].orderStatus },
    })),
  },
];
