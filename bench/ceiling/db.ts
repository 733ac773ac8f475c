import { createPool, type Pool, type PoolConnection, type ResultSetHeader } from 'mysql2/promise';
import type { DatabaseTarget, MysqlTarget, SqliteTarget } from '../lib/database-url';
import { mysqlConnectionOptions, openSqliteFile, type SqliteFile } from '../lib/drivers';

export interface RunResult {
  insertId: number;
  affectedRows: number;
}

export interface Queryable {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<RunResult>;
}

/** The two engines behind one small interface; SQL is written once, with `?` placeholders. */
export interface Db extends Queryable {
  readonly engine: 'mysql' | 'sqlite';
  /** `INSERT IGNORE INTO` or `INSERT OR IGNORE INTO`. */
  readonly insertIgnore: string;
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const TRANSACTION_ATTEMPTS = 4;
const TRANSIENT_LOCK_ERRORS = new Set([1213, 1205]);

class MysqlDb implements Db {
  readonly engine = 'mysql';
  readonly insertIgnore = 'INSERT IGNORE INTO';

  constructor(private readonly pool: Pool) {}

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryRows<T>(this.pool, sql, params);
  }

  run(sql: string, params: unknown[] = []): Promise<RunResult> {
    return runStatement(this.pool, sql, params);
  }

  /** READ COMMITTED, retried when chosen as a deadlock victim: what Folio's Transactions service does. */
  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        const errno = (error as { errno?: number }).errno ?? 0;
        if (!TRANSIENT_LOCK_ERRORS.has(errno) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async once<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const connection = await this.pool.getConnection();
    try {
      await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await connection.query('START TRANSACTION');
      const tx: Queryable = {
        all: (sql, params = []) => queryRows(connection, sql, params),
        run: (sql, params = []) => runStatement(connection, sql, params),
      };
      try {
        const result = await work(tx);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK');
        throw error;
      }
    } finally {
      connection.release();
    }
  }
}

async function queryRows<T>(target: Pool | PoolConnection, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = await target.query(sql, params);
  return rows as T[];
}

async function runStatement(
  target: Pool | PoolConnection,
  sql: string,
  params: unknown[],
): Promise<RunResult> {
  const [result] = await target.query<ResultSetHeader>(sql, params);
  return { insertId: result.insertId, affectedRows: result.affectedRows };
}

/**
 * One connection, as Folio's SQLite driver has. better-sqlite3 is synchronous, so a transaction's statements
 * only interleave with other requests where the work awaits; transactions themselves take turns.
 */
class SqliteDb implements Db {
  readonly engine = 'sqlite';
  readonly insertIgnore = 'INSERT OR IGNORE INTO';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: SqliteFile) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.file.statement(sql).all(...params) as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<RunResult> {
    const result = this.file.statement(sql).run(...params);
    return { insertId: Number(result.lastInsertRowid), affectedRows: result.changes };
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => this.once(work));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.file.close();
  }

  private async once<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    this.file.db.exec('BEGIN');
    try {
      const result = await work(this);
      this.file.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.file.db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** The same connection settings Folio's DataSource uses (utf8mb4, UTC, pool size from the URL). */
export function openDb(target: DatabaseTarget): Db {
  return target.engine === 'mysql' ? openMysql(target) : openSqlite(target);
}

function openMysql(target: MysqlTarget): Db {
  const pool = createPool({
    ...mysqlConnectionOptions(target),
    trace: false,
    connectTimeout: 3_000,
    connectionLimit: target.connectionLimit,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  // As Folio's sessions: room for an article's tag list in one GROUP_CONCAT (MySQL's default is 1 KiB).
  pool.pool.on('connection', (connection) => {
    connection.query('SET SESSION group_concat_max_len = 1048576');
  });
  return new MysqlDb(pool);
}

function openSqlite(target: SqliteTarget): Db {
  return new SqliteDb(
    openSqliteFile(target.path, ['journal_mode = WAL', 'foreign_keys = ON'], { timeout: 10_000 }),
  );
}
