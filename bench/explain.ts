// `npm run bench:explain -- [--url <DATABASE_URL>] [--check]` prints the plan of every read shape Folio sends,
// built by Folio's own SQL functions with the seeded data's names (EXPLAIN on MySQL/MariaDB, EXPLAIN QUERY PLAN on
// SQLite), so that a change to a query can be checked for full scans and sorts at the seeded size. With --check it
// exits 1, naming the shapes, when a documented sort of the list (newest, oldest, favorites, updated, and a cursor
// page) reads every article or sorts them instead of walking its index.
import { parseArgs } from 'node:util';
import {
  articleBySlugSql,
  countSql,
  DIRECT_PAGE_MAX_OFFSET,
  pageSql,
  type Sql,
} from '../src/content/articles/article-pages.sql';
import {
  queryCountSql,
  queryPageSql,
  type ArticleSort,
  type QueryFilter,
} from '../src/content/articles/article-query.sql';
import { parseSearchQuery } from '../src/content/search/search-text';
import { commentsBySlugSql } from '../src/content/comments/comments.repository';
import { TAGS_IN_USE_SQL } from '../src/content/tags/tags.repository';
import { dialectOf } from '../src/database/dialect';
import { fromSqlTimestamp } from '../src/database/timestamps';
import { FOLLOWED_AUTHORS_SQL } from '../src/users/follows.repository';
import { openDb, type Db } from './ceiling/db';
import { parseDatabaseUrl, redactUrl } from './lib/database-url';
import { readSeedInfo, type SeedInfo } from './lib/seed-info';

const ANONYMOUS = 0;
const LIMIT = 20;
/** The sorts of GET /api/articles documented to walk an index (relevance ranks the matches, then sorts them). */
const INDEXED_SORTS: Exclude<ArticleSort, 'relevance'>[] = ['newest', 'oldest', 'favorites', 'updated'];

type PlanRow = Record<string, string | number | null>;

interface Shape {
  name: string;
  sql: Sql;
  /** Checked by --check: must neither read every article nor sort them. */
  indexed?: boolean;
  /**
   * A cursor page's bound on its sort key, as SQLite's plan writes it (`listed_at<?`): the index range must start
   * at the cursor, not at the index's start (checked on SQLite; MySQL's range optimizer bounds the OR itself).
   */
  cursorBound?: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { url: { type: 'string' }, check: { type: 'boolean', default: false } },
  });
  const seed = readSeedInfo(values.url);
  const target = parseDatabaseUrl(seed.url);
  const db = openDb(target);
  const failures: string[] = [];
  let checked = 0;
  try {
    console.log(`plans on ${redactUrl(seed.url)}`);
    for (const shape of await shapes(db, seed, target.engine)) {
      console.log(`\n-- ${shape.name}${shape.indexed ? ' [checked]' : ''}`);
      const explain = target.engine === 'mysql' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN';
      const plan = await db.all<PlanRow>(`${explain} ${shape.sql.text}`, shape.sql.params);
      for (const row of plan) console.log(describe(row, target.engine));
      if (!shape.indexed) continue;
      checked++;
      const problems =
        target.engine === 'mysql' ? mysqlProblems(plan) : sqliteProblems(plan, shape.cursorBound);
      for (const problem of problems) console.log(`  !! ${problem}`);
      if (problems.length > 0) failures.push(`${shape.name} (${problems.join('; ')})`);
    }
  } finally {
    await db.close();
  }
  const verdict =
    failures.length === 0
      ? `all ${checked} checked shapes (the documented sorts, a cursor page) walk an index: no full scan or sort of articles`
      : `${failures.length} of ${checked} checked shapes read or sort every article, or walk to the cursor: ${failures.join(', ')}`;
  console.log(`\n${values.check ? 'check' : 'summary'}: ${verdict}`);
  if (values.check && failures.length > 0) process.exitCode = 1;
}

/** The articles table, by its name or by the alias Folio's statements give it. */
const isArticles = (table: unknown): boolean => table === 'a' || table === 'articles';

/** MySQL/MariaDB: a full scan of articles (type ALL), or a filesort while reading them (not of a derived page). */
function mysqlProblems(plan: PlanRow[]): string[] {
  const problems: string[] = [];
  for (const row of plan.filter((candidate) => isArticles(candidate.table))) {
    if (row.type === 'ALL') problems.push(`full scan of ${row.table} (type=ALL)`);
    if (String(row.Extra ?? '').includes('Using filesort')) problems.push(`filesort of ${row.table}`);
  }
  return problems;
}

/**
 * SQLite: `SCAN a` without an index, or a temporary B-tree for an ORDER BY in a scope that starts by reading
 * articles (the outer sort of a page of ids, 20 rows, is not one); for a cursor page, a search of articles whose
 * range does not start at the cursor (it then reads every article before it: as much as a full scan, deep down).
 */
function sqliteProblems(plan: PlanRow[], cursorBound?: string): string[] {
  const problems: string[] = [];
  const scopes = new Map<unknown, string[]>();
  for (const row of plan) {
    const detail = String(row.detail);
    scopes.set(row.parent, [...(scopes.get(row.parent) ?? []), detail]);
    if (/^SCAN (a|articles)$/.test(detail)) problems.push(`${detail} (every article, no index)`);
  }
  for (const details of scopes.values()) {
    const driving = details.find((detail) => /^(SCAN|SEARCH) /.test(detail));
    const table = driving?.split(' ')[1];
    const sort = details.find((detail) =>
      /^USE TEMP B-TREE FOR (LAST TERM OF |RIGHT PART OF )?ORDER BY$/.test(detail),
    );
    if (sort && isArticles(table)) problems.push(`${sort} after ${driving}`);
  }
  const reads = plan
    .map((row) => String(row.detail))
    .filter((detail) => /^SEARCH (a|articles) .*INDEX/.test(detail));
  if (cursorBound && reads.length > 0 && !reads.some((detail) => detail.includes(`${cursorBound}?`)))
    problems.push(
      `${reads[0]}: no range from the cursor (${cursorBound}?), the index is walked from its start`,
    );
  return problems;
}

async function shapes(db: Db, seed: SeedInfo, engine: 'mysql' | 'sqlite'): Promise<Shape[]> {
  const dialect = dialectOf(engine);
  const reader = seed.reader.id;
  const [author] = await db.all<{ id: number; username: string }>(
    'SELECT id, username FROM users ORDER BY articles_count DESC LIMIT 1',
  );
  const authorId = Number(author.id);
  const followed = await db.all<{ id: number; articles: number }>(FOLLOWED_AUTHORS_SQL, [reader]);
  const feed = {
    kind: 'feed' as const,
    followerId: reader,
    authorIds: followed.filter((row) => Number(row.articles) > 0).map((row) => Number(row.id)),
    reach: LIMIT,
  };
  const far = DIRECT_PAGE_MAX_OFFSET;
  const filters = {
    all: { kind: 'all' as const },
    tag: { kind: 'tag' as const, tag: seed.popularTag },
    author: { kind: 'author' as const, author: author.username },
    own: { kind: 'own' as const, authorId },
    ownDrafts: { kind: 'own' as const, authorId, status: 'draft' as const },
  };
  const listed: [string, Sql][] = [
    ['total of all articles', countSql(filters.all, dialect)],
    ['list, anonymous', pageSql(filters.all, LIMIT, 0, ANONYMOUS, dialect)],
    ['list, signed in', pageSql(filters.all, LIMIT, 0, reader, dialect)],
    [`list at offset ${far} (deferred join)`, pageSql(filters.all, LIMIT, far, ANONYMOUS, dialect)],
    ['most used tag, anonymous', pageSql(filters.tag, LIMIT, 0, ANONYMOUS, dialect)],
    [`most used tag at offset ${far}`, pageSql(filters.tag, LIMIT, far, ANONYMOUS, dialect)],
    ['most prolific author, anonymous', pageSql(filters.author, LIMIT, 0, ANONYMOUS, dialect)],
    [`most prolific author at offset ${far}`, pageSql(filters.author, LIMIT, far, ANONYMOUS, dialect)],
    ['feed of the reader (20 followed)', pageSql(feed, LIMIT, 0, reader, dialect)],
    [
      "the most prolific author's own articles, any status",
      pageSql(filters.own, LIMIT, 0, authorId, dialect),
    ],
    ["the most prolific author's own drafts", pageSql(filters.ownDrafts, LIMIT, 0, authorId, dialect)],
    ["total of the most prolific author's own drafts", countSql(filters.ownDrafts, dialect)],
    ['article, anonymous', articleBySlugSql(seed.slug, ANONYMOUS, dialect)],
    ['article, signed in', articleBySlugSql(seed.slug, reader, dialect)],
    ['comments, anonymous', commentsBySlugSql(seed.slug, ANONYMOUS)],
    ['comments, signed in', commentsBySlugSql(seed.slug, reader)],
    ['tags in use', { text: TAGS_IN_USE_SQL, params: [] }],
  ];
  return [...listed.map(([name, sql]) => ({ name, sql })), ...(await queryShapes(db, seed, engine))];
}

/**
 * The list's query language (article-query.sql.ts): a search by relevance and its total, each documented sort's
 * first cursor page (a row more than the page, as Folio reads it), a cursor page halfway down the list, several
 * authors, all of two tags.
 */
async function queryShapes(db: Db, seed: SeedInfo, engine: 'mysql' | 'sqlite'): Promise<Shape[]> {
  const dialect = dialectOf(engine);
  const page = (filter: QueryFilter, start?: { key: string; id: number }): Sql =>
    queryPageSql(filter, start, LIMIT + 1, ANONYMOUS, dialect);
  const authors = await db.all<{ username: string }>(
    'SELECT username FROM users ORDER BY articles_count DESC, id ASC LIMIT 3',
  );
  const [middle] = await db.all<{ id: number; listedAt: Date | string }>(
    `SELECT id, listed_at AS listedAt FROM articles WHERE listed_at IS NOT NULL
     ORDER BY listed_at DESC, id DESC LIMIT 1 OFFSET ?`,
    [Math.floor(seed.counts.articles / 2)],
  );
  const shapes: Shape[] = [];
  if (seed.searchQuery) {
    const search: QueryFilter = {
      kind: 'query',
      sort: 'relevance',
      text: parseSearchQuery(seed.searchQuery),
    };
    shapes.push(
      {
        name: `search "${seed.searchQuery}" by relevance`,
        sql: queryPageSql(search, undefined, LIMIT, ANONYMOUS, dialect),
      },
      { name: `total of the search "${seed.searchQuery}"`, sql: queryCountSql(search, dialect) },
    );
  }
  for (const sort of INDEXED_SORTS)
    shapes.push({
      name: `sort=${sort}, first cursor page`,
      sql: page({ kind: 'query', sort }),
      indexed: true,
    });
  if (middle) {
    const key = fromSqlTimestamp(middle.listedAt).toISOString();
    shapes.push({
      name: `sort=newest, cursor page halfway down (after article ${middle.id})`,
      sql: page({ kind: 'query', sort: 'newest' }, { key, id: Number(middle.id) }),
      indexed: true,
      cursorBound: 'listed_at<',
    });
  }
  const names = authors.map((author) => author.username);
  const several: QueryFilter = { kind: 'query', sort: 'newest', authors: names };
  const bothTags: QueryFilter = {
    kind: 'query',
    sort: 'newest',
    tags: { names: seed.tags.slice(0, 2), match: 'all' },
  };
  shapes.push(
    { name: `${names.length} authors (the most prolific), newest`, sql: page(several) },
    { name: `total of ${names.length} authors`, sql: queryCountSql(several, dialect) },
    { name: `tags all of ${seed.tags.slice(0, 2).join(', ')}, newest`, sql: page(bothTags) },
    { name: 'total of tags all', sql: queryCountSql(bothTags, dialect) },
  );
  return shapes;
}

function describe(row: Record<string, string | number | null>, engine: 'mysql' | 'sqlite'): string {
  if (engine === 'sqlite') return `  ${String(row.detail)}`;
  const cells = ['select_type', 'table', 'type', 'key', 'ref', 'rows', 'Extra'].map(
    (column) => `${column}=${row[column] === null || row[column] === '' ? '–' : String(row[column])}`,
  );
  return `  ${cells.join('  ')}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
