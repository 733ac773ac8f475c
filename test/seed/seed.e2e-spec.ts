import request from 'supertest';
import { DEMO_USER } from '../../scripts/seed/demo-plan';
import { SeedReport, seedDemoData } from '../../scripts/seed/seed-demo-data';
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

  beforeAll(async () => {
    t = await createTestApp();
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
