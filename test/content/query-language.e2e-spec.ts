import request from 'supertest';
import {
  ArticleBody,
  auth,
  createArticle,
  favorite,
  registerUser,
  RegisteredUser,
  uniqueName,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('The list query language: authors, tags, dates, sort, fields, cursor (e2e)', () => {
  let t: TestApp;
  let ann: RegisteredUser;
  let bob: RegisteredUser;
  let cat: RegisteredUser;
  let fans: RegisteredUser[];
  const tag = uniqueName('ql').toLowerCase();
  /** Ann's, Bob's and Cat's articles, oldest first: a0 b0 c0 a1 b1 c1 … */
  const written: ArticleBody[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    [ann, bob, cat, ...fans] = await Promise.all(Array.from({ length: 6 }, () => registerUser(t)));
    for (let round = 0; round < 3; round++)
      for (const [n, author] of [ann, bob, cat].entries()) {
        const tagList = [tag, `${tag}-${n}`, ...(round === 0 ? [`${tag}-first`] : [])];
        written.push(await createArticle(t, author, { tagList, title: uniqueName(`Round ${round}`) }));
      }
  });
  afterAll(() => t.close());

  const list = async (query: string, user?: RegisteredUser): Promise<request.Response> => {
    const req = request(t.http).get(`/api/articles?${query}`);
    return (user ? req.set(...auth(user)) : req).expect(200);
  };
  const slugs = async (query: string): Promise<string[]> =>
    (await list(query)).body.articles.map((a: ArticleBody) => a.slug);
  const by = (...authors: RegisteredUser[]): string[] =>
    written.filter((a) => authors.some((u) => u.username === a.author.username)).map((a) => a.slug);
  const newestFirst = (items: string[]): string[] => [...items].reverse();

  it('should list several authors, newest first, with their total', async () => {
    const res = await list(`author=${ann.username},${cat.username}&sort=newest&limit=100`);
    expect(res.body.articles.map((a: ArticleBody) => a.slug)).toEqual(newestFirst(by(ann, cat)));
    expect(res.body.articlesCount).toBe(6);
    expect(res.body).not.toHaveProperty('nextCursor');
  });

  it('should match any or all of several tags', async () => {
    const any = await slugs(`tags=${tag}-0&tags=${tag}-1&limit=100`);
    expect(any).toEqual(newestFirst(by(ann, bob)));
    const all = await slugs(`tags=${tag}-0&tags=${tag}-first&tagMatch=all&limit=100`);
    expect(all).toEqual([written[0].slug]);
    expect(await slugs(`tag=${tag}-first&tags=${tag}-2&tagMatch=all&limit=100`)).toEqual([written[2].slug]);
  });

  it('should take two names the engine holds as one tag as that tag, for all as for any', async () => {
    // MySQL/MariaDB compare tag names without accents ('café' is 'cafe'); SQLite does not. Either way, an article
    // tagged 'café' has all of café and cafe exactly when a search for cafe finds it.
    const accented = await createArticle(t, fans[0], { tagList: [`café-${tag}`] });
    const plain = await slugs(`tags=cafe-${tag}&limit=100`);
    expect([[], [accented.slug]]).toContainEqual(plain);
    expect(await slugs(`tags=café-${tag}&tags=cafe-${tag}&tagMatch=all&limit=100`)).toEqual(plain);
  });

  it('should keep to created and updated date ranges (from inclusive, to exclusive)', async () => {
    const from = encodeURIComponent(written[3].createdAt);
    const to = encodeURIComponent(written[6].createdAt);
    expect(await slugs(`tags=${tag}&createdFrom=${from}&createdTo=${to}&limit=100`)).toEqual(
      newestFirst(written.slice(3, 6).map((a) => a.slug)),
    );
    const edited = written[1];
    const res = await request(t.http)
      .put(`/api/articles/${edited.slug}`)
      .set(...auth(bob))
      .send({ article: { body: 'changed later' } })
      .expect(200);
    const since = encodeURIComponent(res.body.article.updatedAt);
    expect(await slugs(`tags=${tag}&updatedFrom=${since}`)).toEqual([edited.slug]);
    expect((await slugs(`tags=${tag}&sort=updated&limit=1`))[0]).toBe(edited.slug);
  });

  it('should sort oldest first and most favorited first', async () => {
    expect(await slugs(`tags=${tag}&sort=oldest&limit=100`)).toEqual(written.map((a) => a.slug));
    for (const fan of fans) await favorite(t, fan, written[4]);
    await favorite(t, fans[0], written[7]);
    const top = await slugs(`tags=${tag}&sort=favorites&limit=2`);
    expect(top).toEqual([written[4].slug, written[7].slug]);
  });

  it('should answer only the fields asked for', async () => {
    const res = await list(`author=${ann.username},${bob.username}&fields=slug,title&limit=2`);
    for (const article of res.body.articles) expect(Object.keys(article).sort()).toEqual(['slug', 'title']);
    const realWorld = await list(`author=${ann.username}&fields=slug,author&limit=1`);
    expect(Object.keys(realWorld.body.articles[0]).sort()).toEqual(['author', 'slug']);
  });

  it('should walk every page with a cursor, stable while articles are added and removed', async () => {
    for (const sort of ['newest', 'oldest', 'favorites', 'updated'] as const) {
      const expected = await slugs(`tags=${tag}&sort=${sort}&limit=100`);
      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; page < 20; page++) {
        const res = await list(`tags=${tag}&sort=${sort}&limit=2&cursor=${encodeURIComponent(cursor)}`);
        seen.push(...res.body.articles.map((a: ArticleBody) => a.slug));
        expect(res.body.articlesCount).toBe(expected.length);
        if (res.body.nextCursor === null) break;
        cursor = res.body.nextCursor;
      }
      expect({ sort, seen }).toEqual({ sort, seen: expected });
    }

    // Between pages: a new article (newest: before the cursor, so not on later pages) and a deleted one (after it).
    const first = await list(`tags=${tag}&sort=newest&limit=3&cursor=`);
    const before = await slugs(`tags=${tag}&sort=newest&limit=100`);
    await createArticle(t, ann, { tagList: [tag] });
    const doomed = before[5];
    await request(t.http)
      .delete(`/api/articles/${doomed}`)
      .set(...auth(ownerOf(doomed)))
      .expect(204);
    const second = await list(
      `tags=${tag}&sort=newest&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.articles.map((a: ArticleBody) => a.slug)).toEqual(
      before.slice(3, 7).filter((slug) => slug !== doomed),
    );
  });

  it('should page a search by relevance with a cursor, and combine it with a sort', async () => {
    const all = await slugs(`q=round&tags=${tag}&limit=100`);
    expect(all.length).toBeGreaterThan(3);
    const first = await list(`q=round&tags=${tag}&limit=3&cursor=`);
    const second = await list(
      `q=round&tags=${tag}&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect([...first.body.articles, ...second.body.articles].map((a: ArticleBody) => a.slug)).toEqual(
      all.slice(0, 6),
    );
    const newest = await slugs(`q=round&tags=${tag}&sort=newest&limit=100`);
    expect(newest).toEqual(
      await slugs(`tags=${tag}&sort=newest&limit=100`).then((s) => s.filter((x) => all.includes(x))),
    );
  });

  it.each([
    ['sort=relevance', { sort: ['relevance needs a search (q)'] }],
    ['sort=alphabetical', { sort: ['must be one of newest, oldest, favorites, updated, relevance'] }],
    ['cursor=nonsense', { cursor: ['is not a cursor of this list (start again without one)'] }],
    ['cursor=&offset=5', { cursor: ['cannot be combined with offset'] }],
    ['fields=slug,body', { fields: [expect.stringMatching(/^must name fields among slug, title/)] }],
    ['createdFrom=yesterday', { createdFrom: ['must be an ISO 8601 date-time'] }],
    // What `new Date()` would read anyway: not ISO 8601, no such day, out of a DATETIME's years, given twice.
    ['createdTo=March%205%2C%202026', { createdTo: ['must be an ISO 8601 date-time'] }],
    ['updatedFrom=2026-02-30', { updatedFrom: ['must be an ISO 8601 date-time'] }],
    ['updatedTo=0999-12-31T23%3A59%3A59Z', { updatedTo: ['must be an ISO 8601 date-time'] }],
    ['createdFrom=2026-01-01&createdFrom=2026-02-01', { createdFrom: ['must be an ISO 8601 date-time'] }],
    ['tagMatch=most', { tagMatch: ['must be any or all'] }],
    [Array.from({ length: 11 }, (_, n) => `tags=t${n}`).join('&'), { tags: ['must be at most 10 tags'] }],
    [`author=${Array.from({ length: 11 }, (_, n) => `u${n}`).join(',')}`, { author: [expect.any(String)] }],
  ])('should answer 422 to %s', async (query, errors) => {
    const res = await request(t.http).get(`/api/articles?${query}`).expect(422);
    expect(res.body).toEqual({ errors });
  });

  it('should refuse a cursor of another sort', async () => {
    const { body } = await list(`tags=${tag}&sort=oldest&limit=1&cursor=`);
    await request(t.http)
      .get(`/api/articles?tags=${tag}&sort=newest&cursor=${encodeURIComponent(body.nextCursor)}`)
      .expect(422);
  });

  function ownerOf(slug: string): RegisteredUser {
    const username = written.find((a) => a.slug === slug)?.author.username;
    return [ann, bob, cat].find((u) => u.username === username)!;
  }
});
