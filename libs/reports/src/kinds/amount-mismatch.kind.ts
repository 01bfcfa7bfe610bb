import { observed, ReportKind } from './report-kind';

/**
 * 4. Amount mismatches between the marketplace and the order system, to the cent (numeric, half-even
 * is not needed: both sides are rounded to 2 places and compared exactly): order total, items,
 * shipping and discount, and per SKU the line value (unit price x quantity) and line discount.
 * No automatic repair: an order system's order is not rewritten by Serai.
 */
export const AMOUNT_MISMATCH: ReportKind = {
  name: 'amount-mismatch',
  title: 'Amounts differ between the marketplace and the order system',
  reads: [
    { role: 'marketplace', subject: 'order' },
    { role: 'order-system', subject: 'order' },
  ],
  requires: [['marketplace'], ['order-system']],
  findingsSql: `
    WITH ${observed('mp', 'marketplace', 'order')}, ${observed('os', 'order-system', 'order')},
    -- One pass over the pairs keeps only those that differ somewhere (totals, or line lists not identical as written).
    differing AS MATERIALIZED (
      SELECT mp.connection, mp.entity_key, (mp.facts->>'placedAt')::timestamptz AS placed_at, mp.facts->>'currency' AS currency,
             mp.facts AS m, os.facts AS o, mp.facts->'lines' IS DISTINCT FROM os.facts->'lines' AS lines_differ
        FROM mp JOIN os ON os.entity_key = mp.entity_key
       WHERE mp.facts->'lines' IS DISTINCT FROM os.facts->'lines'
          OR round((mp.facts->>'total')::numeric, 2) IS DISTINCT FROM round((os.facts->>'total')::numeric, 2)
          OR round((mp.facts->>'items')::numeric, 2) IS DISTINCT FROM round((os.facts->>'items')::numeric, 2)
          OR round((mp.facts->>'shipping')::numeric, 2) IS DISTINCT FROM round((os.facts->>'shipping')::numeric, 2)
          OR round((mp.facts->>'discount')::numeric, 2) IS DISTINCT FROM round((os.facts->>'discount')::numeric, 2)),
    totals AS (
      SELECT d.connection, d.entity_key, d.placed_at, d.currency, f.field,
             round((d.m->>f.field)::numeric, 2) AS marketplace, round((d.o->>f.field)::numeric, 2) AS order_system
        FROM differing d CROSS JOIN (VALUES ('total'), ('items'), ('shipping'), ('discount')) AS f (field)),
    line_values AS (
      SELECT d.entity_key, l.side, l.line->>'sku' AS sku,
             round(sum((l.line->>'unitPrice')::numeric * (l.line->>'quantity')::numeric), 2) AS value,
             round(sum((l.line->>'discount')::numeric), 2) AS discount,
             sum((l.line->>'quantity')::int) AS quantity
        FROM differing d
        CROSS JOIN LATERAL (SELECT 'm' AS side, x AS line FROM jsonb_array_elements(d.m->'lines') x
                            UNION ALL SELECT 'o', x FROM jsonb_array_elements(d.o->'lines') x) l
       WHERE d.lines_differ
       GROUP BY d.entity_key, l.side, l.line->>'sku'),
    lines AS (
      SELECT COALESCE(a.entity_key, b.entity_key) AS entity_key, COALESCE(a.sku, b.sku) AS sku,
             a.value AS m_value, b.value AS o_value, a.discount AS m_discount, b.discount AS o_discount,
             a.quantity AS m_quantity, b.quantity AS o_quantity
        FROM (SELECT * FROM line_values WHERE side = 'm') a
        FULL JOIN (SELECT * FROM line_values WHERE side = 'o') b ON a.entity_key = b.entity_key AND a.sku = b.sku
       WHERE a.value IS DISTINCT FROM b.value OR a.discount IS DISTINCT FROM b.discount OR a.quantity IS DISTINCT FROM b.quantity)
    SELECT t.field || '_differs' AS code, t.connection, t.entity_key, t.placed_at AS entity_time,
           jsonb_build_object(t.field, t.marketplace::text) AS expected, jsonb_build_object(t.field, t.order_system::text) AS actual,
           abs(t.marketplace - t.order_system) AS amount_at_stake, t.currency, NULL AS repair_action
      FROM totals t WHERE t.marketplace IS DISTINCT FROM t.order_system
    UNION ALL
    SELECT 'line_differs', d.connection, l.entity_key || ':' || l.sku, d.placed_at,
           jsonb_build_object('sku', l.sku, 'quantity', l.m_quantity, 'value', l.m_value::text, 'discount', l.m_discount::text),
           jsonb_build_object('sku', l.sku, 'quantity', l.o_quantity, 'value', l.o_value::text, 'discount', l.o_discount::text),
           abs(COALESCE(l.m_value, 0) - COALESCE(l.o_value, 0)) + abs(COALESCE(l.m_discount, 0) - COALESCE(l.o_discount, 0)),
           d.currency, NULL
      FROM lines l JOIN differing d ON d.entity_key = l.entity_key`,
};
