/**
 * Errors that mean "the database is not there right now" rather than "this request is wrong":
 * the server shutting down or starting up (57P01–57P03), a connection failure (class 08), a
 * statement ended by its time bound (57014), a connection that dropped (node-postgres says
 * "Connection terminated" without a SQLSTATE), refused or reset sockets, and a pool that could not
 * connect in time, and TypeORM's "query runner already released" (it releases a runner whose
 * connection failed, and the transaction's next statement or commit then finds it gone). The API answers them with 503 and Retry-After; a retry with the same
 * Idempotency-Key is safe.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '57014', '53300']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const RELEASED = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);
const MESSAGES = [
  /^Connection terminated/i,
  /^timeout exceeded when trying to connect/i,
  /^Client has encountered a connection error and is not queryable/i,
  /^Client was closed and is not queryable/i,
  /^Connection ended/i,
  /Query read timeout/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; errors?: unknown };
  if (typeof e.name === 'string' && RELEASED.has(e.name)) return true;
  if (e.driverError && e.driverError !== error && isDatabaseUnavailable(e.driverError)) return true;
  if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
  const code = typeof e.code === 'string' ? e.code : '';
  if (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || SOCKET_CODES.has(code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return !code && MESSAGES.some((pattern) => pattern.test(message));
}

/** Seconds a client should wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
