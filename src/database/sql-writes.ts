import { EntityManager } from 'typeorm';

export interface WriteResult {
  /** The generated id of the (first) inserted row; 0 when the statement inserted none. */
  insertId: number;
  affectedRows: number;
}

/**
 * Runs one INSERT, UPDATE or DELETE written as SQL text (`?` placeholders) inside the caller's transaction and
 * reports what it did on either engine. Hot write paths use it instead of the ORM's per-call statement building.
 */
export async function runWrite(manager: EntityManager, sql: string, params: unknown[]): Promise<WriteResult> {
  if (!manager.queryRunner) throw new Error("runWrite needs a transaction's manager");
  const result: { raw: unknown; affected?: number } = await manager.queryRunner.query(sql, params, true);
  const { raw, affected } = result;
  // mysql2 answers a result header; better-sqlite3 (through TypeORM) the last inserted rowid.
  const insertId = typeof raw === 'object' && raw !== null ? (raw as { insertId?: number }).insertId : raw;
  return { insertId: Number(insertId ?? 0), affectedRows: Number(affected ?? 0) };
}

/** `INSERT IGNORE INTO` (MySQL/MariaDB) or `INSERT OR IGNORE INTO` (SQLite): skips rows a unique index refuses. */
export function insertIgnoreInto(manager: EntityManager): string {
  return manager.connection.options.type === 'better-sqlite3'
    ? 'INSERT OR IGNORE INTO'
    : 'INSERT IGNORE INTO';
}

/** `?, ?, …` for a list of values. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
