import {
  DatabaseBusyError,
  isDatabaseUnavailable,
  isStatementTimeout,
  WriteOutcomeUnknownError,
} from '../../database/db-errors';
import type { ErrorMap } from '../errors/http-errors';

/** A database failure that is not the client's doing: answered 503 with Retry-After, logged as a warning. */
export interface DatabaseFault {
  errors: ErrorMap;
  /** What the log line says happened (never the statement's parameters). */
  summary: string;
}

/** The 503 answer for a database that is down, frozen, overloaded or lost mid-write; undefined for anything else. */
export function databaseFaultOf(exception: unknown): DatabaseFault | undefined {
  if (exception instanceof WriteOutcomeUnknownError)
    return {
      errors: {
        database: [
          'connection lost while saving: the change may or may not be stored, check before retrying',
        ],
      },
      summary: `write outcome unknown (${messageOf(exception.cause)})`,
    };
  if (exception instanceof DatabaseBusyError)
    return { errors: { database: ['busy, retry shortly'] }, summary: `database busy (${exception.reason})` };
  if (isStatementTimeout(exception))
    return { errors: { database: ['timed out, retry shortly'] }, summary: 'statement timed out' };
  if (isDatabaseUnavailable(exception))
    return {
      errors: { database: ['unavailable, retry shortly'] },
      summary: `database unavailable (${messageOf(exception)})`,
    };
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
