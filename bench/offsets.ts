// `npm run bench:offsets -- --url <DATABASE_URL>` times Folio's two ways of reading a list page, at growing offsets,
// on a seeded database: the direct query (down the ordering index, joining as it goes) and the deferred join (the
// page's ids from the covering index first). The offset where the deferred join starts to win is where Folio
// switches (DIRECT_PAGE_MAX_OFFSET in src/content/articles/article-pages.sql.ts). No server: the figures are the
// database's own cost per page under load (CONCURRENCY queries at a time, as a busy server sends them): the median
// over --repeat batches of the batch's wall time ÷ its pages.
import { parseArgs } from 'node:util';
import {
  deferredPageSql,
  directPageSql,
  DIRECT_PAGE_MAX_OFFSET,
  type Sql,
} from '../src/content/articles/article-pages.sql';
import type { ArticleFilter } from '../src/content/articles/article-filter';
import { dialectOf } from '../src/database/dialect';
import { openDb, type Db } from './ceiling/db';
import { parseDatabaseUrl, redactUrl } from './lib/database-url';
import { readSeedInfo } from './lib/seed-info';
import { median } from './run/stats';

const OFFSETS = [0, 20, 50, 100, 200, 500, 1000, 5000];
const LIMIT = 20;
const CONCURRENCY = 8;
const BATCH = 200;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { url: { type: 'string' }, repeat: { type: 'string', default: '5' } },
  });
  const seed = readSeedInfo(values.url);
  const target = parseDatabaseUrl(seed.url);
  const repeat = Number(values.repeat);
  const db = openDb(target);
  const dialect = dialectOf(target.engine);
  const filters: [string, ArticleFilter][] = [
    ['all', { kind: 'all' }],
    ['tag', { kind: 'tag', tag: seed.popularTag }],
  ];
  console.log(
    `${redactUrl(seed.url)}: ms per page (${CONCURRENCY} at a time, median of ${repeat} batches of ${BATCH}), Folio switches at ${DIRECT_PAGE_MAX_OFFSET}`,
  );
  console.log(['shape', 'offset', 'direct', 'deferred', 'deferred ÷ direct'].join('\t'));
  try {
    for (const [name, filter] of filters)
      for (const offset of OFFSETS) {
        const direct = directPageSql(filter, LIMIT, offset, 0, dialect)!;
        const deferred = deferredPageSql(filter, LIMIT, offset, 0, dialect);
        const [a, b] = [await timed(db, direct, repeat), await timed(db, deferred, repeat)];
        console.log([name, offset, a.toFixed(2), b.toFixed(2), (b / a).toFixed(2)].join('\t'));
      }
  } finally {
    await db.close();
  }
}

async function timed(db: Db, sql: Sql, repeat: number): Promise<number> {
  await batch(db, sql);
  const times: number[] = [];
  for (let n = 0; n < repeat; n++) times.push(await batch(db, sql));
  return median(times);
}

/** BATCH pages, CONCURRENCY at a time: milliseconds per page. */
async function batch(db: Db, sql: Sql): Promise<number> {
  let left = BATCH;
  const start = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (left-- > 0) await db.all(sql.text, sql.params);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return Number(process.hrtime.bigint() - start) / 1e6 / BATCH;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
