import request from 'supertest';
import { EntitySubscriberInterface } from 'typeorm';
import { auth, favorite, follow, RegisteredUser, registerUser, uniqueName } from '../support/factories';
import { isBackgroundQuery } from '../support/background-queries';
import { createTestApp, TestApp } from '../support/test-app';

/** Counts every SQL statement the application sends for requests while `work` runs. */
async function countQueries(
  t: TestApp,
  work: () => Promise<unknown>,
): Promise<{ count: number; queries: string[] }> {
  const queries: string[] = [];
  const counter: EntitySubscriberInterface = {
    beforeQuery: (event) => void (isBackgroundQuery(event.query) || queries.push(event.query)),
  };
  t.dataSource.subscribers.push(counter);
  try {
    await work();
  } finally {
    t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(counter), 1);
  }
  return { count: queries.length, queries };
}

describe('Query efficiency (e2e)', () => {
  let t: TestApp;
  let reader: RegisteredUser;
  const tag = uniqueName('qc').toLowerCase();

  beforeAll(async () => {
    t = await createTestApp();
    reader = await registerUser(t);
    // 25 articles by 5 authors the reader follows, each tagged, some favorited by the reader.
    for (let a = 0; a < 5; a++) {
      const author = await registerUser(t);
      await follow(t, reader, author);
      for (let i = 0; i < 5; i++) {
        const res = await request(t.http)
          .post('/api/articles')
          .set(...auth(author))
          .send({
            article: {
              title: `Article ${a}-${i}`,
              description: 'd',
              body: 'b',
              tagList: [tag, `t${i}`, 'common'],
            },
          })
          .expect(201);
        if (i % 2 === 0) await favorite(t, reader, res.body.article);
      }
    }
    // 20 drafts of the reader's own (in no list but GET /api/user/articles).
    for (let i = 0; i < 20; i++)
      await request(t.http)
        .post('/api/articles')
        .set(...auth(reader))
        .send({
          article: {
            title: `Draft ${i}`,
            description: 'd',
            body: 'b',
            tagList: ['x', 'y', 'z'],
            status: 'draft',
          },
        })
        .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  // The caller's lookup, then the page carrying its tags and its total; the feed reads the followed authors first.
  const pages = [
    ['the global list', (limit: number) => `/api/articles?limit=${limit}`, 2],
    ['the list by tag', (limit: number) => `/api/articles?tag=${tag}&limit=${limit}`, 2],
    ['the feed', (limit: number) => `/api/articles/feed?limit=${limit}`, 3],
    // Own articles: the page, then their count (no counter holds it).
    ['own articles', (limit: number) => `/api/user/articles?status=draft&limit=${limit}`, 3],
    // Search: the page by relevance carrying the total of its matches (the full-text index read once); /api/search
    // adds the bodies of the page.
    ['a search', (limit: number) => `/api/articles?q=article&limit=${limit}`, 2],
    ['the search route, with snippets', (limit: number) => `/api/search?q=article&limit=${limit}`, 3],
    ['a search with a tag filter', (limit: number) => `/api/articles?q=article&tag=common&limit=${limit}`, 2],
  ] as const;

  it.each(pages)(
    'should send as many queries for a page of 20 as for a page of 1 from %s',
    async (_name, path, expected) => {
      const one = await countQueries(t, () =>
        request(t.http)
          .get(path(1))
          .set(...auth(reader))
          .expect(200),
      );
      const twenty = await countQueries(t, async () => {
        const res = await request(t.http)
          .get(path(20))
          .set(...auth(reader))
          .expect(200);
        const articles = res.body.articles ?? res.body.results.map((r: { article: unknown }) => r.article);
        expect(articles).toHaveLength(20);
        expect(articles.every((article: { tagList: string[] }) => article.tagList.length === 3)).toBe(true);
      });
      expect(twenty.count).toBe(one.count);
      expect(twenty.count).toBe(expected);
    },
  );

  it('should count a page past the end apart, and only then', async () => {
    const { count } = await countQueries(t, () =>
      request(t.http)
        .get(`/api/articles?tag=${tag}&offset=25`)
        .expect(200, { articles: [], articlesCount: 25 }),
    );
    // The empty page, then the count.
    expect(count).toBe(2);
    const search = await countQueries(t, async () => {
      const res = await request(t.http).get('/api/articles?q=article&offset=1000').expect(200);
      expect(res.body).toEqual({ articles: [], articlesCount: expect.any(Number) });
      expect(res.body.articlesCount).toBeGreaterThan(0);
    });
    expect(search.count).toBe(2);
  });

  it('should read a single article, its tags included, in one query', async () => {
    const list = await request(t.http).get('/api/articles?limit=1').expect(200);
    const { count } = await countQueries(t, async () => {
      const res = await request(t.http).get(`/api/articles/${list.body.articles[0].slug}`).expect(200);
      expect(res.body.article.tagList).toHaveLength(3);
    });
    expect(count).toBe(1);
  });

  it("should read an article's comments in one query, and 404 for no article in one", async () => {
    const list = await request(t.http).get('/api/articles?limit=1').expect(200);
    const found = await countQueries(t, () =>
      request(t.http)
        .get(`/api/articles/${list.body.articles[0].slug}/comments`)
        .expect(200, { comments: [] }),
    );
    const missing = await countQueries(t, () =>
      request(t.http).get('/api/articles/no-such-article/comments').expect(404),
    );
    expect([found.count, missing.count]).toEqual([1, 1]);
  });

  it('should create a tagged article without reading it back', async () => {
    const author = await registerUser(t);
    const { queries } = await countQueries(t, () =>
      request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({
          article: { title: uniqueName('Counted'), description: 'd', body: 'b', tagList: [tag, 'common'] },
        })
        .expect(201),
    );
    const statements = queries.filter((sql) => !TRANSACTION_CONTROL.test(sql.trim()));
    // The caller's lookup, two counters, the article, its search index row, the existing tags, their counters,
    // the links.
    expect(statements).toHaveLength(8);
    expect(statements.filter((sql) => /^\s*SELECT/i.test(sql))).toHaveLength(2);
    expect(statements.some((sql) => /SELECT[\s\S]*FROM\s+[`"]?articles\b/i.test(sql))).toBe(false);
  });
});

/** Statements that open, close or configure a transaction (they differ between the engines). */
const TRANSACTION_CONTROL = /^(SET TRANSACTION|START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i;
