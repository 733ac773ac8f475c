import request from 'supertest';
import {
  ArticleBody,
  auth,
  createArticle,
  registerUser,
  RegisteredUser,
  uniqueName,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const AT_ONCE = 30;

/** Sends `make()` AT_ONCE times, all in flight together. */
function burst(make: () => request.Test): Promise<request.Response[]> {
  return Promise.all(Array.from({ length: AT_ONCE }, () => make().then((res) => res)));
}

const statusesOf = (responses: request.Response[]): Record<number, number> =>
  responses.reduce<Record<number, number>>((counts, res) => {
    counts[res.status] = (counts[res.status] ?? 0) + 1;
    return counts;
  }, {});

describe('Races (e2e)', () => {
  let t: TestApp;
  let author: RegisteredUser;
  let reader: RegisteredUser;

  async function count(sql: string, parameters: unknown[]): Promise<number> {
    const [row] = await t.dataSource.query(sql, parameters);
    return Number(row.n);
  }

  const userId = async (username: string): Promise<number> =>
    count('SELECT id AS n FROM users WHERE username = ?', [username]);
  const articleId = async (slug: string): Promise<number> =>
    count('SELECT id AS n FROM articles WHERE slug = ?', [slug]);

  beforeAll(async () => {
    t = await createTestApp();
    author = await registerUser(t);
    reader = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('favorites', () => {
    let article: ArticleBody;

    beforeAll(async () => {
      article = await createArticle(t, author);
    });

    it(`should store one favorite when the same favorite is sent ${AT_ONCE} times at once`, async () => {
      const responses = await burst(() =>
        request(t.http)
          .post(`/api/articles/${article.slug}/favorite`)
          .set(...auth(reader)),
      );
      expect(statusesOf(responses)).toEqual({ 200: AT_ONCE });
      responses.forEach((res) => expect(res.body.article.favorited).toBe(true));
      const rows = await count('SELECT COUNT(*) AS n FROM favorites WHERE article_id = ?', [
        await articleId(article.slug),
      ]);
      expect(rows).toBe(1);
      const read = await request(t.http).get(`/api/articles/${article.slug}`).expect(200);
      expect(read.body.article.favoritesCount).toBe(1);
    });

    it(`should store no favorite when the same unfavorite is sent ${AT_ONCE} times at once`, async () => {
      const responses = await burst(() =>
        request(t.http)
          .delete(`/api/articles/${article.slug}/favorite`)
          .set(...auth(reader)),
      );
      expect(statusesOf(responses)).toEqual({ 200: AT_ONCE });
      responses.forEach((res) => expect(res.body.article.favorited).toBe(false));
      const read = await request(t.http).get(`/api/articles/${article.slug}`).expect(200);
      expect(read.body.article.favoritesCount).toBe(0);
    });

    it(`should count ${AT_ONCE} users favoriting one article at once exactly`, async () => {
      const fans = await Promise.all(Array.from({ length: AT_ONCE }, () => registerUser(t)));
      const target = await createArticle(t, author);
      const responses = await Promise.all(
        fans.map((fan) =>
          request(t.http)
            .post(`/api/articles/${target.slug}/favorite`)
            .set(...auth(fan)),
        ),
      );
      expect(statusesOf(responses)).toEqual({ 200: AT_ONCE });
      const read = await request(t.http).get(`/api/articles/${target.slug}`).expect(200);
      expect(read.body.article.favoritesCount).toBe(AT_ONCE);
      const rows = await count('SELECT COUNT(*) AS n FROM favorites WHERE article_id = ?', [
        await articleId(target.slug),
      ]);
      expect(rows).toBe(AT_ONCE);
    });
  });

  describe('follows', () => {
    it(`should store one follow when the same follow is sent ${AT_ONCE} times at once, and none after as many unfollows`, async () => {
      const follower = await registerUser(t);
      const path = `/api/profiles/${author.username}/follow`;
      const follows = await burst(() =>
        request(t.http)
          .post(path)
          .set(...auth(follower)),
      );
      expect(statusesOf(follows)).toEqual({ 200: AT_ONCE });
      follows.forEach((res) => expect(res.body.profile.following).toBe(true));
      const sql = 'SELECT COUNT(*) AS n FROM follows WHERE follower_id = ? AND following_id = ?';
      const ids = [await userId(follower.username), await userId(author.username)];
      expect(await count(sql, ids)).toBe(1);

      const unfollows = await burst(() =>
        request(t.http)
          .delete(path)
          .set(...auth(follower)),
      );
      expect(statusesOf(unfollows)).toEqual({ 200: AT_ONCE });
      expect(await count(sql, ids)).toBe(0);
    });
  });

  describe('registrations', () => {
    it(`should create exactly one account when the same registration is sent ${AT_ONCE} times at once`, async () => {
      const username = uniqueName('race');
      const user = { username, email: `${username}@example.com`, password: 'password123' };
      const responses = await burst(() => request(t.http).post('/api/users').send({ user }));
      expect(statusesOf(responses)).toEqual({ 201: 1, 409: AT_ONCE - 1 });
      for (const res of responses.filter((r) => r.status === 409)) {
        expect(Object.keys(res.body.errors)).toEqual([expect.stringMatching(/^(username|email)$/)]);
        expect(Object.values(res.body.errors)).toEqual([['has already been taken']]);
      }
      expect(await count('SELECT COUNT(*) AS n FROM users WHERE username = ?', [username])).toBe(1);
      await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: user.email, password: user.password } })
        .expect(200);
    });

    it.each([
      ['username', (base: string, i: number) => ({ username: base, email: `${base}_${i}@example.com` })],
      ['email', (base: string, i: number) => ({ username: `${base}_${i}`, email: `${base}@example.com` })],
    ])(
      `should let only one of ${AT_ONCE} simultaneous registrations sharing one %s through, with 409 for the rest`,
      async (field, make) => {
        const base = uniqueName('same');
        let i = 0;
        const responses = await burst(() =>
          request(t.http)
            .post('/api/users')
            .send({ user: { ...make(base, i++), password: 'password123' } }),
        );
        expect(statusesOf(responses)).toEqual({ 201: 1, 409: AT_ONCE - 1 });
        for (const res of responses.filter((r) => r.status === 409)) {
          expect(res.body).toEqual({ errors: { [field]: ['has already been taken'] } });
        }
        const column = field === 'username' ? 'username' : 'email';
        const value = field === 'username' ? base : `${base}@example.com`;
        expect(await count(`SELECT COUNT(*) AS n FROM users WHERE ${column} = ?`, [value])).toBe(1);
      },
    );
  });

  describe('comments', () => {
    it(`should store ${AT_ONCE} distinct comments when the same comment is sent ${AT_ONCE} times at once`, async () => {
      const article = await createArticle(t, author);
      const responses = await burst(() =>
        request(t.http)
          .post(`/api/articles/${article.slug}/comments`)
          .set(...auth(reader))
          .send({ comment: { body: 'Same words, said at once' } }),
      );
      expect(statusesOf(responses)).toEqual({ 201: AT_ONCE });
      const ids = responses.map((res) => res.body.comment.id);
      expect(new Set(ids).size).toBe(AT_ONCE);
      responses.forEach((res) => expect(res.body.comment.body).toBe('Same words, said at once'));
      const listed = await request(t.http).get(`/api/articles/${article.slug}/comments`).expect(200);
      expect(listed.body.comments.map((c: { id: number }) => c.id).sort()).toEqual([...ids].sort());
      const rows = await count('SELECT COUNT(*) AS n FROM comments WHERE article_id = ?', [
        await articleId(article.slug),
      ]);
      expect(rows).toBe(AT_ONCE);
    });
  });

  describe('tags', () => {
    it(`should create each new tag once when ${AT_ONCE} articles bring the same new tags at once`, async () => {
      const tags = [uniqueName('fresh').toLowerCase(), uniqueName('fresh').toLowerCase(), 'shared'];
      const responses = await burst(() =>
        request(t.http)
          .post('/api/articles')
          .set(...auth(author))
          .send({ article: { title: 'Tagged at once', description: 'd', body: 'b', tagList: tags } }),
      );
      expect(statusesOf(responses)).toEqual({ 201: AT_ONCE });
      expect(new Set(responses.map((res) => res.body.article.slug)).size).toBe(AT_ONCE);
      responses.forEach((res) => expect(res.body.article.tagList).toEqual(tags));
      for (const tag of tags) {
        expect(await count('SELECT COUNT(*) AS n FROM tags WHERE name = ?', [tag])).toBe(1);
        const listed = await request(t.http).get('/api/articles').query({ tag, limit: 100 }).expect(200);
        expect(listed.body.articlesCount).toBeGreaterThanOrEqual(AT_ONCE);
      }
    });
  });
});
