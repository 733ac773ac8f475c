import type { Dialect } from './dialect';
import type { Engine } from './engine';

export interface WriteResult {
  /** The generated id of the (first) inserted row; 0 when the statement inserted none. */
  insertId: number;
  affectedRows: number;
}

/**
 * Runs SQL text with `?` placeholders. Repositories write every statement through one: the application's
 * Database outside a transaction, or the Transaction a service opened.
 */
export interface SqlExecutor {
  readonly engine: Engine;
  readonly dialect: Dialect;
  /** The rows a SELECT returns. */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** An INSERT, UPDATE or DELETE, and what it did. */
  execute(sql: string, params?: readonly unknown[]): Promise<WriteResult>;
}

/** An executor inside an open transaction: what it writes commits or rolls back with the rest. */
export interface Transaction extends SqlExecutor {
  readonly inTransaction: true;
}

/** `?, ?, …` for a list of values. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
