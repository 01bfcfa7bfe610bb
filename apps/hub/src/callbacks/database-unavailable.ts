import { types } from 'node:util';

/** PostgreSQL SQLSTATEs that mean "the database cannot serve now", not "this statement is wrong". */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '55000', '3D000', '40001', '40P01']);
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|not currently accepting connections|the database system is (starting up|shutting down)/i;

/**
 * Whether a database error means the callback could not be stored for now (answered 503 so the
 * sender retries) rather than a fault of ours (500). Connection-class SQLSTATEs (08xxx), admin
 * shutdowns, too many connections, socket errors and the pool's own timeouts count as unavailable.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidates = [error, (error as { driverError?: unknown } | undefined)?.driverError];
  return candidates.some((candidate) => {
    // Socket errors are made by Node's core, whose Error is not this realm's under a test runner's VM.
    if (!(candidate instanceof Error) && !types.isNativeError(candidate)) return false;
    const code = (candidate as Error & { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_STATES.has(code) || UNAVAILABLE_CODES.has(code))) return true;
    return UNAVAILABLE_MESSAGES.test(candidate.message);
  });
}
