/** TypeORM answers UPDATE/DELETE ... RETURNING as [rows, count] and INSERT/SELECT as rows: the rows either way. */
export function returnedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}
