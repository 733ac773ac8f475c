import { resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const DEFAULT_SQLITE_PATH = 'data/folio.sqlite';

/**
 * DataSource options for a DATABASE_URL: unset or `sqlite:<path>` is the embedded SQLite file,
 * `mysql://` is MySQL 8 and `mariadb://` is MariaDB (same mysql2 driver, MariaDB's dialect rules). Pure: nothing is
 * opened or created until a FolioDataSource with these options is initialized.
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

function sqlitePath(url: string | undefined): string {
  const path = url ? url.slice('sqlite:'.length) : DEFAULT_SQLITE_PATH;
  return path === ':memory:' ? path : resolve(path);
}

/**
 * Where options point, fit for a log line: the SQLite file, or the server as a URL with the password masked
 * (`mariadb://root:***@127.0.0.1:3306/folio`) and without its query.
 */
export function describeDatabase(options: DataSourceOptions): string {
  if (options.type === 'better-sqlite3') return options.database;
  if (options.type !== 'mysql' && options.type !== 'mariadb') return options.type;
  const { type, host, port, username, password, database } = options;
  const credentials = username ? `${encodeURIComponent(username)}${password ? ':***' : ''}@` : '';
  return `${type}://${credentials}${host}:${port}/${database}`;
}
