import request from 'supertest';
import { seedDemoData } from '../../scripts/seed/seed-demo-data';
import { CACHE_VERSION_POLL_MS } from '../../src/cache/cache-version.watcher';
import { ResponseCache } from '../../src/cache/response-cache.service';
import { auth, registerUser, uniqueName } from '../support/factories';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';
import { dropTestDatabase, freshDatabaseUrl } from '../support/test-database';
import { describeWithRedis, openTestRedis, TestRedis } from '../support/test-redis';
import { waitFor } from '../support/wait';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a write announced by the seed may stay hidden: one poll of the cache version, plus a loaded machine's slack. */
const VISIBLE_WITHIN_MS = CACHE_VERSION_POLL_MS + 1500;
const SIZE = { users: 3, articles: 6 };

interface ArticleList {
  articles: { slug: string; createdAt: string }[];
  articlesCount: number;
}

/**
 * `npm run seed` beside a running server: the server (a process of its own, its response cache warm) must show what
 * the seed wrote as soon as the seed is done, not when its cached answers expire (CACHE_TTL_SECONDS, 60 s).
 * The seed is the same core function the CLI runs, in an instance of its own on the same database.
 */
describe('A seed beside a running server (e2e)', () => {
  let databaseUrl: string;
  let server: ServerProcess;
  let seeder: TestApp;

  async function start(env: Record<string, string> = {}): Promise<void> {
    databaseUrl = await freshDatabaseUrl();
    const shared = { DATABASE_URL: databaseUrl, CACHE_ENABLED: 'true', CACHE_TTL_SECONDS: '60', ...env };
    server = await startServerProcess({ ...shared, JWT_SECRET: 'seed-beside-server-secret-0123456789' });
    seeder = await createTestApp(shared);
  }

  async function stop(): Promise<void> {
    await seeder?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  }

  async function list(): Promise<ArticleList> {
    const res = await fetch(`${server.url}/api/articles?limit=100`);
    expect(res.status).toBe(200);
    return (await res.json()) as ArticleList;
  }

  /** Waits for `shown` on the server, and answers how long that took from `since`. */
  async function shownAfter(since: number, shown: () => Promise<boolean>): Promise<number> {
    await waitFor(shown, VISIBLE_WITHIN_MS + 5000, 'the server to show the new data');
    return Date.now() - since;
  }

  async function storedArticles(): Promise<string[]> {
    const rows: { slug: string }[] = await seeder.dataSource.query(
      'SELECT slug FROM articles ORDER BY created_at DESC, id DESC',
    );
    return rows.map(({ slug }) => slug);
  }

  function seedShowsAtOnce(): void {
    it('should show what the seed wrote at once, though the server had cached the empty state', async () => {
      expect((await list()).articlesCount).toBe(0);
      expect((await list()).articlesCount).toBe(0);

      await seedDemoData(seeder.app, { size: SIZE });
      const seeded = Date.now();
      const stored = await storedArticles();
      expect(stored.length).toBe(SIZE.articles);

      const took = await shownAfter(seeded, async () => (await list()).articlesCount === stored.length);
      expect(took).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
      const shown = await list();
      expect(shown.articles.map(({ slug }) => slug)).toEqual(stored);
      const dates = shown.articles.map(({ createdAt }) => Date.parse(createdAt));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      expect(dates[0] - dates.at(-1)!).toBeGreaterThan(7 * 24 * 3_600_000);
    });
  }

  describe('with the in-memory cache of each instance', () => {
    beforeAll(async () => {
      delete process.env.REDIS_URL;
      delete process.env.REDIS_KEY_PREFIX;
      await start();
    });
    afterAll(stop);

    seedShowsAtOnce();

    it("should keep a write it was not told of hidden, and show it within a poll of the seed's announcement", async () => {
      // The seed announces after each of its steps; the previous test may have seen an early one, so the server
      // first gets time to see the last.
      await sleep(2 * CACHE_VERSION_POLL_MS + 200);
      const before = (await list()).articlesCount;
      const author = await registerUser(seeder);
      await request(seeder.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({ article: { title: uniqueName('unannounced'), description: 'd', body: 'b' } })
        .expect(201);
      // Long enough for two polls: the poll alone retires nothing.
      await sleep(2 * CACHE_VERSION_POLL_MS + 200);
      expect((await list()).articlesCount).toBe(before);

      await seeder.app.get(ResponseCache).invalidateEverywhere();
      const announced = Date.now();
      const took = await shownAfter(announced, async () => (await list()).articlesCount === before + 1);
      expect(took).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
    });
  });

  describeWithRedis('with one Redis cache for both', () => {
    let redis: TestRedis;

    beforeAll(async () => {
      redis = await openTestRedis();
      await start(redis.env);
    });
    afterAll(async () => {
      await stop();
      await redis.close();
    });

    seedShowsAtOnce();
  });
});
