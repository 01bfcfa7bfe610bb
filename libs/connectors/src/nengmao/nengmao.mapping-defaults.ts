import type { MappingDefaults } from '@serai/engine/ports';
import { NENGMAO_COURIERS, NENGMAO_ORDER_STATUSES } from './codes';

/**
 * The engine's mapping tables start from this connector's code tables (codes.ts), so the documents'
 * codes live in one place: the courier list of both documents (§2 "Currier Company Code") and
 * the order statuses (brand §7.1, TMG §6.1).
 */
export const NENGMAO_MAPPING_DEFAULTS: readonly MappingDefaults[] = [
  {
    table: 'courier-codes',
    source: 'Nengmao brand/TMG documents §2 (libs/connectors/src/nengmao/codes.ts)',
    entries: NENGMAO_COURIERS.map((courier) => ({
      key: courier.canonical,
      value: { name: courier.name, nengmao: courier.code, aliases: [...courier.aliases] },
    })),
  },
  {
    table: 'order-statuses',
    source: 'Nengmao brand document §7.1 (libs/connectors/src/nengmao/codes.ts)',
    entries: NENGMAO_ORDER_STATUSES.map((status) => ({
      key: `nengmao:${status.code}`,
      value: { name: status.name, canonical: status.canonical },
    })),
  },
];
