import type { Engine } from './engine';

/** The SQL fragments that differ between the engines; everything else repositories write is the same on all. */
export interface Dialect {
  /** Inserts the rows a unique index accepts and skips the others. */
  readonly insertIgnore: string;
  /** Appended to a SELECT to lock its rows until the transaction ends (SQLite's transactions already take turns). */
  readonly forUpdate: string;
  /** An inner join that keeps the written order (the left table drives): MySQL's STRAIGHT_JOIN, SQLite's CROSS JOIN. */
  readonly orderedJoin: string;
}

const MYSQL: Dialect = {
  insertIgnore: 'INSERT IGNORE INTO',
  forUpdate: ' FOR UPDATE',
  orderedJoin: 'STRAIGHT_JOIN',
};
const SQLITE: Dialect = { insertIgnore: 'INSERT OR IGNORE INTO', forUpdate: '', orderedJoin: 'CROSS JOIN' };

export function dialectOf(engine: Engine): Dialect {
  return engine === 'sqlite' ? SQLITE : MYSQL;
}
