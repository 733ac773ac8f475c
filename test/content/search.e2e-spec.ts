import request from 'supertest';
import { CORPUS, CorpusKey, RELEVANCE } from '../fixtures/search-corpus';
import { auth, createArticle, registerUser, RegisteredUser, uniqueName } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

interface Result {
  article: { slug: string; title: string };
  snippet: string;
}

describe('Full-text search (e2e)', () => {
  let t: TestApp;
  let author: RegisteredUser;
  let other: RegisteredUser;
  /** Corpus key → slug, and back. */
  const slugOf = new Map<CorpusKey, string>();
  const keyOf = new Map<string, CorpusKey>();

  beforeAll(async () => {
    t = await createTestApp();
    [author, other] = await Promise.all([registerUser(t), registerUser(t)]);
    for (const [key, article] of Object.entries(CORPUS)) {
      const writer = key.startsWith('dragon') ? other : author;
      const { slug } = await createArticle(t, writer, article);
      slugOf.set(key, slug);
      keyOf.set(slug, key);
    }
  }, 60_000);
  afterAll(() => t.close());

  const search = async (q: string, extra = ''): Promise<Result[]> =>
    (
      await request(t.http)
        .get(`/api/search?q=${encodeURIComponent(q)}&limit=100${extra}`)
        .expect(200)
    ).body.results;
  const keysOf = (results: Result[]): (string | undefined)[] =>
    results.map((result) => keyOf.get(result.article.slug) ?? result.article.slug);
  const listed = async (query: string): Promise<string[]> =>
    (await request(t.http).get(`/api/articles?${query}&limit=100`).expect(200)).body.articles.map(
      (a: { slug: string }) => keyOf.get(a.slug) ?? a.slug,
    );

  it('should hold a corpus of at least 50 articles and 10 queries', () => {
    expect(Object.keys(CORPUS).length).toBeGreaterThanOrEqual(50);
    expect(RELEVANCE.length).toBeGreaterThanOrEqual(10);
  });

  it.each(RELEVANCE)('should rank $q as the relevance table states', async ({ q, first, exactly }) => {
    const found = keysOf(await search(q));
    if (first) expect(found.slice(0, first.length)).toEqual(first);
    if (exactly) expect([...found].sort()).toEqual([...exactly].sort());
  });

  it('should answer GET /api/articles?q= with the same articles in the same order, counted', async () => {
    for (const { q } of RELEVANCE.slice(0, 5)) {
      const page = await request(t.http)
        .get(`/api/articles?q=${encodeURIComponent(q)}&limit=100`)
        .expect(200);
      expect(page.body.articles.map((a: { slug: string }) => keyOf.get(a.slug))).toEqual(
        keysOf(await search(q)),
      );
      expect(page.body.articlesCount).toBe(page.body.articles.length);
    }
  });

  it('should combine q with tag, author and favorited, and page with limit and offset', async () => {
    expect(await listed(`q=dragon&author=${other.username}`)).toEqual(
      keysOf(await search('dragon')).filter((key) => key?.startsWith('dragon')),
    );
    expect(await listed('q=dragon&tag=food')).toEqual(['dragonFruit']);
    expect(await listed(`q=bread&tag=food&author=${author.username}`)).toEqual(['breadRecipe']);
    await request(t.http)
      .post(`/api/articles/${slugOf.get('breadHistory')}/favorite`)
      .set(...auth(other))
      .expect(200);
    expect(await listed(`q=bread&favorited=${other.username}`)).toEqual(['breadHistory']);
    const all = keysOf(await search('garden'));
    const second = await request(t.http).get('/api/search?q=garden&limit=1&offset=1').expect(200);
    expect(keysOf(second.body.results)).toEqual([all[1]]);
    expect(second.body.resultsCount).toBe(all.length);
  });

  it('should highlight the matches in an escaped snippet', async () => {
    const [result] = await search('"sea serpent" ninth');
    expect(result.snippet).toContain('<mark>ninth</mark>');
    expect(result.snippet).toContain('<mark>sea</mark> <mark>serpent</mark>');
    const { slug } = await createArticle(t, author, {
      title: uniqueName('Markup'),
      body: 'A <script>alert("zebra")</script> & <b>zebra</b> crossing',
    });
    const [markup] = await search('zebra');
    expect(markup.article.slug).toBe(slug);
    expect(markup.snippet).toBe(
      'A &#60;script&#62;alert(&#34;<mark>zebra</mark>&#34;)&#60;/script&#62; &#38; &#60;b&#62;<mark>zebra</mark>&#60;/b&#62; crossing',
    );
  });

  it('should find an edited article by its new words only, and never a draft or an article in the trash', async () => {
    const { slug } = await createArticle(t, author, { title: uniqueName('Edited'), body: 'about marmalade' });
    expect(keysOf(await search('marmalade'))).toEqual([slug]);
    await request(t.http)
      .put(`/api/articles/${slug}`)
      .set(...auth(author))
      .send({ article: { body: 'about porcupines now' } })
      .expect(200);
    expect(await search('marmalade')).toEqual([]);
    expect(keysOf(await search('porcupines'))).toEqual([slug]);

    const draft = await createArticle(t, author, { status: 'draft', body: 'secret wombat plans' });
    for (const viewer of [undefined, author, other]) {
      const req = request(t.http).get('/api/search?q=wombat');
      const res = await (viewer ? req.set(...auth(viewer)) : req).expect(200);
      expect(res.body).toEqual({ results: [], resultsCount: 0 });
    }
    await request(t.http)
      .put(`/api/articles/${draft.slug}`)
      .set(...auth(author))
      .send({ article: { status: 'published' } })
      .expect(200);
    expect(keysOf(await search('wombat'))).toEqual([draft.slug]);
    await request(t.http)
      .delete(`/api/articles/${draft.slug}`)
      .set(...auth(author))
      .expect(204);
    expect(await search('wombat')).toEqual([]);
  });

  it('should find nothing for stopwords and short words, and refuse a missing or oversized q', async () => {
    expect(await search('the of a')).toEqual([]);
    expect(await search('-dragon')).toEqual([]);
    await request(t.http)
      .get('/api/search')
      .expect(422, { errors: { q: ["can't be blank"] } });
    await request(t.http)
      .get(`/api/search?q=${'a'.repeat(201)}`)
      .expect(422);
    await request(t.http).get('/api/search?q=a&q=b').expect(422);
    // Operators of either engine are just separators: nothing reaches the engine but words.
    expect(keysOf(await search('dragon) OR (NEAR "x* @3 ~fruit'))).toEqual([]);
    expect(keysOf(await search('+dragon <patience >fish'))).toEqual(['dragonTraining']);
  });
});
