import { observed, ReportKind } from './report-kind';

/**
 * 7. Returns not acknowledged or not reflected in stock: a marketplace return the store does not
 * hold; one the store holds that the marketplace still lists as not retrieved (repair: acknowledge
 * it); a status the two disagree on; and a return received into the warehouse while the canonical
 * stock of its SKUs has not changed since before it was received (not restocked).
 */
export const RETURN_HANDLING: ReportKind = {
  name: 'return-handling',
  title: 'Returns not acknowledged or not reflected in stock',
  reads: [{ role: 'marketplace', subject: 'return' }],
  requires: [['marketplace']],
  findingsSql: `
    WITH ${observed('ret', 'marketplace', 'return')},
    paired AS (
      SELECT ret.connection, ret.entity_key, ret.facts, rr.id AS return_id, rr.status AS store_status, rr.updated_at AS store_updated_at
        FROM ret LEFT JOIN return_request rr ON rr.source_connection_name = ret.connection AND rr.return_number = ret.entity_key)
    SELECT 'return_not_in_store' AS code, p.connection, p.entity_key, (p.facts->>'requestedAt')::timestamptz AS entity_time,
           jsonb_build_object('marketplace', p.facts) AS expected, NULL::jsonb AS actual,
           (p.facts->>'refund')::numeric AS amount_at_stake, p.facts->>'currency' AS currency, NULL AS repair_action
      FROM paired p WHERE p.return_id IS NULL AND p.facts->>'status' <> 'cancelled'
    UNION ALL
    SELECT 'return_not_acknowledged', p.connection, p.entity_key, (p.facts->>'requestedAt')::timestamptz,
           jsonb_build_object('acknowledged', true), jsonb_build_object('acknowledged', false),
           (p.facts->>'refund')::numeric, p.facts->>'currency', 'acknowledge_return'
      FROM paired p WHERE p.return_id IS NOT NULL AND NOT (p.facts->>'acknowledged')::boolean
    UNION ALL
    SELECT 'return_status_differs', p.connection, p.entity_key, (p.facts->>'requestedAt')::timestamptz,
           jsonb_build_object('status', p.facts->>'status'), jsonb_build_object('status', p.store_status),
           (p.facts->>'refund')::numeric, p.facts->>'currency', NULL
      FROM paired p WHERE p.return_id IS NOT NULL AND p.store_status <> p.facts->>'status'
    UNION ALL
    SELECT 'return_not_restocked', p.connection, p.entity_key, (p.facts->>'requestedAt')::timestamptz,
           jsonb_build_object('restockedAfter', p.store_updated_at), jsonb_build_object('skus', p.facts->'lines'),
           (p.facts->>'refund')::numeric, p.facts->>'currency', NULL
      FROM paired p
     WHERE p.store_status IN ('received', 'refunded')
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.facts->'lines') l
                    WHERE COALESCE((SELECT max(il.updated_at) FROM inventory_level il WHERE il.sku = l->>'sku'), '-infinity') < p.store_updated_at)`,
};
