// `npm run bench:explain -- [--url <DATABASE_URL>]` prints the plan of every read shape Folio sends, built by
// Folio's own SQL functions with the seeded data's names (EXPLAIN on MySQL/MariaDB, EXPLAIN QUERY PLAN on SQLite),
// so that a change to a query can be checked for full scans and sorts at the seeded size.
import { parseArgs } from 'node:util';
import {
  articleBySlugSql,
  countSql,
  DIRECT_PAGE_MAX_OFFSET,
  pageSql,
  type Sql,
} from '../src/content/articles/article-pages.sql';
import { commentsBySlugSql } from '../src/content/comments/comments.repository';
import { TAGS_IN_USE_SQL } from '../src/content/tags/tags.repository';
import { dialectOf } from '../src/database/dialect';
import { FOLLOWED_AUTHORS_SQL } from '../src/users/follows.repository';
import { openDb, type Db } from './ceiling/db';
import { parseDatabaseUrl, redactUrl } from './lib/database-url';
import { readSeedInfo, type SeedInfo } from './lib/seed-info';

const ANONYMOUS = 0;
const LIMIT = 20;

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { url: { type: 'string' } } });
  const seed = readSeedInfo(values.url);
  const target = parseDatabaseUrl(seed.url);
  const db = openDb(target);
  try {
    console.log(`plans on ${redactUrl(seed.url)}`);
    for (const [name, sql] of await shapes(db, seed, target.engine)) {
      console.log(`\n-- ${name}`);
      const explain = target.engine === 'mysql' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN';
      for (const row of await db.all<Record<string, string | number | null>>(
        `${explain} ${sql.text}`,
        sql.params,
      ))
        console.log(describe(row, target.engine));
    }
  } finally {
    await db.close();
  }
}

async function shapes(db: Db, seed: SeedInfo, engine: 'mysql' | 'sqlite'): Promise<[string, Sql][]> {
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
  return [
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
