import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import {
  ArticleBody,
  auth,
  createArticle,
  favorite,
  follow,
  RegisteredUser,
  registerUser,
  uniqueName,
} from '../support/factories';

const SUMMARY_KEYS = [
  'author',
  'createdAt',
  'description',
  'favorited',
  'favoritesCount',
  'publishAt',
  'publishedAt',
  'slug',
  'status',
  'tagList',
  'title',
  'unpublishAt',
  'updatedAt',
];

/** The articles of a list answer as slugs, in the order given. */
const slugsOf = (res: request.Response): string[] => res.body.articles.map((a: ArticleBody) => a.slug);

describe('Listing articles and the feed (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** `count` articles by `author`, created one after another, returned oldest first. */
  async function createMany(
    author: RegisteredUser,
    count: number,
    tagList?: string[],
  ): Promise<ArticleBody[]> {
    const articles: ArticleBody[] = [];
    for (let i = 0; i < count; i++) articles.push(await createArticle(t, author, { tagList }));
    return articles;
  }

  const list = (query: string, viewer?: RegisteredUser): request.Test => {
    const req = request(t.http).get(`/api/articles?${query}`);
    return viewer ? req.set(...auth(viewer)) : req;
  };

  describe('GET /api/articles', () => {
    it('should list summaries without the body, in the documented shape', async () => {
      const author = await registerUser(t);
      const tag = uniqueName('shape');
      const created = await createArticle(t, author, { tagList: [tag, 'second'] });
      const res = await list(`author=${author.username}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(Object.keys(res.body).sort()).toEqual(['articles', 'articlesCount']);
      expect(res.body.articlesCount).toBe(1);
      expect(res.body.articles).toHaveLength(1);
      const [summary] = res.body.articles;
      expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
      const { body: _body, ...expected } = created;
      expect(summary).toEqual(expected);
    });

    it('should list the newest first', async () => {
      const author = await registerUser(t);
      const created = await createMany(author, 4);
      const res = await list(`author=${author.username}`).expect(200);
      expect(slugsOf(res)).toEqual(created.map((a) => a.slug).reverse());
    });

    it('should count every match of the filter, not only the page', async () => {
      const author = await registerUser(t);
      await createMany(author, 3);
      const res = await list(`author=${author.username}&limit=2`).expect(200);
      expect(res.body.articles).toHaveLength(2);
      expect(res.body.articlesCount).toBe(3);
    });

    it('should include articles by every author when unfiltered', async () => {
      const [a, b] = [await registerUser(t), await registerUser(t)];
      const first = await createArticle(t, a);
      const second = await createArticle(t, b);
      const res = await list('limit=100').expect(200);
      expect(slugsOf(res)).toEqual(expect.arrayContaining([first.slug, second.slug]));
      expect(slugsOf(res).indexOf(second.slug)).toBeLessThan(slugsOf(res).indexOf(first.slug));
      expect(res.body.articlesCount).toBeGreaterThanOrEqual(2);
    });

    it('should filter by tag, matching it case-insensitively', async () => {
      const [a, b] = [await registerUser(t), await registerUser(t)];
      const tag = uniqueName('filter');
      const tagged1 = await createArticle(t, a, { tagList: ['other', tag] });
      await createArticle(t, a, { tagList: ['other'] });
      const tagged2 = await createArticle(t, b, { tagList: [tag] });
      const res = await list(`tag=${tag}`).expect(200);
      expect(slugsOf(res)).toEqual([tagged2.slug, tagged1.slug]);
      expect(res.body.articlesCount).toBe(2);
      expect(res.body.articles[1].tagList).toEqual(['other', tag]);
      const upper = await list(`tag=${tag.toUpperCase()}`).expect(200);
      expect(slugsOf(upper)).toEqual([tagged2.slug, tagged1.slug]);
    });

    it('should filter by author', async () => {
      const [a, b] = [await registerUser(t), await registerUser(t)];
      const mine = await createArticle(t, a);
      await createArticle(t, b);
      const res = await list(`author=${a.username}`).expect(200);
      expect(slugsOf(res)).toEqual([mine.slug]);
      expect(res.body.articles[0].author.username).toBe(a.username);
      expect(res.body.articlesCount).toBe(1);
    });

    it('should filter by the username that favorited', async () => {
      const [author, fan, other] = [await registerUser(t), await registerUser(t), await registerUser(t)];
      const [x, y, z] = await createMany(author, 3);
      await favorite(t, fan, x);
      await favorite(t, fan, z);
      await favorite(t, other, y);
      const res = await list(`favorited=${fan.username}`).expect(200);
      expect(slugsOf(res)).toEqual([z.slug, x.slug]);
      expect(res.body.articlesCount).toBe(2);
      expect(res.body.articles.map((a: ArticleBody) => a.favoritesCount)).toEqual([1, 1]);
    });

    it('should combine filters', async () => {
      const [a, b, fan] = [await registerUser(t), await registerUser(t), await registerUser(t)];
      const tag = uniqueName('combo');
      const aTagged = await createArticle(t, a, { tagList: [tag] });
      const aTaggedFaved = await createArticle(t, a, { tagList: [tag] });
      await createArticle(t, a);
      const bTaggedFaved = await createArticle(t, b, { tagList: [tag] });
      await favorite(t, fan, aTaggedFaved);
      await favorite(t, fan, bTaggedFaved);

      const tagAuthor = await list(`tag=${tag}&author=${a.username}`).expect(200);
      expect(slugsOf(tagAuthor)).toEqual([aTaggedFaved.slug, aTagged.slug]);
      expect(tagAuthor.body.articlesCount).toBe(2);

      const tagFavorited = await list(`tag=${tag}&favorited=${fan.username}`).expect(200);
      expect(slugsOf(tagFavorited)).toEqual([bTaggedFaved.slug, aTaggedFaved.slug]);
      expect(tagFavorited.body.articlesCount).toBe(2);

      const all = await list(`tag=${tag}&author=${a.username}&favorited=${fan.username}`).expect(200);
      expect(slugsOf(all)).toEqual([aTaggedFaved.slug]);
      expect(all.body.articlesCount).toBe(1);

      const none = await list(`tag=${tag}&author=${b.username}&favorited=${a.username}`).expect(200);
      expect(none.body).toEqual({ articles: [], articlesCount: 0 });
    });

    it('should answer an empty list with count 0 for an unknown tag, author or favoriter', async () => {
      const author = await registerUser(t);
      await createArticle(t, author, { tagList: ['known'] });
      for (const filter of ['tag', 'author', 'favorited']) {
        const res = await list(`${filter}=${uniqueName('nobody')}`).expect(200);
        expect(res.body).toEqual({ articles: [], articlesCount: 0 });
      }
    });

    it('should answer 422 for a filter given twice', async () => {
      const res = await list('tag=a&tag=b').expect(422);
      expect(Object.keys(res.body.errors)).toEqual(['tag']);
    });

    it('should tell each viewer whether they favorited an article and follow its author', async () => {
      const [author, fan, stranger] = [await registerUser(t), await registerUser(t), await registerUser(t)];
      const article = await createArticle(t, author);
      await favorite(t, fan, article);
      await follow(t, fan, author);
      const query = `author=${author.username}`;
      const asFan = await list(query, fan).expect(200);
      expect(asFan.body.articles[0]).toMatchObject({
        slug: article.slug,
        favorited: true,
        favoritesCount: 1,
        author: { username: author.username, following: true },
      });
      const asStranger = await list(query, stranger).expect(200);
      expect(asStranger.body.articles[0]).toMatchObject({
        slug: article.slug,
        favorited: false,
        favoritesCount: 1,
        author: { username: author.username, following: false },
      });
      const anonymous = await list(query).expect(200);
      expect(anonymous.body.articles[0]).toMatchObject({
        favorited: false,
        favoritesCount: 1,
        author: { following: false },
      });
      const favorited = await list(`favorited=${fan.username}`, stranger).expect(200);
      expect(favorited.body.articles[0]).toMatchObject({ slug: article.slug, favorited: false });
    });
  });

  describe('pagination', () => {
    let author: RegisteredUser;
    /** 21 articles by one author, newest first. */
    let newestFirst: string[];

    beforeAll(async () => {
      author = await registerUser(t);
      newestFirst = (await createMany(author, 21)).map((a) => a.slug).reverse();
    });

    const page = (query: string): request.Test => list(`author=${author.username}&${query}`);

    it('should answer the second article for limit=1&offset=1', async () => {
      const res = await page('limit=1&offset=1').expect(200);
      expect(slugsOf(res)).toEqual([newestFirst[1]]);
      expect(res.body.articlesCount).toBe(21);
    });

    it('should answer 20 articles by default', async () => {
      const res = await page('').expect(200);
      expect(slugsOf(res)).toEqual(newestFirst.slice(0, 20));
      expect(res.body.articlesCount).toBe(21);
    });

    it('should answer the rest of the list for the last page', async () => {
      const res = await page('offset=20').expect(200);
      expect(slugsOf(res)).toEqual([newestFirst[20]]);
      expect(res.body.articlesCount).toBe(21);
    });

    it('should accept limit=100', async () => {
      const res = await page('limit=100').expect(200);
      expect(slugsOf(res)).toEqual(newestFirst);
      expect(res.body.articlesCount).toBe(21);
    });

    it('should answer an empty page with the right count for an offset past the end', async () => {
      for (const offset of [21, 1000]) {
        const res = await page(`offset=${offset}`).expect(200);
        expect(res.body).toEqual({ articles: [], articlesCount: 21 });
      }
    });

    it('should answer 422 on errors.limit for limit=101, -1, abc and 1.5', async () => {
      for (const limit of ['101', '-1', 'abc', '1.5']) {
        const res = await page(`limit=${limit}`).expect(422);
        expect(Object.keys(res.body.errors)).toEqual(['limit']);
        expect(res.body.errors.limit.length).toBeGreaterThan(0);
      }
      for (const limit of ['101', '-1', 'abc']) {
        expect((await page(`limit=${limit}`).expect(422)).body.errors.limit).toEqual([
          'must be a whole number from 0 to 100',
        ]);
      }
    });

    it('should answer 422 on errors.offset for offset=-1 and offset=abc', async () => {
      expect((await page('offset=-1').expect(422)).body).toEqual({
        errors: { offset: ['must be a whole number 0 or more'] },
      });
      const res = await page('offset=abc').expect(422);
      expect(res.body).toEqual({ errors: { offset: ['must be a whole number 0 or more'] } });
    });
  });

  describe('GET /api/articles/feed', () => {
    it('should answer 401 "is missing" without a token', async () => {
      await request(t.http)
        .get('/api/articles/feed')
        .expect(401, { errors: { token: ['is missing'] } });
    });

    it('should answer an empty feed to a new user', async () => {
      const reader = await registerUser(t);
      await createArticle(t, await registerUser(t));
      const res = await request(t.http)
        .get('/api/articles/feed')
        .set(...auth(reader))
        .expect(200);
      expect(res.body).toEqual({ articles: [], articlesCount: 0 });
    });

    it("should list only followed authors' articles, newest first, with following true", async () => {
      const [reader, celeb, other, unfollowed] = [
        await registerUser(t),
        await registerUser(t),
        await registerUser(t),
        await registerUser(t),
      ];
      await follow(t, reader, celeb);
      await follow(t, reader, other);
      const c1 = await createArticle(t, celeb);
      await createArticle(t, unfollowed);
      const o1 = await createArticle(t, other);
      await createArticle(t, reader);
      const c2 = await createArticle(t, celeb);
      const res = await request(t.http)
        .get('/api/articles/feed')
        .set(...auth(reader))
        .expect(200);
      expect(slugsOf(res)).toEqual([c2.slug, o1.slug, c1.slug]);
      expect(res.body.articlesCount).toBe(3);
      for (const article of res.body.articles) {
        expect(Object.keys(article).sort()).toEqual(SUMMARY_KEYS);
        expect(article.author.following).toBe(true);
      }
    });

    it('should page the feed with limit and offset and validate them', async () => {
      const [reader, celeb] = [await registerUser(t), await registerUser(t)];
      await follow(t, reader, celeb);
      const [first, second, third] = await createMany(celeb, 3);
      const feed = (query: string): request.Test =>
        request(t.http)
          .get(`/api/articles/feed?${query}`)
          .set(...auth(reader));
      const firstPage = await feed('limit=2').expect(200);
      expect(slugsOf(firstPage)).toEqual([third.slug, second.slug]);
      expect(firstPage.body.articlesCount).toBe(3);
      const secondPage = await feed('limit=2&offset=2').expect(200);
      expect(slugsOf(secondPage)).toEqual([first.slug]);
      expect(secondPage.body.articlesCount).toBe(3);
      const pastEnd = await feed('offset=3').expect(200);
      expect(pastEnd.body).toEqual({ articles: [], articlesCount: 3 });
      expect(Object.keys((await feed('limit=101').expect(422)).body.errors)).toEqual(['limit']);
      expect(Object.keys((await feed('offset=-1').expect(422)).body.errors)).toEqual(['offset']);
    });

    it('should drop an author from the feed after unfollowing', async () => {
      const [reader, celeb] = [await registerUser(t), await registerUser(t)];
      await follow(t, reader, celeb);
      await createArticle(t, celeb);
      await request(t.http)
        .delete(`/api/profiles/${celeb.username}/follow`)
        .set(...auth(reader))
        .expect(200);
      const res = await request(t.http)
        .get('/api/articles/feed')
        .set(...auth(reader))
        .expect(200);
      expect(res.body).toEqual({ articles: [], articlesCount: 0 });
    });

    it('should tell the reader which feed articles they favorited', async () => {
      const [reader, celeb, other] = [await registerUser(t), await registerUser(t), await registerUser(t)];
      await follow(t, reader, celeb);
      const [older, newer] = await createMany(celeb, 2);
      await favorite(t, reader, older);
      await favorite(t, other, newer);
      const res = await request(t.http)
        .get('/api/articles/feed')
        .set(...auth(reader))
        .expect(200);
      expect(res.body.articles.map((a: ArticleBody) => [a.slug, a.favorited, a.favoritesCount])).toEqual([
        [newer.slug, false, 1],
        [older.slug, true, 1],
      ]);
    });
  });
});
