import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import {
  ArticleBody,
  auth,
  createArticle,
  favorite,
  follow,
  registerUser,
  uniqueName,
} from '../support/factories';

/** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString()` writes it. */
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** What a slug may contain: lower-case letters of any script, digits and single inner hyphens. */
const SLUG = /^[\p{Ll}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lo}\p{N}]+)*$/u;

const path = (slug: string): string => `/api/articles/${encodeURIComponent(slug)}`;

describe('Articles (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function countRows(table: string, articleId: number): Promise<number> {
    const [{ count }] = await t.dataSource.query(
      `SELECT COUNT(*) AS count FROM ${table} WHERE article_id = ?`,
      [articleId],
    );
    return Number(count);
  }

  async function articleId(slug: string): Promise<number> {
    const rows: { id: number }[] = await t.dataSource.query('SELECT id FROM articles WHERE slug = ?', [slug]);
    expect(rows).toHaveLength(1);
    return Number(rows[0].id);
  }

  describe('POST /api/articles', () => {
    it('should answer 201 with the full article, tags in the given order and ms timestamps', async () => {
      const author = await registerUser(t);
      const title = uniqueName('How to train your dragon');
      const before = Date.now();
      const res = await request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({
          article: {
            title,
            description: 'Ever wonder how?',
            body: 'You have to believe',
            tagList: ['z', 'a', 'm'],
          },
        })
        .expect(201);
      const after = Date.now();
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        article: {
          slug: expect.any(String),
          title,
          description: 'Ever wonder how?',
          body: 'You have to believe',
          tagList: ['z', 'a', 'm'],
          createdAt: expect.stringMatching(ISO_MS),
          updatedAt: expect.stringMatching(ISO_MS),
          favorited: false,
          favoritesCount: 0,
          author: { username: author.username, bio: null, image: null, following: false },
          status: 'published',
          publishedAt: expect.stringMatching(ISO_MS),
          publishAt: null,
          unpublishAt: null,
        },
      });
      const { article } = res.body as { article: ArticleBody };
      expect(article.slug).toBe(title.toLowerCase().replace(/_/g, '-').replace(/ /g, '-'));
      expect(article.updatedAt).toBe(article.createdAt);
      expect(res.body.article.publishedAt).toBe(article.createdAt);
      const createdAt = Date.parse(article.createdAt);
      expect(createdAt).toBeGreaterThanOrEqual(before - 1000);
      expect(createdAt).toBeLessThanOrEqual(after + 1000);
    });

    it('should trim, lower-case and de-duplicate tags, keeping the first occurrence in place', async () => {
      const author = await registerUser(t);
      const [a, b] = [uniqueName('taga'), uniqueName('tagb')];
      const article = await createArticle(t, author, {
        tagList: [`  ${b.toUpperCase()} `, a, b, a.toUpperCase(), ` ${b}\t`],
      });
      expect(article.tagList).toEqual([b, a]);
      const fetched = await request(t.http).get(path(article.slug)).expect(200);
      expect(fetched.body.article.tagList).toEqual([b, a]);
    });

    it('should answer an article without tags with an empty tagList', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      expect(article.tagList).toEqual([]);
    });

    it('should ignore fields the client may not set', async () => {
      const [author, other] = [await registerUser(t), await registerUser(t)];
      const title = uniqueName('Mass assignment');
      const res = await request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({
          article: {
            title,
            description: 'd',
            body: 'b',
            slug: 'chosen-by-client',
            favoritesCount: 99,
            favorited: true,
            createdAt: '2000-01-01T00:00:00.000Z',
            author: { username: other.username },
            authorId: 1,
          },
        })
        .expect(201);
      expect(res.body.article.slug).not.toBe('chosen-by-client');
      expect(res.body.article.favoritesCount).toBe(0);
      expect(res.body.article.favorited).toBe(false);
      expect(res.body.article.createdAt).not.toBe('2000-01-01T00:00:00.000Z');
      expect(res.body.article.author.username).toBe(author.username);
      await request(t.http).get('/api/articles/chosen-by-client').expect(404);
    });

    it('should answer 401 "is missing" without a token', async () => {
      await request(t.http)
        .post('/api/articles')
        .send({ article: { title: uniqueName('No auth'), description: 'd', body: 'b' } })
        .expect(401, { errors: { token: ['is missing'] } });
    });

    it('should answer 422 "can\'t be blank" for a blank title, description or body', async () => {
      const author = await registerUser(t);
      const res = await request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({ article: { title: '', description: '   ', body: '\n\t' } })
        .expect(422);
      expect(res.body).toEqual({
        errors: { title: ["can't be blank"], description: ["can't be blank"], body: ["can't be blank"] },
      });
      const missing = await request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({ article: {} })
        .expect(422);
      expect(missing.body).toEqual({
        errors: { title: ["can't be blank"], description: ["can't be blank"], body: ["can't be blank"] },
      });
    });

    it('should answer 422 when the article envelope is missing', async () => {
      const author = await registerUser(t);
      await request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({})
        .expect(422, { errors: { article: ["can't be blank"] } });
    });

    it('should accept a 255-character title and answer 422 for 256 characters', async () => {
      const author = await registerUser(t);
      const prefix = uniqueName('long');
      const longest = prefix + 'x'.repeat(255 - prefix.length);
      const ok = await createArticle(t, author, { title: longest });
      expect(ok.title).toBe(longest);
      expect([...ok.slug].length).toBeLessThanOrEqual(255);
      const res = await request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({ article: { title: `${longest}y`, description: 'd', body: 'b' } })
        .expect(422);
      expect(Object.keys(res.body.errors)).toEqual(['title']);
      expect(res.body.errors.title).toEqual([expect.stringMatching(/too long/)]);
    });

    it('should accept 20 tags and answer 422 for 21', async () => {
      const author = await registerUser(t);
      const tags = Array.from({ length: 21 }, (_, i) => `${uniqueName('many')}_${i}`);
      const ok = await createArticle(t, author, { tagList: tags.slice(0, 20) });
      expect(ok.tagList).toEqual(tags.slice(0, 20));
      const res = await request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({ article: { title: uniqueName('Too many'), description: 'd', body: 'b', tagList: tags } })
        .expect(422);
      expect(Object.keys(res.body.errors)).toEqual(['tagList']);
    });

    it('should answer 422 for a tagList that is not a list of strings', async () => {
      const author = await registerUser(t);
      for (const tagList of ['a,b', { a: 1 }, [1, 2], ['ok', null], 42, null]) {
        const res = await request(t.http)
          .post('/api/articles')
          .set(...auth(author))
          .send({ article: { title: uniqueName('Bad tags'), description: 'd', body: 'b', tagList } })
          .expect(422);
        expect(Object.keys(res.body.errors)).toEqual(['tagList']);
      }
      const blank = await request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({
          article: { title: uniqueName('Blank tag'), description: 'd', body: 'b', tagList: ['ok', '  '] },
        })
        .expect(422);
      expect(Object.keys(blank.body.errors)).toEqual(['tagList']);
    });

    it('should round-trip full Unicode, emoji included, in title, description, body and tags', async () => {
      const author = await registerUser(t);
      const title = `Ünïcödé 👋🏽 日本語 ${uniqueName('uni')} 👨‍👩‍👧`;
      const description = 'Ελληνικά — עברית — العربية — 🇫🇷';
      const body = '# 🎉 Party\n\nMath: 𝔸 ∀x∈ℝ, zero-width\u200Bjoiner, astral 𠜎𠜱 and a tab\t.';
      const tag = `🏷️_${uniqueName('emoji')}`;
      const created = await createArticle(t, author, { title, description, body, tagList: [tag] });
      expect(created).toMatchObject({ title, description, body, tagList: [tag] });
      const fetched = await request(t.http).get(path(created.slug)).expect(200);
      expect(fetched.body.article).toMatchObject({ title, description, body, tagList: [tag] });
      const [row] = await t.dataSource.query('SELECT title, body FROM articles WHERE slug = ?', [
        created.slug,
      ]);
      expect(row).toEqual({ title, body });
    });
  });

  describe('slugs', () => {
    it('should give two articles with the same title distinct slugs, both reachable', async () => {
      const author = await registerUser(t);
      const title = uniqueName('Same title');
      const first = await createArticle(t, author, { title, body: 'first' });
      const second = await createArticle(t, author, { title, body: 'second' });
      expect(first.slug).toMatch(SLUG);
      expect(second.slug).toMatch(SLUG);
      expect(second.slug).not.toBe(first.slug);
      expect((await request(t.http).get(path(first.slug)).expect(200)).body.article.body).toBe('first');
      expect((await request(t.http).get(path(second.slug)).expect(200)).body.article.body).toBe('second');
    });

    it('should fold accents: "Crème brûlée" becomes "creme-brulee"', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { title: 'Crème brûlée' });
      expect(article.slug).toBe('creme-brulee');
      await request(t.http).get('/api/articles/creme-brulee').expect(200);
    });

    it('should find an article by its exact slug only: another case, an accent or a trailing space is a 404', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { title: uniqueName('Exact') });
      const [first, ...rest] = [...article.slug];
      const variants = [article.slug.toUpperCase(), `${first}\u0301${rest.join('')}`, `${article.slug} `];
      for (const variant of variants) await request(t.http).get(path(variant)).expect(404);
      await request(t.http).get(path(article.slug)).expect(200);
    });

    it('should keep non-Latin letters and find the article by its URL-encoded slug', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { title: 'Привет мир' });
      expect(article.slug).toBe('привет-мир');
      const res = await request(t.http)
        .get(`/api/articles/${encodeURIComponent(article.slug)}`)
        .expect(200);
      expect(res.body.article.title).toBe('Привет мир');
      expect(res.body.article.slug).toBe(article.slug);
    });

    it('should give a title of only punctuation or emoji a usable slug', async () => {
      const author = await registerUser(t);
      const bang = await createArticle(t, author, { title: '!!!' });
      const emoji = await createArticle(t, author, { title: '🎉🎉 ???' });
      for (const article of [bang, emoji]) {
        expect(article.slug).toMatch(SLUG);
        const res = await request(t.http).get(path(article.slug)).expect(200);
        expect(res.body.article.title).toBe(article.title);
      }
      expect(emoji.slug).not.toBe(bang.slug);
    });

    it('should give 10 concurrent articles with the same title 10 distinct slugs', async () => {
      const author = await registerUser(t);
      const title = uniqueName('Concurrent');
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          request(t.http)
            .post('/api/articles')
            .set(...auth(author))
            .send({ article: { title, description: 'd', body: `body ${i}` } }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      const slugs = responses.map((r) => r.body.article.slug as string);
      expect(new Set(slugs).size).toBe(10);
      for (const slug of slugs) expect(slug).toMatch(SLUG);
      const list = await request(t.http).get(`/api/articles?author=${author.username}`).expect(200);
      expect(list.body.articlesCount).toBe(10);
      expect(new Set(list.body.articles.map((a: ArticleBody) => a.slug))).toEqual(new Set(slugs));
      for (const [i, slug] of slugs.entries()) {
        const fetched = await request(t.http).get(path(slug)).expect(200);
        expect(fetched.body.article.body).toBe(`body ${i}`);
      }
    });
  });

  describe('concurrency and edge cases', () => {
    it('should create 10 tagged articles at once, sharing new and existing tags, without a 500', async () => {
      const author = await registerUser(t);
      const shared = uniqueName('shared').toLowerCase();
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          request(t.http)
            .post('/api/articles')
            .set(...auth(author))
            .send({
              article: {
                title: uniqueName('Tagged'),
                description: 'd',
                body: 'b',
                tagList: [`own-${i}`, shared],
              },
            }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      responses.forEach((r, i) => expect(r.body.article.tagList).toEqual([`own-${i}`, shared]));
      const byTag = await request(t.http).get(`/api/articles?tag=${shared}`).expect(200);
      expect(byTag.body.articlesCount).toBe(10);
    });

    it('should retag 10 different articles at once without a 500', async () => {
      const author = await registerUser(t);
      const articles = await Promise.all(
        Array.from({ length: 10 }, () => createArticle(t, author, { tagList: ['before'] })),
      );
      const responses = await Promise.all(
        articles.map((article, i) =>
          request(t.http)
            .put(path(article.slug))
            .set(...auth(author))
            .send({ article: { tagList: [`after-${i}`, 'after'] } }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      responses.forEach((r, i) => expect(r.body.article.tagList).toEqual([`after-${i}`, 'after']));
    });

    it('should not let an article titled "Feed" take the slug of the feed route', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { title: 'Feed' });
      expect(article.slug).not.toBe('feed');
      const fetched = await request(t.http).get(path(article.slug)).expect(200);
      expect(fetched.body.article.title).toBe('Feed');
    });

    it('should count emoji with variation selectors as the database does: 422, never a 500', async () => {
      const author = await registerUser(t);
      const heart = '\u2764\ufe0f'; // ❤️ is two code points
      const send = (article: object) =>
        request(t.http)
          .post('/api/articles')
          .set(...auth(author))
          .send({ article });
      const base = { title: 't', description: 'd', body: 'b' };
      expect((await send({ ...base, title: heart.repeat(200) }).expect(422)).body.errors.title).toEqual([
        'is too long (maximum is 255 characters)',
      ]);
      await send({ ...base, description: heart.repeat(1000) }).expect(422);
      await send({ ...base, tagList: [heart.repeat(40)] }).expect(422);
      const fits = await send({ ...base, title: heart.repeat(127), tagList: [heart.repeat(32)] }).expect(201);
      expect(fits.body.article.title).toBe(heart.repeat(127));
      expect(fits.body.article.tagList).toEqual([heart.repeat(32)]);
    });
  });

  describe('GET /api/articles/:slug', () => {
    it('should answer an anonymous caller with favorited and following false', async () => {
      const [author, fan] = [await registerUser(t), await registerUser(t)];
      const article = await createArticle(t, author, { tagList: ['x'] });
      await favorite(t, fan, article);
      const res = await request(t.http).get(path(article.slug)).expect(200);
      expect(res.body).toEqual({
        article: { ...article, favoritesCount: 1, favorited: false },
      });
    });

    it('should tell a signed-in caller whether they favorited the article and follow its author', async () => {
      const [author, fan, stranger] = [await registerUser(t), await registerUser(t), await registerUser(t)];
      const article = await createArticle(t, author);
      await favorite(t, fan, article);
      await follow(t, fan, author);
      const asFan = await request(t.http)
        .get(path(article.slug))
        .set(...auth(fan))
        .expect(200);
      expect(asFan.body.article).toMatchObject({
        favorited: true,
        favoritesCount: 1,
        author: { username: author.username, following: true },
      });
      const asStranger = await request(t.http)
        .get(path(article.slug))
        .set(...auth(stranger))
        .expect(200);
      expect(asStranger.body.article).toMatchObject({
        favorited: false,
        favoritesCount: 1,
        author: { username: author.username, following: false },
      });
    });

    it('should answer 404 "article not found" for an unknown slug', async () => {
      await request(t.http)
        .get(`/api/articles/${uniqueName('unknown-slug')}`)
        .expect(404, { errors: { article: ['not found'] } });
    });
  });

  describe('PUT /api/articles/:slug', () => {
    it('should update the body only, keeping slug, tags and createdAt and moving updatedAt', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { tagList: ['keep2', 'keep1'] });
      const res = await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { body: 'Updated body' } })
        .expect(200);
      expect(res.body.article).toEqual({
        ...article,
        body: 'Updated body',
        updatedAt: expect.stringMatching(ISO_MS),
      });
      expect(Date.parse(res.body.article.updatedAt)).toBeGreaterThan(Date.parse(article.updatedAt));
      const fetched = await request(t.http).get(path(article.slug)).expect(200);
      expect(fetched.body.article).toEqual(res.body.article);
    });

    it('should give a new title a new slug and make the old slug 404', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { tagList: ['renamed'] });
      const title = uniqueName('Brand new title');
      const res = await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { title, description: 'New description' } })
        .expect(200);
      expect(res.body.article).toMatchObject({
        title,
        description: 'New description',
        body: article.body,
        tagList: ['renamed'],
        createdAt: article.createdAt,
      });
      expect(res.body.article.slug).not.toBe(article.slug);
      expect(res.body.article.slug).toBe(title.toLowerCase().replace(/[_ ]/g, '-'));
      await request(t.http)
        .get(path(article.slug))
        .expect(404, { errors: { article: ['not found'] } });
      const fetched = await request(t.http).get(path(res.body.article.slug)).expect(200);
      expect(fetched.body.article.title).toBe(title);
    });

    it('should give a new title that another article already uses a distinct slug', async () => {
      const author = await registerUser(t);
      const taken = await createArticle(t, author);
      const article = await createArticle(t, author);
      const res = await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { title: taken.title } })
        .expect(200);
      expect(res.body.article.slug).not.toBe(taken.slug);
      expect(res.body.article.slug).toMatch(SLUG);
      expect((await request(t.http).get(path(taken.slug)).expect(200)).body.article.body).toBe(taken.body);
    });

    it('should replace the tags, and remove them all with []', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { tagList: ['one', 'two'] });
      const replaced = await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { tagList: ['three', ' ONE '] } })
        .expect(200);
      expect(replaced.body.article.tagList).toEqual(['three', 'one']);
      const cleared = await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { tagList: [] } })
        .expect(200);
      expect(cleared.body.article.tagList).toEqual([]);
      const fetched = await request(t.http).get(path(article.slug)).expect(200);
      expect(fetched.body.article.tagList).toEqual([]);
      expect(await countRows('article_tags', await articleId(article.slug))).toBe(0);
    });

    it('should answer 422 for a null tagList, a blank title and a null body, and change nothing', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { tagList: ['kept'] });
      const nullTags = await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { tagList: null } })
        .expect(422);
      expect(Object.keys(nullTags.body.errors)).toEqual(['tagList']);
      await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { title: '' } })
        .expect(422, { errors: { title: ["can't be blank"] } });
      const nullBody = await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { body: null } })
        .expect(422);
      expect(Object.keys(nullBody.body.errors)).toEqual(['body']);
      const fetched = await request(t.http).get(path(article.slug)).expect(200);
      expect(fetched.body.article).toEqual(article);
    });

    it('should ignore an attempt to set the slug or counters directly', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      const res = await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { slug: 'hijacked-slug', favoritesCount: 5, body: 'changed' } })
        .expect(200);
      expect(res.body.article).toMatchObject({ slug: article.slug, favoritesCount: 0, body: 'changed' });
      await request(t.http).get('/api/articles/hijacked-slug').expect(404);
    });

    it('should change nothing, not even updatedAt, for an empty update or one that repeats the current values', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { tagList: ['same', 'order'] });
      const { title, description, body, tagList } = article;
      for (const changes of [{}, { title, description, body, tagList }, { tagList: ['same', 'order'] }]) {
        const res = await request(t.http)
          .put(path(article.slug))
          .set(...auth(author))
          .send({ article: changes })
          .expect(200);
        expect(res.body.article).toEqual(article);
      }
      expect((await request(t.http).get(path(article.slug)).expect(200)).body.article).toEqual(article);
    });

    it('should count a reordered tag list as a change', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { tagList: ['first', 'second'] });
      const res = await request(t.http)
        .put(path(article.slug))
        .set(...auth(author))
        .send({ article: { tagList: ['second', 'first'] } })
        .expect(200);
      expect(res.body.article.tagList).toEqual(['second', 'first']);
      expect(res.body.article.updatedAt > article.updatedAt).toBe(true);
    });

    it('should answer 403 "article forbidden" to another user and change nothing', async () => {
      const [author, intruder] = [await registerUser(t), await registerUser(t)];
      const article = await createArticle(t, author, { tagList: ['mine'] });
      await request(t.http)
        .put(path(article.slug))
        .set(...auth(intruder))
        .send({ article: { title: uniqueName('Hijacked'), body: 'hijacked', tagList: [] } })
        .expect(403, { errors: { article: ['forbidden'] } });
      const fetched = await request(t.http).get(path(article.slug)).expect(200);
      expect(fetched.body.article).toEqual(article);
    });

    it('should answer 404 for an unknown slug and 401 without a token', async () => {
      const author = await registerUser(t);
      await request(t.http)
        .put(`/api/articles/${uniqueName('unknown-slug')}`)
        .set(...auth(author))
        .send({ article: { body: 'x' } })
        .expect(404, { errors: { article: ['not found'] } });
      const article = await createArticle(t, author);
      await request(t.http)
        .put(path(article.slug))
        .send({ article: { body: 'x' } })
        .expect(401, { errors: { token: ['is missing'] } });
      expect((await request(t.http).get(path(article.slug)).expect(200)).body.article.body).toBe(
        article.body,
      );
    });
  });

  describe('DELETE /api/articles/:slug', () => {
    it('should answer 204 with an empty body, then 404, and hide the article from its tag list', async () => {
      const [author, fan] = [await registerUser(t), await registerUser(t)];
      const tag = uniqueName('doomed');
      const article = await createArticle(t, author, { tagList: [tag, 'shared'] });
      const survivor = await createArticle(t, author, { tagList: ['shared'] });
      await favorite(t, fan, article);
      await favorite(t, fan, survivor);
      for (const slug of [article.slug, survivor.slug]) {
        await request(t.http)
          .post(`${path(slug)}/comments`)
          .set(...auth(fan))
          .send({ comment: { body: 'Nice' } })
          .expect(201);
      }
      const id = await articleId(article.slug);
      const survivorId = await articleId(survivor.slug);
      for (const table of ['comments', 'favorites', 'article_tags'])
        expect(await countRows(table, id)).toBeGreaterThan(0);

      const res = await request(t.http)
        .delete(path(article.slug))
        .set(...auth(author))
        .expect(204);
      expect(res.text).toBe('');
      await request(t.http)
        .get(path(article.slug))
        .expect(404, { errors: { article: ['not found'] } });
      await request(t.http)
        .get(`${path(article.slug)}/comments`)
        .expect(404, { errors: { article: ['not found'] } });
      // In the trash: hidden, with what hangs off it kept for a restore (trash.e2e-spec.ts).
      for (const table of ['comments', 'favorites', 'article_tags']) {
        expect(await countRows(table, id)).toBe(table === 'article_tags' ? 2 : 1);
        expect(await countRows(table, survivorId)).toBe(1);
      }
      const list = await request(t.http).get(`/api/articles?tag=${tag}`).expect(200);
      expect(list.body).toEqual({ articles: [], articlesCount: 0 });
    });

    it('should answer 403 "article forbidden" to another user and keep the article', async () => {
      const [author, intruder] = [await registerUser(t), await registerUser(t)];
      const article = await createArticle(t, author);
      await request(t.http)
        .delete(path(article.slug))
        .set(...auth(intruder))
        .expect(403, { errors: { article: ['forbidden'] } });
      const fetched = await request(t.http).get(path(article.slug)).expect(200);
      expect(fetched.body.article).toEqual(article);
    });

    it('should answer 401 without a token and 404 for an unknown slug', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      await request(t.http)
        .delete(path(article.slug))
        .expect(401, { errors: { token: ['is missing'] } });
      await request(t.http).get(path(article.slug)).expect(200);
      await request(t.http)
        .delete(`/api/articles/${uniqueName('unknown-slug')}`)
        .set(...auth(author))
        .expect(404, { errors: { article: ['not found'] } });
    });
  });
});
