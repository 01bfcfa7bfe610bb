/**
 * SQL that fills sales_order and sales_order_line with `count` orders in one batch, fast
 * (generate_series, no application code): statuses spread over the state machine, two
 * connections, 10,000 SKUs, one or two lines, created one every 30 s back from now (a year for
 * a million orders). Ids are md5-derived UUIDs, so a batch can be re-run deterministically. Lines
 * copy their order's created_at (the SKU filter's keyset, kept equal by a foreign key).
 */
export function seedOrdersSql(from: number, to: number): string[] {
  return [
    `INSERT INTO sales_order (id, source_connection_name, external_order_number, status, status_changed_at, currency,
       items_amount, shipping_amount, discount_amount, tax_amount, total_paid, buyer, consignee, placed_at, paid_at,
       created_at, updated_at)
     SELECT md5('order-' || g)::uuid,
            CASE WHEN g % 5 = 0 THEN 'tmg-demo' ELSE 'nengmao-demo' END,
            'B' || lpad(g::text, 10, '0'),
            (ARRAY['received', 'acknowledged', 'forwarded', 'forwarded', 'shipped', 'shipped', 'delivered', 'delivered', 'delivered', 'cancelled'])[1 + g % 10],
            now() - g * interval '30 seconds',
            'CNY',
            (100 + g % 900)::numeric(18, 4), 0, 0, 0, (100 + g % 900)::numeric(18, 4),
            jsonb_build_object('name', '买家' || g, 'mobile', '138' || lpad((g % 100000000)::text, 8, '0'), 'address', jsonb_build_object('country', '中国')),
            jsonb_build_object('name', '收件人' || g, 'mobile', '139' || lpad((g % 100000000)::text, 8, '0'),
              'address', jsonb_build_object('country', '中国', 'province', '广东省', 'city', '深圳市', 'street', '梅林街道 ' || g || ' 号')),
            now() - g * interval '30 seconds' - interval '5 minutes',
            now() - g * interval '30 seconds' - interval '4 minutes',
            now() - g * interval '30 seconds',
            now() - g * interval '30 seconds'
       FROM generate_series(${from}, ${to - 1}) AS g`,
    `INSERT INTO sales_order_line (order_id, line_no, line_id, sku, title, quantity, unit_price, order_created_at)
     SELECT o.id, 1, 'L1', 'SKU-' || lpad((g % 10000)::text, 6, '0'), '商品 ' || (g % 10000), 1 + g % 3, (100 + g % 900)::numeric(18, 4), o.created_at
       FROM generate_series(${from}, ${to - 1}) AS g JOIN sales_order o ON o.id = md5('order-' || g)::uuid`,
    `INSERT INTO sales_order_line (order_id, line_no, line_id, sku, title, quantity, unit_price, order_created_at)
     SELECT o.id, 2, 'L2', 'SKU-' || lpad(((g * 7 + 13) % 10000)::text, 6, '0'), NULL, 1, 10, o.created_at
       FROM generate_series(${from}, ${to - 1}) AS g JOIN sales_order o ON o.id = md5('order-' || g)::uuid WHERE g % 2 = 0`,
  ];
}
