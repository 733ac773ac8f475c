import type { Engine } from './engine';

/** The SQL fragments that differ between the engines; everything else repositories write is the same on all. */
export interface Dialect {
  /** Inserts the rows a unique index accepts and skips the others. */
  readonly insertIgnore: string;
  /** Appended to a SELECT to lock its rows until the transaction ends (SQLite's transactions already take turns). */
  readonly forUpdate: string;
  /** Like forUpdate, skipping rows another transaction holds (claims of work shared by several instances). */
  readonly forUpdateSkipLocked: string;
  /** An inner join that keeps the written order (the left table drives): MySQL's STRAIGHT_JOIN, SQLite's CROSS JOIN. */
  readonly orderedJoin: string;
  /** The values of `expression` over a group, comma-separated, in `orderBy`'s order (NULL for an empty group). */
  orderedList(expression: string, orderBy: string): string;
  /** Which full-text search article_search has: InnoDB FULLTEXT indexes or an SQLite FTS5 table (search.sql.ts). */
  readonly fullText: 'innodb' | 'fts5';
}

const MYSQL: Dialect = {
  insertIgnore: 'INSERT IGNORE INTO',
  forUpdate: ' FOR UPDATE',
  forUpdateSkipLocked: ' FOR UPDATE SKIP LOCKED',
  orderedJoin: 'STRAIGHT_JOIN',
  // The session's group_concat_max_len is raised when a connection opens (FolioDataSource), MySQL's default being 1 KiB.
  orderedList: (expression, orderBy) => `GROUP_CONCAT(${expression} ORDER BY ${orderBy} SEPARATOR ',')`,
  fullText: 'innodb',
};
const SQLITE: Dialect = {
  insertIgnore: 'INSERT OR IGNORE INTO',
  forUpdate: '',
  forUpdateSkipLocked: '',
  orderedJoin: 'CROSS JOIN',
  // An ORDER BY inside an aggregate needs SQLite 3.44 (better-sqlite3 12 bundles 3.5x).
  orderedList: (expression, orderBy) => `group_concat(${expression}, ',' ORDER BY ${orderBy})`,
  fullText: 'fts5',
};

export function dialectOf(engine: Engine): Dialect {
  return engine === 'sqlite' ? SQLITE : MYSQL;
}
