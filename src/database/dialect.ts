import type { Engine } from './engine';

/** The SQL fragments that differ between the engines; everything else repositories write is the same on all. */
export interface Dialect {
  /** Inserts the rows a unique index accepts and skips the others. */
  readonly insertIgnore: string;
  /** Appended to a SELECT to lock its rows until the transaction ends (SQLite's transactions already take turns). */
  readonly forUpdate: string;
}

const MYSQL: Dialect = { insertIgnore: 'INSERT IGNORE INTO', forUpdate: ' FOR UPDATE' };
const SQLITE: Dialect = { insertIgnore: 'INSERT OR IGNORE INTO', forUpdate: '' };

export function dialectOf(engine: Engine): Dialect {
  return engine === 'sqlite' ? SQLITE : MYSQL;
}
