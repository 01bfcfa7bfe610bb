import type { EntityManager } from 'typeorm';
import type { Subject, SystemRole } from '../kinds/report-kind';
import type { ObservedFacts } from './observation-facts';

/** What systems said during a run, written page by page. */
export class ObservationRepository {
  /** Forgets a step's partial reads (a run resumed after a crash reads the step again from the start). */
  async clearStep(tx: EntityManager, runId: string, connection: string, subject: Subject): Promise<void> {
    await tx.query(`DELETE FROM reconciliation_observation WHERE run_id = $1 AND connection = $2 AND subject = $3`, [
      runId,
      connection,
      subject,
    ]);
  }

  /**
   * Writes one page. The same entity seen twice (an order whose status changed between two status
   * queries) keeps the later facts; stock figures of one SKU at several locations are summed.
   */
  async write(
    tx: EntityManager,
    runId: string,
    connection: string,
    role: SystemRole,
    subject: Subject,
    observations: readonly ObservedFacts[],
  ): Promise<void> {
    if (observations.length === 0) return;
    const merge =
      subject === 'stock' && role !== 'marketplace'
        ? `jsonb_build_object('sku', EXCLUDED.entity_key,
             'onHand', (reconciliation_observation.facts->>'onHand')::int + (EXCLUDED.facts->>'onHand')::int,
             'available', (reconciliation_observation.facts->>'available')::int + (EXCLUDED.facts->>'available')::int)`
        : 'EXCLUDED.facts';
    // A page may name one SKU twice (two locations): merge inside the page first, as ON CONFLICT cannot touch a row twice.
    const byKey = new Map<string, ObservedFacts>();
    for (const observation of observations) {
      const seen = byKey.get(observation.entityKey);
      if (seen !== undefined && subject === 'stock' && role !== 'marketplace') {
        byKey.set(observation.entityKey, {
          entityKey: observation.entityKey,
          facts: {
            sku: observation.entityKey,
            onHand: Number(seen.facts.onHand) + Number(observation.facts.onHand),
            available: Number(seen.facts.available) + Number(observation.facts.available),
          },
        });
      } else byKey.set(observation.entityKey, observation);
    }
    const rows = [...byKey.values()];
    await tx.query(
      `INSERT INTO reconciliation_observation (run_id, connection, role, subject, entity_key, facts)
       SELECT $1, $2, $3, $4, k, f FROM unnest($5::text[], $6::jsonb[]) AS t (k, f)
       ON CONFLICT (run_id, subject, connection, entity_key) DO UPDATE SET facts = ${merge}`,
      [runId, connection, role, subject, rows.map((r) => r.entityKey), rows.map((r) => JSON.stringify(r.facts))],
    );
  }

  /** The run's observations are only needed until its comparisons are done. */
  async clearRun(tx: EntityManager, runId: string): Promise<void> {
    await tx.query(`DELETE FROM reconciliation_observation WHERE run_id = $1`, [runId]);
  }

  /** Canonical SKUs after `afterSku`, in order: the list stock and price ledgers are asked about. */
  async canonicalSkus(db: EntityManager, afterSku: string, limit: number): Promise<string[]> {
    const rows = (await db.query(
      `SELECT sku FROM (SELECT sku FROM sku UNION SELECT sku FROM inventory_level UNION SELECT sku FROM price WHERE scope = 'canonical') s
        WHERE sku > $1 ORDER BY sku LIMIT $2`,
      [afterSku, limit],
    )) as { sku: string }[];
    return rows.map((r) => r.sku);
  }
}
