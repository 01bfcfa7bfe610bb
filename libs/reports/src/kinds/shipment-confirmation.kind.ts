import { observed, ReportKind } from './report-kind';

/**
 * 2. Shipped at the 3PL (a freight-forward package SHIPPED or later) but not confirmed to the
 * marketplace: neither the marketplace lists the order as shipped nor did Serai confirm it; or
 * Serai confirmed the order with another courier or tracking number than the package carries.
 * "Confirmed" is a succeeded shipment-confirmation delivery of the order; the marketplace's order
 * list carries no tracking number, so Serai's own confirmations are the marketplace side.
 */
export const SHIPMENT_CONFIRMATION: ReportKind = {
  name: 'shipment-confirmation',
  title: 'Shipped at the 3PL, not (or differently) confirmed to the marketplace',
  reads: [
    { role: 'logistics', subject: 'shipment' },
    { role: 'marketplace', subject: 'order' },
  ],
  requires: [['logistics'], ['marketplace']],
  findingsSql: `
    WITH ${observed('pkg', 'logistics', 'shipment')}, ${observed('mp', 'marketplace', 'order')},
    shipped AS (
      SELECT pkg.connection AS logistics, pkg.facts, so.id AS order_id, so.source_connection_name AS marketplace, so.currency,
             so.external_order_number, mp.facts->>'state' AS marketplace_state
        FROM pkg
        JOIN sales_order so ON so.external_order_number = pkg.facts->>'orderNumber'
        LEFT JOIN mp ON mp.connection = so.source_connection_name AND mp.entity_key = so.external_order_number
       WHERE pkg.facts->>'status' IN ('shipped', 'in_transit', 'delivered')
         AND so.source_connection_name IN (SELECT DISTINCT connection FROM reconciliation_observation WHERE run_id = $1 AND role = 'marketplace')),
    confirmed AS (
      SELECT e.aggregate_id::uuid AS order_id, e.payload->>'carrierCode' AS carrier_code, e.payload->>'trackingNumber' AS tracking_number
        FROM delivery d JOIN outbox_event e ON e.event_id = d.event_id
       WHERE d.capability = 'shipmentSink.confirmShipment' AND d.state = 'succeeded' AND e.aggregate_type = 'order'
         AND e.aggregate_id IN (SELECT order_id::text FROM shipped))
    SELECT CASE WHEN EXISTS (SELECT 1 FROM confirmed c WHERE c.order_id = s.order_id) THEN 'confirmed_differently' ELSE 'not_confirmed' END AS code,
           s.marketplace AS connection, s.external_order_number || ':' || (s.facts->>'trackingNumber') AS entity_key,
           (s.facts->>'shippedAt')::timestamptz AS entity_time,
           jsonb_build_object('logistics', s.logistics, 'carrierCode', s.facts->>'carrierCode', 'trackingNumber', s.facts->>'trackingNumber',
                              'packageId', s.facts->>'packageId', 'lines', s.facts->'lines') AS expected,
           jsonb_build_object('marketplaceState', s.marketplace_state,
                              'confirmed', COALESCE((SELECT jsonb_agg(jsonb_build_object('carrierCode', c.carrier_code, 'trackingNumber', c.tracking_number))
                                                       FROM confirmed c WHERE c.order_id = s.order_id), '[]'::jsonb)) AS actual,
           NULL::numeric AS amount_at_stake, NULL AS currency, 'reconfirm_shipment' AS repair_action
      FROM shipped s
     WHERE NOT EXISTS (SELECT 1 FROM confirmed c WHERE c.order_id = s.order_id
                          AND c.tracking_number = s.facts->>'trackingNumber' AND c.carrier_code = s.facts->>'carrierCode')
       AND (COALESCE(s.marketplace_state, 'open') <> 'shipped' OR EXISTS (SELECT 1 FROM confirmed c WHERE c.order_id = s.order_id))`,
};
