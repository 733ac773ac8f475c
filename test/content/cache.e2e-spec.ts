import request from 'supertest';
import { EntitySubscriberInterface } from 'typeorm';
import {
  auth,
  createArticle,
  favorite,
  registerUser,
  RegisteredUser,
  uniqueName,
} from '../support/factories';
import { isBackgroundQuery } from '../support/background-queries';
import { describeWithRedis, openTestRedis, TestRedis } from '../support/test-redis';
import { createTestApp, TestApp } from '../support/test-app';

async function queriesDuring(t: TestApp, work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const counter: EntitySubscriberInterface = {
    beforeQuery: (event) => void (isBackgroundQuery(event.query) || count++),
  };
  t.dataSource.subscribers.push(counter);
  try {
    await work();
  } finally {
    t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(counter), 1);
  }
  return count;
}

describe('Response cache (e2e)', () => {
  describe('in process (the default)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ CACHE_ENABLED: 'true' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer a repeated anonymous read from the cache and never serve it after the author updates', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author, { body: 'first' });
      const path = `/api/articles/${article.slug}`;
      await request(t.http).get(path).expect(200);
      expect(await queriesDuring(t, () => request(t.http).get(path).expect(200))).toBe(0);

      await request(t.http)
        .put(path)
        .set(...auth(author))
        .send({ article: { body: 'second' } })
        .expect(200);
      expect((await request(t.http).get(path).expect(200)).body.article.body).toBe('second');
    });

    it('should show a new favorite, a new comment and a new author bio to anonymous readers at once', async () => {
      const author = await registerUser(t);
      const reader = await registerUser(t);
      const article = await createArticle(t, author);
      const path = `/api/articles/${article.slug}`;
      await request(t.http).get(path).expect(200);
      await request(t.http).get(`${path}/comments`).expect(200);

      await favorite(t, reader, article);
      expect((await request(t.http).get(path).expect(200)).body.article.favoritesCount).toBe(1);
      await request(t.http)
        .post(`${path}/comments`)
        .set(...auth(reader))
        .send({ comment: { body: 'hi' } })
        .expect(201);
      expect((await request(t.http).get(`${path}/comments`).expect(200)).body.comments).toHaveLength(1);
      await request(t.http)
        .put('/api/user')
        .set(...auth(author))
        .send({ user: { bio: 'new bio' } })
        .expect(200);
      expect((await request(t.http).get(path).expect(200)).body.article.author.bio).toBe('new bio');
    });

    it("should never give one caller another caller's per-user fields", async () => {
      const author = await registerUser(t);
      const fan = await registerUser(t);
      const stranger = await registerUser(t);
      const article = await createArticle(t, author);
      await favorite(t, fan, article);
      const path = `/api/articles/${article.slug}`;
      for (let i = 0; i < 2; i++) {
        expect(
          (
            await request(t.http)
              .get(path)
              .set(...auth(fan))
              .expect(200)
          ).body.article.favorited,
        ).toBe(true);
        expect((await request(t.http).get(path).expect(200)).body.article.favorited).toBe(false);
        expect(
          (
            await request(t.http)
              .get(path)
              .set(...auth(stranger))
              .expect(200)
          ).body.article.favorited,
        ).toBe(false);
      }
    });

    it('should list a new tag and a new article right after they are created', async () => {
      const author = await registerUser(t);
      const tag = uniqueName('fresh').toLowerCase();
      await request(t.http).get('/api/tags').expect(200);
      const before = (await request(t.http).get('/api/articles?limit=1').expect(200)).body.articlesCount;
      await createArticle(t, author, { tagList: [tag] });
      expect((await request(t.http).get('/api/tags').expect(200)).body.tags).toContain(tag);
      expect((await request(t.http).get('/api/articles?limit=1').expect(200)).body.articlesCount).toBe(
        before + 1,
      );
    });
  });

  describe('retiring only what a write changed', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ CACHE_ENABLED: 'true' });
    });
    afterAll(async () => {
      await t.close();
    });

    const comment = (user: RegisteredUser, slug: string) =>
      request(t.http)
        .post(`/api/articles/${slug}/comments`)
        .set(...auth(user))
        .send({ comment: { body: 'hello' } })
        .expect(201);

    it('should keep the lists and other articles cached across a comment, and show the comment at once', async () => {
      const author = await registerUser(t);
      const [commented, other] = [await createArticle(t, author), await createArticle(t, author)];
      const reads = [
        '/api/articles?limit=5',
        '/api/tags',
        `/api/articles/${other.slug}`,
        `/api/articles/${other.slug}/comments`,
      ];
      for (const path of reads) await request(t.http).get(path).expect(200);
      await request(t.http).get(`/api/articles/${commented.slug}/comments`).expect(200);

      await comment(author, commented.slug);
      const fresh = await request(t.http).get(`/api/articles/${commented.slug}/comments`).expect(200);
      expect(fresh.body.comments).toHaveLength(1);
      for (const path of reads)
        expect(await queriesDuring(t, () => request(t.http).get(path).expect(200))).toBe(0);
    });

    it('should keep other articles cached across a favorite, and show the new count in the article and the lists', async () => {
      const author = await registerUser(t);
      const fan = await registerUser(t);
      const [liked, other] = [await createArticle(t, author), await createArticle(t, author)];
      const list = `/api/articles?author=${author.username}`;
      for (const path of [`/api/articles/${liked.slug}`, `/api/articles/${other.slug}`, list])
        await request(t.http).get(path).expect(200);

      await favorite(t, fan, liked);
      expect(
        (await request(t.http).get(`/api/articles/${liked.slug}`).expect(200)).body.article.favoritesCount,
      ).toBe(1);
      const listed = (await request(t.http).get(list).expect(200)).body.articles as {
        slug: string;
        favoritesCount: number;
      }[];
      expect(listed.find((article) => article.slug === liked.slug)?.favoritesCount).toBe(1);
      expect(
        await queriesDuring(t, () => request(t.http).get(`/api/articles/${other.slug}`).expect(200)),
      ).toBe(0);
    });

    it('should show a deleted article as gone, its comments included', async () => {
      const author = await registerUser(t);
      const doomed = await createArticle(t, author);
      await comment(author, doomed.slug);
      await request(t.http).get(`/api/articles/${doomed.slug}`).expect(200);
      await request(t.http).get(`/api/articles/${doomed.slug}/comments`).expect(200);

      await request(t.http)
        .delete(`/api/articles/${doomed.slug}`)
        .set(...auth(author))
        .expect(204);
      await request(t.http).get(`/api/articles/${doomed.slug}`).expect(404);
      await request(t.http).get(`/api/articles/${doomed.slug}/comments`).expect(404);
    });

    it('should match slugs exactly, so that one article has one cached address', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      const other = article.slug.toUpperCase();
      await request(t.http).get(`/api/articles/${other}`).expect(404);
      await request(t.http).get(`/api/articles/${other}/comments`).expect(404);
      await request(t.http)
        .post(`/api/articles/${other}/favorite`)
        .set(...auth(author))
        .expect(404);
    });
  });

  describe('switched off', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ CACHE_ENABLED: 'false' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should read the database on every request', async () => {
      await request(t.http).get('/api/tags').expect(200);
      expect(await queriesDuring(t, () => request(t.http).get('/api/tags').expect(200))).toBe(1);
    });
  });

  describeWithRedis('in Redis, shared by two instances', () => {
    let redis: TestRedis;
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      redis = await openTestRedis();
      const env = { CACHE_ENABLED: 'true', ...redis.env };
      first = await createTestApp(env);
      second = await createTestApp({ ...env, DATABASE_URL: process.env.DATABASE_URL! });
    });
    afterAll(async () => {
      await first.close();
      await second.close();
      await redis.close();
    });

    it("should serve the other instance's cached read, and see a write made on the other instance", async () => {
      const author = await registerUser(first);
      const article = await createArticle(first, author, { body: 'v1' });
      const path = `/api/articles/${article.slug}`;
      await request(first.http).get(path).expect(200);
      expect(await queriesDuring(second, () => request(second.http).get(path).expect(200))).toBe(0);

      await request(second.http)
        .put(path)
        .set(...auth(author))
        .send({ article: { body: 'v2' } })
        .expect(200);
      expect((await request(first.http).get(path).expect(200)).body.article.body).toBe('v2');
    });

    it("should retire only the commented article's entries, on every instance", async () => {
      const author = await registerUser(first);
      const [commented, other] = [await createArticle(first, author), await createArticle(first, author)];
      const comments = `/api/articles/${commented.slug}/comments`;
      await request(first.http).get(comments).expect(200);
      await request(first.http).get(`/api/articles/${other.slug}`).expect(200);

      await request(second.http)
        .post(comments)
        .set(...auth(author))
        .send({ comment: { body: 'from the second instance' } })
        .expect(201);
      expect((await request(first.http).get(comments).expect(200)).body.comments).toHaveLength(1);
      expect(
        await queriesDuring(first, () => request(first.http).get(`/api/articles/${other.slug}`).expect(200)),
      ).toBe(0);
    });
  });
});
