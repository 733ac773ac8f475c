import request from 'supertest';
import { DEMO_USER, TIMELINE_DAYS } from '../../scripts/seed/demo-plan';
import { SeedReport, seedDemoData } from '../../scripts/seed/seed-demo-data';
import { fromSqlTimestamp } from '../../src/database/timestamps';
import { createTestApp, TestApp } from '../support/test-app';

const TABLES = ['users', 'follows', 'articles', 'tags', 'article_tags', 'favorites', 'comments'];
const SEEDING_TIMEOUT_MS = 300_000;

/** `npm run seed` on a fresh database, twice: the second run must find everything in place and add nothing. */
describe('Demo data seed (e2e)', () => {
  let t: TestApp;
  let first: SeedReport;
  let second: SeedReport;
  let afterFirst: Record<string, number>;
  let afterSecond: Record<string, number>;
  let startedAt: number;

  beforeAll(async () => {
    t = await createTestApp();
    startedAt = Date.now();
    first = await seedDemoData(t.app);
    afterFirst = await snapshot();
    second = await seedDemoData(t.app);
    afterSecond = await snapshot();
  }, SEEDING_TIMEOUT_MS);
  afterAll(async () => {
    await t.close();
  });

  async function scalar(sql: string): Promise<number> {
    const [row] = await t.dataSource.query(sql);
    return Number(Object.values(row as object)[0] ?? 0);
  }

  /** Row counts, plus the counters the writes keep, plus a digest of the slugs (same names, not just as many). */
  async function snapshot(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = await scalar(`SELECT COUNT(*) FROM ${table}`);
    counts.articleTotals = await scalar('SELECT SUM(articles) FROM article_totals');
    counts.tagCounters = await scalar('SELECT SUM(articles_count) FROM tags');
    counts.userCounters = await scalar('SELECT SUM(articles_count) FROM users');
    const slugs: { slug: string }[] = await t.dataSource.query('SELECT slug FROM articles ORDER BY id');
    counts.slugDigest = slugs.reduce((hash, { slug }) => [...slug].reduce(mix, hash), 7);
    return counts;
  }

  it('should create a realistic data set on a fresh database', () => {
    expect(afterFirst.users).toBeGreaterThanOrEqual(30);
    expect(afterFirst.articles).toBeGreaterThanOrEqual(200);
    expect(afterFirst.tags).toBeGreaterThanOrEqual(15);
    expect(afterFirst.tags).toBeLessThanOrEqual(25);
    expect(afterFirst.follows).toBeGreaterThan(afterFirst.users);
    expect(afterFirst.favorites).toBeGreaterThan(afterFirst.articles);
    expect(afterFirst.comments).toBeGreaterThan(afterFirst.articles);
    for (const tally of Object.values(first)) expect(tally.created).toBe(tally.planned);
  });

  it('should leave the same data after a second run', () => {
    expect(afterSecond).toEqual(afterFirst);
    for (const tally of Object.values(second)) expect(tally.created).toBe(0);
  });

  it('should keep the counters equal to the rows, as the API does', async () => {
    expect(afterSecond.articleTotals).toBe(afterSecond.articles);
    expect(afterSecond.tagCounters).toBe(afterSecond.article_tags);
    expect(afterSecond.userCounters).toBe(afterSecond.articles);
    expect(
      await scalar(
        'SELECT COUNT(*) FROM favorites f JOIN articles a ON a.id = f.article_id AND a.author_id = f.user_id',
      ),
    ).toBe(0);
  });

  it('should date the articles over the last weeks in the order they were written, each comment after its article', async () => {
    const rows: { id: number; createdAt: Date | string; updatedAt: Date | string }[] =
      await t.dataSource.query(
        'SELECT id, created_at AS createdAt, updated_at AS updatedAt FROM articles ORDER BY id',
      );
    const dates = rows.map(({ createdAt }) => fromSqlTimestamp(createdAt).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(rows.every(({ createdAt, updatedAt }) => String(createdAt) === String(updatedAt))).toBe(true);
    const day = 24 * 3_600_000;
    expect(dates[0]).toBeGreaterThanOrEqual(startedAt - TIMELINE_DAYS * day);
    expect(dates.at(-1)).toBeLessThan(startedAt);
    expect(dates.at(-1)! - dates[0]).toBeGreaterThan((TIMELINE_DAYS - 7) * day);
    expect(new Set(dates.map((date) => Math.floor(date / day))).size).toBeGreaterThan(TIMELINE_DAYS * 0.8);
    expect(
      await scalar(
        'SELECT COUNT(*) FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.created_at <= a.created_at',
      ),
    ).toBe(0);
    const tagged: { n: number | string }[] = await t.dataSource.query(
      // Published as written: each listed at its creation time, its tag links too.
      'SELECT COUNT(*) AS n FROM article_tags l JOIN articles a ON a.id = l.article_id WHERE l.listed_at IS NULL OR l.listed_at <> a.created_at',
    );
    expect(Number(tagged[0].n)).toBe(0);
  });

  it('should list the articles newest first, weeks apart from first page to last', async () => {
    const first = await request(t.http).get('/api/articles?limit=20').expect(200);
    const last = await request(t.http)
      .get(`/api/articles?limit=20&offset=${afterFirst.articles - 20}`)
      .expect(200);
    const dates = [...first.body.articles, ...last.body.articles].map(
      ({ createdAt }: { createdAt: string }) => Date.parse(createdAt),
    );
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(dates[0] - dates.at(-1)!).toBeGreaterThan(6 * 7 * 24 * 3_600_000);
  });

  it('should let the demo user sign in and read a non-empty feed', async () => {
    const login = await request(t.http)
      .post('/api/users/login')
      .send({ user: { email: DEMO_USER.email, password: DEMO_USER.password } })
      .expect(200);
    expect(login.body.user).toMatchObject({ username: DEMO_USER.username, email: DEMO_USER.email });
    expect(login.body.user.bio).toEqual(expect.any(String));
    const feed = await request(t.http)
      .get('/api/articles/feed?limit=5')
      .set('Authorization', `Token ${login.body.user.token}`)
      .expect(200);
    expect(feed.body.articlesCount).toBeGreaterThan(5);
    expect(feed.body.articles).toHaveLength(5);
    expect(feed.body.articles[0].author.following).toBe(true);
  });

  it('should answer the public reads with skewed tags and markdown articles', async () => {
    const tags = await request(t.http).get('/api/tags').expect(200);
    expect(tags.body.tags).toHaveLength(afterFirst.tags);
    const byTag = await Promise.all(
      [tags.body.tags[0], tags.body.tags.at(-1)].map((tag: string) =>
        request(t.http)
          .get(`/api/articles?tag=${encodeURIComponent(tag)}&limit=1`)
          .expect(200),
      ),
    );
    expect(byTag[0].body.articlesCount).toBeGreaterThan(3 * byTag[1].body.articlesCount);
    const [summary] = byTag[0].body.articles;
    const article = await request(t.http).get(`/api/articles/${summary.slug}`).expect(200);
    expect(article.body.article.body).toMatch(/^## /m);
  });
});

function mix(hash: number, char: string): number {
  return (Math.imul(hash, 31) + char.codePointAt(0)!) | 0;
}
