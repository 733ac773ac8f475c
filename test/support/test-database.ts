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

async function recreateMysqlDatabase(url: URL, name: string): Promise<void> {
  const connection = await createConnection({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}
