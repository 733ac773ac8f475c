import type { DataSource } from 'typeorm';
import { isSqlite } from './engine';

export interface PoolStats {
  /** Connections open (busy or idle). */
  total: number;
  /** Open connections waiting for work. */
  free: number;
  /** Requests waiting for a connection because the pool is at its limit. */
  queued: number;
  /** The most connections the pool will open. */
  limit: number;
}

/** The part of mysql2's pool that it keeps in fields of its own (they have no public accessors). */
interface Mysql2Pool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

/**
 * The state of the connection pool behind TypeORM. better-sqlite3 has one connection and runs every statement
 * synchronously, so whenever this runs it is idle.
 */
export function poolStats(dataSource: DataSource): PoolStats {
  if (isSqlite(dataSource)) return { total: 1, free: 1, queued: 0, limit: 1 };
  const pool = (dataSource.driver as { pool?: Mysql2Pool }).pool;
  return {
    total: pool?._allConnections?.length ?? 0,
    free: pool?._freeConnections?.length ?? 0,
    queued: pool?._connectionQueue?.length ?? 0,
    limit: pool?.config?.connectionLimit ?? 0,
  };
}
