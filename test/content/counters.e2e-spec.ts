import request from 'supertest';
import { auth, createArticle, follow, registerUser, RegisteredUser, uniqueName } from '../support/factories';
import { counterDrift } from '../support/counters';
import { createTestApp, TestApp } from '../support/test-app';

/** articlesCount comes from counters kept by the writes; these tests hold them against the rows themselves. */
describe('Article counters (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function scalar(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await t.dataSource.query(sql, params);
    return Number(Object.values(row as object)[0] ?? 0);
  }

  async function expectCountersToMatchRows(): Promise<void> {
    expect(await counterDrift(t.dataSource)).toEqual({});
  }

  it('should keep favorites_count exact through concurrent favorites and unfavorites of one article', async () => {
    const author = await registerUser(t);
    const article = await createArticle(t, author);
    const fans = await Promise.all(Array.from({ length: 12 }, () => registerUser(t)));
    await Promise.all(
      fans.map((fan) =>
        request(t.http)
          .post(`/api/articles/${article.slug}/favorite`)
          .set(...auth(fan))
          .expect(200),
      ),
    );
    await Promise.all(
      fans.flatMap((fan, i) => [
        request(t.http)
          .delete(`/api/articles/${article.slug}/favorite`)
          .set(...auth(fan))
          .expect(200),
        // Half of them favorite again at the same time: each ends favorited or not, the count follows.
        ...(i % 2
          ? []
          : [
              request(t.http)
                .post(`/api/articles/${article.slug}/favorite`)
                .set(...auth(fan)),
            ]),
      ]),
    );
    const rows = await scalar(
      'SELECT COUNT(*) FROM favorites f INNER JOIN articles a ON a.id = f.article_id WHERE a.slug = ?',
      [article.slug],
    );
    const read = await request(t.http).get(`/api/articles/${article.slug}`).expect(200);
    expect(read.body.article.favoritesCount).toBe(rows);
    await expectCountersToMatchRows();
  });

  it('should keep every counter exact through concurrent creates, retags and deletes', async () => {
    const authors = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    const [shared, other] = [uniqueName('shared').toLowerCase(), uniqueName('other').toLowerCase()];
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        createArticle(t, authors[i % 3], { tagList: i % 2 ? [shared, other] : [shared] }),
      ),
    );
    const owner = (i: number): RegisteredUser => authors[i % 3];
    await Promise.all(
      created.map((article, i) => {
        if (i % 4 === 0)
          return request(t.http)
            .delete(`/api/articles/${article.slug}`)
            .set(...auth(owner(i)))
            .expect(204);
        if (i % 4 === 1)
          return request(t.http)
            .put(`/api/articles/${article.slug}`)
            .set(...auth(owner(i)))
            .send({ article: { tagList: [other] } })
            .expect(200);
        return Promise.resolve();
      }),
    );
    await expectCountersToMatchRows();

    const byShared = await request(t.http).get(`/api/articles?tag=${shared}&limit=1`).expect(200);
    expect(byShared.body.articlesCount).toBe(
      await scalar(
        'SELECT COUNT(*) FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE t.name = ? AND l.listed_at IS NOT NULL',
        [shared],
      ),
    );
    const byAuthor = await request(t.http)
      .get(`/api/articles?author=${authors[0].username}&limit=1`)
      .expect(200);
    expect(byAuthor.body.articlesCount).toBe(6);
    const all = await request(t.http).get('/api/articles?limit=1').expect(200);
    expect(all.body.articlesCount).toBe(
      await scalar('SELECT COUNT(*) FROM articles WHERE listed_at IS NOT NULL'),
    );
  });

  it('should count a feed from its authors and keep it exact as they publish and delete', async () => {
    const reader = await registerUser(t);
    const [a, b] = await Promise.all([registerUser(t), registerUser(t)]);
    await follow(t, reader, a);
    await follow(t, reader, b);
    const articles = await Promise.all([createArticle(t, a), createArticle(t, a), createArticle(t, b)]);
    await request(t.http)
      .delete(`/api/articles/${articles[0].slug}`)
      .set(...auth(a))
      .expect(204);
    const feed = await request(t.http)
      .get('/api/articles/feed?limit=1')
      .set(...auth(reader))
      .expect(200);
    expect(feed.body.articlesCount).toBe(2);
    expect(feed.body.articles).toHaveLength(1);
  });

  it('should page a feed across authors exactly as one newest-first list, at every offset', async () => {
    const reader = await registerUser(t);
    const authors = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    for (const author of authors) await follow(t, reader, author);
    const written: string[] = [];
    for (let i = 0; i < 15; i++) written.push((await createArticle(t, authors[i % 3])).slug);
    const pages: string[] = [];
    for (let offset = 0; offset < 16; offset += 4) {
      const res = await request(t.http)
        .get(`/api/articles/feed?limit=4&offset=${offset}`)
        .set(...auth(reader))
        .expect(200);
      expect(res.body.articlesCount).toBe(15);
      pages.push(...res.body.articles.map((article: { slug: string }) => article.slug));
    }
    expect(pages).toEqual([...written].reverse());
  });

  it('should delete an article once when two deletes race, counting it out once', async () => {
    const author = await registerUser(t);
    const article = await createArticle(t, author, { tagList: [uniqueName('race').toLowerCase()] });
    const statuses = await Promise.all(
      [1, 2].map(() =>
        request(t.http)
          .delete(`/api/articles/${article.slug}`)
          .set(...auth(author))
          .then((r) => r.status),
      ),
    );
    expect(statuses.sort()).toEqual([204, 404]);
    await expectCountersToMatchRows();
  });

  it('should list the tags in use from the counters, dropping a tag when its last article goes', async () => {
    const author = await registerUser(t);
    const lonely = uniqueName('lonely').toLowerCase();
    const article = await createArticle(t, author, { tagList: [lonely] });
    expect((await request(t.http).get('/api/tags').expect(200)).body.tags).toContain(lonely);
    await request(t.http)
      .delete(`/api/articles/${article.slug}`)
      .set(...auth(author))
      .expect(204);
    expect((await request(t.http).get('/api/tags').expect(200)).body.tags).not.toContain(lonely);
  });
});
