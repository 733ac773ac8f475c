import { resolve } from 'node:path';

export type Engine = 'mysql' | 'sqlite';

export interface MysqlTarget {
  engine: 'mysql';
  /** `mariadb://` (MariaDB's dialect in TypeORM) or `mysql://`. */
  mariadb: boolean;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  connectionLimit: number;
}

export interface SqliteTarget {
  engine: 'sqlite';
  /** Absolute path of the database file. */
  path: string;
}

export type DatabaseTarget = MysqlTarget | SqliteTarget;

/** Reads a DATABASE_URL the way Folio does: `sqlite:<path>`, `mysql://…` or `mariadb://…` (`?connectionLimit=N`). */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path || path === ':memory:') throw new Error('the benchmark needs a SQLite file, not :memory:');
    return { engine: 'sqlite', path: resolve(path) };
  }
  const parsed = new URL(url);
  if (!['mysql:', 'mariadb:'].includes(parsed.protocol)) throw new Error(`unsupported database URL: ${url}`);
  const database = parsed.pathname.slice(1);
  if (!database) throw new Error('the database URL names no database');
  return {
    engine: 'mysql',
    mariadb: parsed.protocol === 'mariadb:',
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
    connectionLimit: Number(parsed.searchParams.get('connectionLimit') ?? 10),
  };
}

/** The URL without its password, for reports. */
export function redactUrl(url: string): string {
  if (url.startsWith('sqlite:')) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
