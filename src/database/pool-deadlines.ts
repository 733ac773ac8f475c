import { DatabaseBusyError } from './db-errors';
import type { DatabaseDeadlines, PoolObserver } from './deadlines';

/** The parts of a mysql2 pool connection used here. */
export interface PooledConnection {
  query(sql: string, callback: (error: Error | null) => void): unknown;
  release(): void;
}

type ConnectionCallback = (error: Error | null, connection?: PooledConnection) => void;

/** The parts of a mysql2 pool used here (its public getConnection, and the queue limit it reports as a bare Error). */
export interface Mysql2Pool {
  getConnection(callback: ConnectionCallback): void;
}

const QUEUE_FULL_MESSAGE = 'Queue limit reached.';

/**
 * Bounds the wait for a pooled connection: past `acquireTimeoutMs` the caller gets a DatabaseBusyError, and the
 * connection that arrives later goes straight back to the pool. mysql2's own queue limit (set from the same
 * deadlines) becomes a DatabaseBusyError too. A connection is given `sessionSql` (the server-side statement limits)
 * the first time it is handed out; the statements queue ahead of the caller's on that connection.
 */
export function boundPoolWaits(
  pool: Mysql2Pool,
  deadlines: Pick<DatabaseDeadlines, 'acquireTimeoutMs'>,
  observer: PoolObserver,
  sessionSql: readonly string[],
  onSessionError: (error: Error) => void,
): void {
  const getConnection = pool.getConnection.bind(pool);
  const prepared = new WeakSet<PooledConnection>();
  const prepare = (connection: PooledConnection): void => {
    if (prepared.has(connection)) return;
    prepared.add(connection);
    for (const sql of sessionSql) connection.query(sql, (error) => error && onSessionError(error));
  };

  pool.getConnection = (callback: ConnectionCallback): void => {
    const started = performance.now();
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      observer.timedOut('acquire');
      callback(new DatabaseBusyError('acquire timeout'));
    }, deadlines.acquireTimeoutMs);
    getConnection((error, connection) => {
      if (answered) {
        connection?.release();
        return;
      }
      answered = true;
      clearTimeout(timer);
      if (error?.message === QUEUE_FULL_MESSAGE) {
        observer.rejected();
        callback(new DatabaseBusyError('queue full'));
        return;
      }
      if (error || !connection) {
        callback(error ?? new Error('no connection'));
        return;
      }
      observer.waited((performance.now() - started) / 1000);
      prepare(connection);
      callback(null, connection);
    });
  };
}
