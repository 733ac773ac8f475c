import { createConnection, type Connection } from 'mysql2/promise';
import type { MysqlTarget, SqliteTarget } from '../lib/database-url';
import { mysqlConnectionOptions, openSqliteFile, type SqliteFile } from '../lib/drivers';

export type Row = (string | number | null)[];

/** Where generated rows go: multi-row INSERTs on MySQL, prepared inserts in one transaction on SQLite. */
export interface Sink {
  /** The engine written to (article_search's id column and its indexes differ). */
  readonly engine: 'mysql' | 'sqlite';
  insert(table: string, columns: string[], rows: Row[]): Promise<void>;
  /** Waits for every pending insert. */
  flush(): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Ends the load: restores the checks the load switched off, commits, refreshes the planner's statistics. */
  finish(tables: string[], analyze: boolean): Promise<void>;
  close(): Promise<void>;
}

const MYSQL_IN_FLIGHT = 2;

class MysqlSink implements Sink {
  readonly engine = 'mysql';
  private pending: Promise<unknown>[] = [];

  constructor(private readonly connection: Connection) {}

  async insert(table: string, columns: string[], rows: Row[]): Promise<void> {
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`;
    // The next batch is generated while this one is sent and written.
    const write = this.connection.query(sql, [rows]);
    write.catch(() => undefined);
    this.pending.push(write);
    if (this.pending.length >= MYSQL_IN_FLIGHT) await this.pending.shift();
  }

  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    for (const write of pending) await write;
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    await this.flush();
    const [rows] = await this.connection.query(sql, params);
    return rows as T[];
  }

  async finish(tables: string[], analyze: boolean): Promise<void> {
    await this.flush();
    await this.connection.query('SET SESSION unique_checks = 1, SESSION foreign_key_checks = 1');
    if (analyze) await this.connection.query(`ANALYZE TABLE ${tables.join(', ')}`);
  }

  async close(): Promise<void> {
    await this.connection.end();
  }
}

class SqliteSink implements Sink {
  readonly engine = 'sqlite';

  constructor(private readonly file: SqliteFile) {}

  async insert(table: string, columns: string[], rows: Row[]): Promise<void> {
    const placeholders = columns.map(() => '?').join(', ');
    const statement = this.file.statement(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`,
    );
    for (const row of rows) statement.run(...row);
  }

  async flush(): Promise<void> {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const statement = this.file.statement(sql);
    return /^\s*(SELECT|WITH)/i.test(sql)
      ? (statement.all(...params) as T[])
      : (statement.run(...params), []);
  }

  async finish(_tables: string[], analyze: boolean): Promise<void> {
    this.file.db.exec('COMMIT');
    if (analyze) this.file.db.exec('ANALYZE');
    this.file.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.file.close();
  }
}

/** Uniqueness and foreign keys hold by construction, so the load skips checking them row by row. */
export async function openMysqlSink(target: MysqlTarget): Promise<Sink> {
  const connection = await createConnection(mysqlConnectionOptions(target));
  await connection.query("SET SESSION time_zone = '+00:00'");
  await connection.query('SET SESSION unique_checks = 0, SESSION foreign_key_checks = 0');
  return new MysqlSink(connection);
}

export async function openSqliteSink(target: SqliteTarget): Promise<Sink> {
  const file = openSqliteFile(target.path, ['journal_mode = WAL', 'synchronous = OFF', 'foreign_keys = OFF']);
  file.db.exec('BEGIN');
  return new SqliteSink(file);
}
