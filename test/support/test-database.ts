import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * A fresh, empty database for one spec file: a temporary SQLite file by default, or — when TEST_DATABASE_URL is a
 * mysql:// or mariadb:// URL — a database of its own on that server (named after the URL's database and the worker).
 */
export async function freshDatabaseUrl(): Promise<string> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl || serverUrl.startsWith('sqlite:')) {
    return `sqlite:${join(mkdtempSync(join(tmpdir(), 'folio-test-')), 'folio.sqlite')}`;
  }
  const url = new URL(serverUrl);
  const name = `${url.pathname.slice(1) || 'folio_test'}_w${process.env.JEST_WORKER_ID ?? '1'}`;
  await recreateMysqlDatabase(url, name);
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

function recreateMysqlDatabase(url: URL, name: string): Promise<void> {
  return onServer(url, [
    `DROP DATABASE IF EXISTS \`${name}\``,
    `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  ]);
}

async function onServer(url: URL, statements: string[]): Promise<void> {
  const connection = await createConnection({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    for (const sql of statements) await connection.query(sql);
  } finally {
    await connection.end();
  }
}
