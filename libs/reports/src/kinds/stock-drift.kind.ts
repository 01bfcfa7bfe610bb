import { observed, readDone, ReportKind } from './report-kind';

/**
 * 5. Stock drift per SKU, beyond a tolerance (option stockTolerance, units, default 0): the 3PL's
 * (or warehouse's) on-hand against the canonical on-hand (summed over locations); the
 * marketplace's sellable stock against the canonical available (on hand - reserved - in flight);
 * and SKUs one system knows and another does not. On-hand drift is repaired by re-importing the
 * 3PL's figures into the store; marketplace drift by re-pushing the canonical stock.
 */
export const STOCK_DRIFT: ReportKind = {
  name: 'stock-drift',
  title: 'Stock differs between the 3PL/WMS, the store and the marketplace',
  reads: [
    { role: 'logistics', subject: 'stock' },
    { role: 'warehouse', subject: 'stock' },
    { role: 'marketplace', subject: 'stock' },
  ],
  requires: [['logistics', 'warehouse', 'marketplace']],
  findingsSql: `
    WITH tpl AS (SELECT connection, entity_key, facts FROM reconciliation_observation
                  WHERE run_id = $1 AND role IN ('logistics', 'warehouse') AND subject = 'stock'),
    ${observed('mkt', 'marketplace', 'stock')},
    ${readDone('tpl_read_3pl', 'logistics', 'stock')}, ${readDone('tpl_read_wms', 'warehouse', 'stock')},
    tpl_read AS (SELECT connection FROM tpl_read_3pl UNION SELECT connection FROM tpl_read_wms),
    ${readDone('mkt_read', 'marketplace', 'stock')},
    canon AS (SELECT sku, sum(on_hand)::int AS on_hand, greatest(sum(on_hand - reserved - in_flight), 0)::int AS available
                FROM inventory_level GROUP BY sku),
    known AS (SELECT sku FROM sku WHERE enabled UNION SELECT sku FROM inventory_level),
    tolerance AS (SELECT COALESCE(($4::jsonb->>'stockTolerance')::int, 0) AS units)
    SELECT 'onhand_drift' AS code, tpl.connection, tpl.entity_key, NULL::timestamptz AS entity_time,
           jsonb_build_object('onHand', COALESCE(c.on_hand, 0)) AS expected, jsonb_build_object('onHand', (tpl.facts->>'onHand')::int) AS actual,
           NULL::numeric AS amount_at_stake, NULL AS currency, 'reimport_stock' AS repair_action
      FROM tpl JOIN known k ON k.sku = tpl.entity_key LEFT JOIN canon c ON c.sku = tpl.entity_key
     WHERE abs((tpl.facts->>'onHand')::int - COALESCE(c.on_hand, 0)) > (SELECT units FROM tolerance)
    UNION ALL
    SELECT 'sku_unknown_in_store', tpl.connection, tpl.entity_key, NULL, NULL, jsonb_build_object('onHand', (tpl.facts->>'onHand')::int),
           NULL, NULL, NULL
      FROM tpl WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.sku = tpl.entity_key)
    UNION ALL
    SELECT 'sku_missing_at_3pl', r.connection, c.sku, NULL, jsonb_build_object('onHand', c.on_hand), NULL, NULL, NULL, NULL
      FROM tpl_read r CROSS JOIN canon c
     WHERE c.on_hand > 0 AND NOT EXISTS (SELECT 1 FROM tpl WHERE tpl.connection = r.connection AND tpl.entity_key = c.sku)
    UNION ALL
    SELECT 'marketplace_drift', mkt.connection, mkt.entity_key, NULL,
           jsonb_build_object('available', COALESCE(c.available, 0)), jsonb_build_object('available', (mkt.facts->>'quantity')::int),
           NULL, NULL, 'repush_stock'
      FROM mkt LEFT JOIN canon c ON c.sku = mkt.entity_key
     WHERE abs((mkt.facts->>'quantity')::int - COALESCE(c.available, 0)) > (SELECT units FROM tolerance)
    UNION ALL
    SELECT 'sku_missing_at_marketplace', r.connection, k.sku, NULL, jsonb_build_object('available', COALESCE(c.available, 0)), NULL,
           NULL, NULL, 'repush_stock'
      FROM mkt_read r CROSS JOIN (SELECT sku FROM sku WHERE enabled) k LEFT JOIN canon c ON c.sku = k.sku
     WHERE NOT EXISTS (SELECT 1 FROM mkt WHERE mkt.connection = r.connection AND mkt.entity_key = k.sku)`,
};
