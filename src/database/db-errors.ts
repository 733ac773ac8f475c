import { QueryFailedError } from 'typeorm';

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
}

/**
 * True when a write failed on a unique index. MySQL/MariaDB name the index (`ER_DUP_ENTRY … for key 'UQ_users_email'`);
 * SQLite names the columns (`UNIQUE constraint failed: users.email`), so callers pass both.
 */
export function isUniqueViolation(error: unknown, target?: { index: string; columns: string[] }): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: DriverError }).driverError ?? {};
  const message = driverError.message ?? error.message;
  const isMysqlDuplicate = driverError.code === 'ER_DUP_ENTRY' || driverError.errno === 1062;
  const isSqliteDuplicate =
    driverError.code === 'SQLITE_CONSTRAINT_UNIQUE' || driverError.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!isMysqlDuplicate && !isSqliteDuplicate) return false;
  if (!target) return true;
  if (isMysqlDuplicate) return message.includes(`'${target.index}'`) || message.includes(`.${target.index}'`);
  const failed = message.replace(/^.*UNIQUE constraint failed: /, '');
  return target.columns.every((column) => failed.split(', ').some((part) => part.endsWith(`.${column}`)));
}

/**
 * True when a write referred to a row that is not there (any more): MySQL/MariaDB errno 1452, SQLite's foreign key
 * constraint. A write racing the deletion of what it refers to gets this.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: DriverError }).driverError ?? {};
  return (
    driverError.code === 'ER_NO_REFERENCED_ROW_2' ||
    driverError.errno === 1452 ||
    driverError.code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
  );
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'POOL_CLOSED',
]);

/** True when a query failed because the database server could not be reached, not because of the query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidates = [error, (error as { driverError?: unknown })?.driverError];
  return candidates.some((candidate) => {
    const { code, fatal } = (candidate ?? {}) as { code?: unknown; fatal?: unknown };
    return (
      (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || (fatal === true && code !== undefined)
    );
  });
}

/** A deadlock victim or a lock wait timeout: the transaction did nothing and can simply run again. */
export function isTransientLockError(error: unknown): boolean {
  const driverError = ((error as { driverError?: DriverError })?.driverError ?? error) as DriverError;
  return (
    driverError?.code === 'ER_LOCK_DEADLOCK' ||
    driverError?.errno === 1213 ||
    driverError?.code === 'ER_LOCK_WAIT_TIMEOUT' ||
    driverError?.errno === 1205
  );
}

/** No connection could be had in time: the pool stayed exhausted for DATABASE_ACQUIRE_TIMEOUT_MS, or its queue is full. */
export class DatabaseBusyError extends Error {
  constructor(readonly reason: 'acquire timeout' | 'queue full') {
    super(`database busy (${reason})`);
    this.name = 'DatabaseBusyError';
  }
}

/**
 * A write was sent (a statement outside a transaction, or a COMMIT) and the connection failed before the answer
 * came: the change may or may not be stored.
 */
export class WriteOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super(`write outcome unknown: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'WriteOutcomeUnknownError';
  }
}

const STATEMENT_TIMEOUT_CODES = new Set([
  'ER_STATEMENT_TIMEOUT',
  'ER_QUERY_TIMEOUT',
  'PROTOCOL_SEQUENCE_TIMEOUT',
]);
// MariaDB's max_statement_time, MySQL's max_execution_time.
const STATEMENT_TIMEOUT_ERRNOS = new Set([1969, 3024]);

/** The statement ran out of time: aborted by the server, or given up by the client (which then drops the connection). */
export function isStatementTimeout(error: unknown): boolean {
  const driverError = ((error as { driverError?: DriverError })?.driverError ?? error) as DriverError;
  return (
    STATEMENT_TIMEOUT_CODES.has(driverError?.code ?? '') ||
    STATEMENT_TIMEOUT_ERRNOS.has(driverError?.errno ?? 0)
  );
}

/** The client stopped waiting for a statement's answer; the connection is then unusable and must be destroyed. */
export function isClientTimeout(error: unknown): boolean {
  const driverError = ((error as { driverError?: DriverError })?.driverError ?? error) as DriverError;
  return driverError?.code === 'PROTOCOL_SEQUENCE_TIMEOUT';
}

/** The statement was sent, and no answer can come any more: whatever it wrote may or may not have been applied. */
export function isAnswerLost(error: unknown): boolean {
  return isClientTimeout(error) || isDatabaseUnavailable(error);
}
