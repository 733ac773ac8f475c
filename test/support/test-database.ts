import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Connection, createConnection, type RowDataPacket } from 'mysql2/promise';

/**
 * A fresh, empty database: a temporary SQLite file by default, or — when TEST_DATABASE_URL is a mysql:// or
 * mariadb:// URL — a new database on that server named `<URL's database>_<run>_<random>`. The caller drops it
 * (createTestApp does at close); the run's global teardown drops any left behind (run-resources.ts).
 */
export async function freshDatabaseUrl(): Promise<string> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl || serverUrl.startsWith('sqlite:')) {
    return `sqlite:${join(mkdtempSync(join(tmpdir(), 'folio-test-')), 'folio.sqlite')}`;
  }
  const url = new URL(serverUrl);
  const name = `${runDatabasePrefix(url, process.env.FOLIO_TEST_RUN ?? 'adhoc')}${randomBytes(3).toString('hex')}`;
  await onServer(url, [`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`]);
  url.pathname = `/${name}`;
  return url.toString();
}

export function testEngine(): 'sqlite' | 'mysql' {
  const url = process.env.TEST_DATABASE_URL;
  return url && !url.startsWith('sqlite:') ? 'mysql' : 'sqlite';
}

/** Drops the database of a DATABASE_URL on a MySQL/MariaDB server (a SQLite file is left to the temp dir). */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  if (databaseUrl.startsWith('sqlite:')) return;
  const url = new URL(databaseUrl);
  await onServer(url, [`DROP DATABASE IF EXISTS \`${url.pathname.slice(1)}\``]);
}

/** Drops every database of a test run on the server of `serverUrl`. */
export async function dropRunDatabases(serverUrl: string, run: string): Promise<void> {
  const url = new URL(serverUrl);
  const prefix = runDatabasePrefix(url, run);
  const names: string[] = [];
  await onServer(url, [], async (connection) => {
    const [rows] = await connection.query<RowDataPacket[]>('SHOW DATABASES');
    names.push(...rows.map((row) => String(Object.values(row)[0])).filter((name) => name.startsWith(prefix)));
  });
  await onServer(
    url,
    names.map((name) => `DROP DATABASE IF EXISTS \`${name}\``),
  );
}

const runDatabasePrefix = (url: URL, run: string): string =>
  `${url.pathname.slice(1) || 'folio_test'}_${run}_`;

async function onServer(
  url: URL,
  statements: string[],
  read?: (connection: Connection) => Promise<void>,
): Promise<void> {
  const connection = await createConnection({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    await read?.(connection);
    for (const sql of statements) await connection.query(sql);
  } finally {
    await connection.end();
  }
}
