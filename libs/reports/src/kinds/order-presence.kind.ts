import { observed, readDone, ReportKind } from './report-kind';

/**
 * 1. Marketplace orders missing in the order system (and in the canonical store), and the reverse:
 * order-system orders the marketplace never listed. Cancelled marketplace orders need not reach
 * the order system. An order the store holds gets re-forwarded; one the store lacks is named
 * missing_in_store (its intake is the repair: the poller takes it while the marketplace still
 * lists it as new).
 */
export const ORDER_PRESENCE: ReportKind = {
  name: 'order-presence',
  title: 'Orders missing between the marketplace and the order system',
  reads: [
    { role: 'marketplace', subject: 'order' },
    { role: 'order-system', subject: 'order' },
  ],
  requires: [['marketplace'], ['order-system']],
  findingsSql: `
    WITH ${observed('mp', 'marketplace', 'order')}, ${observed('os', 'order-system', 'order')},
    ${readDone('mp_read', 'marketplace', 'order')}, ${readDone('os_read', 'order-system', 'order')}
    SELECT 'missing_in_order_system' AS code, mp.connection, mp.entity_key, (mp.facts->>'placedAt')::timestamptz AS entity_time,
           jsonb_build_object('marketplace', mp.facts) AS expected, NULL::jsonb AS actual,
           (mp.facts->>'total')::numeric AS amount_at_stake, mp.facts->>'currency' AS currency,
           CASE WHEN so.id IS NULL THEN NULL ELSE 'reforward_order' END AS repair_action
      FROM mp
      LEFT JOIN sales_order so ON so.source_connection_name = mp.connection AND so.external_order_number = mp.entity_key
     WHERE mp.facts->>'state' <> 'cancelled'
       AND EXISTS (SELECT 1 FROM os_read)
       AND NOT EXISTS (SELECT 1 FROM os WHERE os.entity_key = mp.entity_key)
    UNION ALL
    SELECT 'missing_in_store', mp.connection, mp.entity_key, (mp.facts->>'placedAt')::timestamptz,
           jsonb_build_object('marketplace', mp.facts), NULL::jsonb,
           (mp.facts->>'total')::numeric, mp.facts->>'currency', NULL
      FROM mp
     WHERE NOT EXISTS (SELECT 1 FROM sales_order so WHERE so.source_connection_name = mp.connection AND so.external_order_number = mp.entity_key)
    UNION ALL
    SELECT 'missing_at_marketplace', os.connection, os.entity_key, (os.facts->>'placedAt')::timestamptz,
           NULL::jsonb, jsonb_build_object('orderSystem', os.facts),
           (os.facts->>'total')::numeric, os.facts->>'currency', NULL
      FROM os
     WHERE EXISTS (SELECT 1 FROM mp_read) AND NOT EXISTS (SELECT 1 FROM mp WHERE mp.entity_key = os.entity_key)
       AND (os.facts->>'placedAt')::timestamptz >= $2 AND (os.facts->>'placedAt')::timestamptz < $3`,
};
