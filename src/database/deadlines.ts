/** The time limits every database call runs under (DATABASE_ACQUIRE_TIMEOUT_MS, …_QUERY_TIMEOUT_MS, …_QUEUE_LIMIT). */
export interface DatabaseDeadlines {
  /** The longest wait for a pooled connection (on SQLite: for the connection's turn). */
  acquireTimeoutMs: number;
  /** The longest a statement may run before the server aborts it. */
  queryTimeoutMs: number;
  /** How many requests may wait for a connection at once. */
  queueLimit: number;
}

/**
 * How much longer than the server's own statement limit the client waits before it gives the connection up: a slow
 * statement is then aborted by the server (a clean error, the connection stays usable), and only a server that
 * does not answer at all (frozen, partitioned) costs a connection.
 */
export const CLIENT_GRACE_MS = 500;

export type PoolTimeoutStage = 'acquire' | 'query';

/** What requests went through to reach the database, for metrics. */
export interface PoolObserver {
  /** A connection (or turn) was obtained after waiting this long. */
  waited(seconds: number): void;
  timedOut(stage: PoolTimeoutStage): void;
  /** Refused at once: the waiting queue was full. */
  rejected(): void;
}

/** Passes every observation on to each observer registered (the metrics, when enabled). */
export class PoolEvents implements PoolObserver {
  private readonly observers: PoolObserver[] = [];

  add(observer: PoolObserver): void {
    this.observers.push(observer);
  }

  waited(seconds: number): void {
    for (const observer of this.observers) observer.waited(seconds);
  }

  timedOut(stage: PoolTimeoutStage): void {
    for (const observer of this.observers) observer.timedOut(stage);
  }

  rejected(): void {
    for (const observer of this.observers) observer.rejected();
  }
}
