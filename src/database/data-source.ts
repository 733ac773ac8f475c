import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { FolioDataSource } from './engine-columns';

export const DEFAULT_SQLITE_PATH = 'data/folio.sqlite';

export type DatabaseEngine = 'sqlite' | 'mysql';

/**
 * DataSource options for a DATABASE_URL: unset or `sqlite:<path>` is the embedded SQLite file,
 * `mysql://` is MySQL 8 and `mariadb://` is MariaDB (same mysql2 driver, MariaDB's dialect rules).
 */
export function buildDataSourceOptions(url: string | undefined): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTableName: 'migrations',
  };
  if (!url || url.startsWith('sqlite:')) {
    const database = sqlitePath(url);
    return {
      ...common,
      type: 'better-sqlite3',
      database,
      enableWAL: database !== ':memory:',
      timeout: 10_000,
    };
  }
  const parsed = new URL(url);
  return {
    ...common,
    type: parsed.protocol === 'mariadb:' ? 'mariadb' : 'mysql',
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    // mysql2 would capture a stack trace on every query to decorate errors it may never raise; TypeORM's errors
    // already name the failed SQL.
    trace: false,
    // Bounded: while the server is unreachable, requests fail fast with a 503 instead of hanging.
    connectTimeout: 3_000,
    extra: { connectionLimit: Number(parsed.searchParams.get('connectionLimit') ?? 10) },
  };
}

export function engineOf(options: DataSourceOptions): DatabaseEngine {
  return options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}

function sqlitePath(url: string | undefined): string {
  const path = url ? url.slice('sqlite:'.length) : DEFAULT_SQLITE_PATH;
  if (path === ':memory:') return path;
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  return absolute;
}

/** The DataSource the TypeORM CLI uses (through ../../ormconfig.ts). */
export default new FolioDataSource(buildDataSourceOptions(process.env.DATABASE_URL));
