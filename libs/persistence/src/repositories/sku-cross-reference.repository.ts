import { EntityManager } from 'typeorm';

/**
 * The SKU cross-reference: a provider's item code (a 3PL's merchant goods number, a warehouse
 * number, a barcode) to the canonical SKU, from the SKU master (`sku.item_numbers`, `sku.barcodes`)
 * and from references an operator or a flow bound to one connection (`external_ref`, entity `sku`).
 */
export class SkuCrossReferenceRepository {
  /** The canonical SKU of each code that has one; codes without one are left out. */
  async resolve(db: EntityManager, connectionId: string | null, codes: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (codes.length === 0) return found;
    if (connectionId !== null) {
      const refs = (await db.query(
        `SELECT external_id AS code, entity_id AS sku FROM external_ref
          WHERE connection_id = $1 AND entity_type = 'sku' AND external_id = ANY($2::text[])`,
        [connectionId, codes],
      )) as { code: string; sku: string }[];
      for (const ref of refs) found.set(ref.code, ref.sku);
    }
    const rest = codes.filter((code) => !found.has(code));
    if (rest.length === 0) return found;
    const master = (await db.query(
      `SELECT c.code, s.sku FROM unnest($1::text[]) AS c(code)
         JOIN sku s ON s.sku = c.code
                    OR c.code = ANY(s.barcodes)
                    OR EXISTS (SELECT 1 FROM jsonb_each_text(s.item_numbers) n WHERE n.value = c.code)`,
      [rest],
    )) as { code: string; sku: string }[];
    for (const row of master) if (!found.has(row.code)) found.set(row.code, row.sku);
    return found;
  }
}
