import Database from 'better-sqlite3';
import type { ConnectionOptions } from 'mysql2/promise';
import type { MysqlTarget } from './database-url';

/**
 * The one driver wrapper of the bench tools (the ceiling server and the seed loader): connection settings as
 * Folio's DataSource has them, and SQLite files opened with the pragmas each tool asks for.
 */
export function mysqlConnectionOptions(target: MysqlTarget): ConnectionOptions {
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
  };
}

export function openSqliteFile(path: string, pragmas: string[], options: Database.Options = {}): SqliteFile {
  const db = new Database(path, options);
  for (const pragma of pragmas) db.pragma(pragma);
  return new SqliteFile(db);
}

/** A better-sqlite3 handle whose prepared statements are kept, as TypeORM's better-sqlite3 driver keeps them. */
export class SqliteFile {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.db.close();
  }
}
