import { observed, readDone, ReportKind } from './report-kind';

/**
 * 6. Price drift: the canonical price (price.scope = 'canonical') against the price each system
 * shows, to the cent; a canonical price the system lacks; a price the store does not know.
 * Repair: re-push the canonical price.
 */
export const PRICE_DRIFT: ReportKind = {
  name: 'price-drift',
  title: 'Prices differ between the store and a system',
  reads: [{ role: 'marketplace', subject: 'price' }],
  requires: [['marketplace']],
  findingsSql: `
    WITH ${observed('mkt', 'marketplace', 'price')}, ${readDone('mkt_read', 'marketplace', 'price')},
    canon AS (SELECT sku, kind, sku || ':' || kind AS entity_key, amount, currency FROM price WHERE scope = 'canonical')
    SELECT 'price_differs' AS code, mkt.connection, mkt.entity_key, NULL::timestamptz AS entity_time,
           jsonb_build_object('amount', round(c.amount, 2)::text, 'currency', c.currency) AS expected,
           jsonb_build_object('amount', round((mkt.facts->>'amount')::numeric, 2)::text, 'currency', mkt.facts->>'currency') AS actual,
           abs(round(c.amount, 2) - round((mkt.facts->>'amount')::numeric, 2)) AS amount_at_stake, c.currency::text AS currency,
           'repush_price' AS repair_action
      FROM mkt JOIN canon c ON c.entity_key = mkt.entity_key
     WHERE round(c.amount, 2) <> round((mkt.facts->>'amount')::numeric, 2)
    UNION ALL
    SELECT 'price_missing', r.connection, c.entity_key, NULL,
           jsonb_build_object('amount', round(c.amount, 2)::text, 'currency', c.currency), NULL,
           round(c.amount, 2), c.currency::text, 'repush_price'
      FROM mkt_read r CROSS JOIN canon c
     WHERE c.kind = 'sale' AND NOT EXISTS (SELECT 1 FROM mkt WHERE mkt.connection = r.connection AND mkt.entity_key = c.entity_key)
    UNION ALL
    SELECT 'price_unknown_in_store', mkt.connection, mkt.entity_key, NULL, NULL,
           jsonb_build_object('amount', round((mkt.facts->>'amount')::numeric, 2)::text, 'currency', mkt.facts->>'currency'),
           NULL, mkt.facts->>'currency', NULL
      FROM mkt WHERE NOT EXISTS (SELECT 1 FROM canon c WHERE c.entity_key = mkt.entity_key)`,
};
