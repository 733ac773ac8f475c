import Database from 'better-sqlite3';
import { createPool, type Pool, type PoolConnection, type ResultSetHeader } from 'mysql2/promise';
import type { DatabaseTarget, MysqlTarget, SqliteTarget } from '../lib/database-url';

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
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database.Database) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.statement(sql).all(...params) as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<RunResult> {
    const result = this.statement(sql).run(...params);
    return { insertId: Number(result.lastInsertRowid), affectedRows: result.changes };
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => this.once(work));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private async once<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    this.db.exec('BEGIN');
    try {
      const result = await work(this);
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Prepared statements are cached, as TypeORM's better-sqlite3 driver caches them. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** The same connection settings Folio's DataSource uses (utf8mb4, UTC, pool size from the URL). */
export function openDb(target: DatabaseTarget): Db {
  return target.engine === 'mysql' ? openMysql(target) : openSqlite(target);
}

function openMysql(target: MysqlTarget): Db {
  const pool = createPool({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    trace: false,
    connectTimeout: 3_000,
    connectionLimit: target.connectionLimit,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  return new MysqlDb(pool);
}

function openSqlite(target: SqliteTarget): Db {
  const db = new Database(target.path, { timeout: 10_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  return new SqliteDb(db);
}
