import { observed, ReportKind, STORE_STATE_SQL } from './report-kind';

/**
 * 3. Status mismatches across systems, per marketplace order: cancelled at the marketplace but
 * still open in the store, the order system or shipped by the 3PL (cancellation_not_propagated);
 * cancelled in the store or order system while the marketplace still sells it
 * (cancelled_downstream_only); shipped at the marketplace while the store still has it open
 * (shipment_not_recorded). No automatic repair: which side is right needs a person.
 */
export const STATUS_MISMATCH: ReportKind = {
  name: 'status-mismatch',
  title: 'Order status differs across systems',
  reads: [
    { role: 'marketplace', subject: 'order' },
    { role: 'order-system', subject: 'order' },
    { role: 'logistics', subject: 'shipment' },
  ],
  requires: [['marketplace'], ['order-system', 'logistics']],
  findingsSql: `
    WITH ${observed('mp', 'marketplace', 'order')}, ${observed('os', 'order-system', 'order')}, ${observed('pkg', 'logistics', 'shipment')},
    os_state AS (SELECT entity_key, min(facts->>'state') AS state FROM os GROUP BY entity_key),
    shipped AS (SELECT DISTINCT facts->>'orderNumber' AS number FROM pkg WHERE facts->>'status' IN ('shipped', 'in_transit', 'delivered')),
    states AS (
      SELECT mp.connection, mp.entity_key, mp.facts, mp.facts->>'state' AS marketplace,
             CASE WHEN so.id IS NULL THEN NULL ELSE ${STORE_STATE_SQL} END AS store,
             o.state AS order_system,
             CASE WHEN sh.number IS NULL THEN NULL ELSE 'shipped' END AS logistics
        FROM mp
        LEFT JOIN sales_order so ON so.source_connection_name = mp.connection AND so.external_order_number = mp.entity_key
        LEFT JOIN os_state o ON o.entity_key = mp.entity_key
        LEFT JOIN shipped sh ON sh.number = mp.entity_key),
    judged AS (
      SELECT s.*, CASE
               WHEN s.marketplace = 'cancelled' AND (COALESCE(s.store, 'cancelled') <> 'cancelled' OR COALESCE(s.order_system, 'cancelled') <> 'cancelled' OR s.logistics IS NOT NULL)
                 THEN 'cancellation_not_propagated'
               WHEN s.marketplace IN ('open', 'shipped') AND ('cancelled' IN (s.store, s.order_system)) THEN 'cancelled_downstream_only'
               WHEN s.marketplace = 'shipped' AND s.store IN ('open', 'cancellation_requested') THEN 'shipment_not_recorded'
             END AS code
        FROM states s)
    SELECT j.code, j.connection, j.entity_key, (j.facts->>'placedAt')::timestamptz AS entity_time,
           jsonb_build_object('marketplace', j.marketplace) AS expected,
           jsonb_strip_nulls(jsonb_build_object('store', j.store, 'orderSystem', j.order_system, 'logistics', j.logistics)) AS actual,
           (j.facts->>'total')::numeric AS amount_at_stake, j.facts->>'currency' AS currency, NULL AS repair_action
      FROM judged j WHERE j.code IS NOT NULL`,
};
