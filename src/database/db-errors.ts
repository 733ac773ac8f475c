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
