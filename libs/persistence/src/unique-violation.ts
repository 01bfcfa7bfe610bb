/** PostgreSQL's unique_violation, surfaced with the constraint's name so callers can tell which. */
export class UniqueViolation extends Error {
  constructor(
    readonly constraint: string,
    detail?: string,
  ) {
    super(`Unique constraint ${constraint} violated${detail ? `: ${detail}` : ''}`);
    this.name = 'UniqueViolation';
  }
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  driverError?: PgError;
}

export function asUniqueViolation(error: unknown): UniqueViolation | undefined {
  const pg = error as PgError | undefined;
  const source = pg?.driverError ?? pg;
  if (source?.code !== '23505') return undefined;
  return new UniqueViolation(source.constraint ?? 'unknown', source.detail);
}
