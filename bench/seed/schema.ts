import { rmSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { FolioDataSource } from '../../src/database/folio-data-source';
import type { DatabaseTarget, MysqlTarget } from '../lib/database-url';

/** Starts from an empty database: the MySQL database is dropped and created again, the SQLite file deleted. */
export async function resetDatabase(target: DatabaseTarget, force: boolean): Promise<void> {
  if (target.engine === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${target.path}${suffix}`, { force: true });
    return;
  }
  if (!force && !/bench/i.test(target.database))
    throw new Error(`refusing to drop "${target.database}": its name lacks "bench" (pass --force to insist)`);
  await recreateMysqlDatabase(target);
}

/** Folio's own migrations build the schema, so the benchmark runs on exactly the production schema. */
export async function runFolioMigrations(url: string): Promise<void> {
  const dataSource = new FolioDataSource(buildDataSourceOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}

async function recreateMysqlDatabase(target: MysqlTarget): Promise<void> {
  const connection = await createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
  });
  try {
    const name = connection.escapeId(target.database);
    await connection.query(`DROP DATABASE IF EXISTS ${name}`);
    await connection.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}
