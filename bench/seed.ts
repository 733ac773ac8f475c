/**
 * Seeds a benchmark database: Folio's migrations on an empty database, then realistic data in bulk.
 *
 *   npm run bench:seed -- --url mariadb://root@127.0.0.1:3306/folio_bench --articles 100000
 *   npm run bench:seed -- --url sqlite:data/bench.sqlite --articles 2000
 *
 * Writes bench/.seed.json for `npm run bench`. See bench/README.md.
 */
import { PasswordHasher } from '../src/auth/password-hasher.service';
import { parseDatabaseUrl, redactUrl, type DatabaseTarget } from './lib/database-url';
import { SEED_INFO_PATH, writeSeedInfo } from './lib/seed-info';
import { seedArticles, type ArticleStats } from './seed/articles';
import { seedArticleTotals, seedFavoriteCounts, seedTags, verifyCounters } from './seed/counters';
import { seedFavorites } from './seed/favorites';
import { parseSeedOptions, type SeedOptions } from './seed/options';
import { SeedPlan } from './seed/plan';
import { resetDatabase, runFolioMigrations } from './seed/schema';
import { addFullTextIndexes, dropFullTextIndexes, verifySearch } from './seed/search';
import { openMysqlSink, openSqliteSink, type Sink } from './seed/sink';
import { PASSWORD, READER, seedFollows, seedUser, seedUsers } from './seed/users';

const TABLES = [
  'users',
  'follows',
  'articles',
  'tags',
  'article_tags',
  'comments',
  'favorites',
  'article_totals',
  'article_search',
];
/** The users the write scenarios sign in as: 64 users after the reader. */
const WRITERS = 64;

async function main(): Promise<void> {
  const options = parseSeedOptions(process.argv.slice(2));
  const target = parseDatabaseUrl(options.url);
  const started = Date.now();
  console.log(`seeding ${redactUrl(options.url)}: ${describe(options)}`);
  await step('schema (Folio migrations)', async () => {
    await resetDatabase(target, options.force);
    await runFolioMigrations(options.url);
  });
  const passwordHash = await step('password hash', () => new PasswordHasher().hash(PASSWORD));
  const plan = await step('plan', async () => new SeedPlan(options));
  const sink = await openSink(target);
  try {
    const counts = await load(sink, plan, passwordHash, options);
    const seconds = (Date.now() - started) / 1000;
    console.log(`done in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
  } finally {
    await sink.close();
  }
}

async function load(
  sink: Sink,
  plan: SeedPlan,
  passwordHash: string,
  options: SeedOptions,
): Promise<Record<string, number>> {
  await step('users', () => seedUsers(sink, plan, passwordHash));
  const follows = await step('follows', () => seedFollows(sink, plan));
  if (sink.engine === 'mysql')
    await step('drop the FULLTEXT indexes for the load', () => dropFullTextIndexes(sink));
  const stats = await step('articles, search index, tag links, comments', () => seedArticles(sink, plan));
  const favorites = await step('favorites', () => seedFavorites(sink, plan));
  const tags = await step('tags and counters', async () => {
    const names = await seedTags(sink, stats.tagCounts);
    await seedArticleTotals(sink, options.articles);
    await seedFavoriteCounts(sink);
    return names;
  });
  if (sink.engine === 'mysql') {
    const timings = await step('FULLTEXT indexes (one ALTER TABLE each)', () => addFullTextIndexes(sink));
    console.log(`    ${timings.join(', ')}`);
  }
  await step(options.analyze ? 'commit and analyze' : 'commit', () => sink.finish(TABLES, options.analyze));
  if (options.verify) {
    await step('verify counters', () => verifyCounters(sink));
    await step('verify the search index', () => verifySearch(sink, stats.search));
  }
  const counts = {
    users: options.users,
    follows,
    articles: options.articles,
    tags: tags.length,
    articleTags: stats.articleTags,
    comments: stats.comments,
    favorites,
  };
  writeInfo(options, counts, tags, stats);
  return counts;
}

function writeInfo(
  options: SeedOptions,
  counts: Record<string, number>,
  tags: string[],
  stats: ArticleStats,
): void {
  const popular = tags.reduce(
    (best, _, i) => (stats.tagCounts[i + 1] > stats.tagCounts[best + 1] ? i : best),
    0,
  );
  writeSeedInfo({
    url: options.url,
    engine: parseDatabaseUrl(options.url).engine,
    seededAt: new Date().toISOString(),
    counts,
    popularTag: tags[popular],
    tags,
    searchQuery: stats.search.query,
    searchMatches: stats.search.matches,
    rareSearchQuery: stats.search.rareQuery,
    rareSearchMatches: stats.search.rareMatches,
    slug: stats.slugs[0],
    slugs: stats.slugs,
    password: PASSWORD,
    reader: READER,
    writers: Array.from({ length: Math.min(WRITERS, options.users - 1) }, (_, i) =>
      seedUser(READER.id + 1 + i),
    ),
  });
  console.log(`wrote ${SEED_INFO_PATH}`);
}

function openSink(target: DatabaseTarget): Promise<Sink> {
  return target.engine === 'mysql' ? openMysqlSink(target) : openSqliteSink(target);
}

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  console.log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function describe(options: SeedOptions): string {
  return (
    `${options.articles} articles, ${options.users} users, ${options.tags} tags, ` +
    `~${options.commentsPerArticle} comments per article, ${options.favoritesPerUser} favorites and ` +
    `${options.followsPerUser} follows per user (seed ${options.seed})`
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
