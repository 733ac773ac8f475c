import request from 'supertest';
import {
  ArticleBody,
  auth,
  createArticle,
  favorite,
  RegisteredUser,
  registerUser,
  uniqueName,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** Lower case already, as tags are stored. */
const SQL_PAYLOADS = [
  "' or 1=1 --",
  "' or '1'='1",
  '" or ""="',
  "'; drop table users; --",
  '"; drop table users; --',
  "1'); delete from articles; --",
  "' union select password_hash from users --",
  '%',
  '_',
  '%%',
  '\\',
  "\\'",
  '\\%',
];

const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(document.domain)>',
  "javascript:alert('x')//</textarea></title>",
];

const TABLES = ['users', 'follows', 'articles', 'tags', 'article_tags', 'favorites', 'comments'];

const slugsOf = (res: request.Response): string[] =>
  res.body.articles.map((article: ArticleBody) => article.slug).sort();

describe('Injection (e2e)', () => {
  let t: TestApp;
  let alice: RegisteredUser;
  let bob: RegisteredUser;
  let tagged: ArticleBody;
  let underscore: ArticleBody;
  let lookalike: ArticleBody;
  let plain: ArticleBody;
  let rowsBefore: Record<string, number>;

  /** The rows of each table, those in the trash left out. */
  async function countRows(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const live = ['articles', 'comments'].includes(table) ? ' WHERE deleted_at IS NULL' : '';
      const [row] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}${live}`);
      counts[table] = Number(row.n);
    }
    return counts;
  }

  const list = (query: Record<string, string>): Promise<request.Response> =>
    request(t.http).get('/api/articles').query(query).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    alice = await registerUser(t, { username: uniqueName('alice') });
    bob = await registerUser(t, { username: uniqueName('bob') });
    tagged = await createArticle(t, alice, { tagList: SQL_PAYLOADS });
    underscore = await createArticle(t, alice, { tagList: ['a_b'] });
    lookalike = await createArticle(t, bob, { tagList: ['axb'] });
    plain = await createArticle(t, bob);
    await favorite(t, alice, plain);
    rowsBefore = await countRows();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('SQL in filters', () => {
    it('should store SQL payloads as tag names and find by each only the article that carries it', async () => {
      const created = await request(t.http).get(`/api/articles/${tagged.slug}`).expect(200);
      expect(created.body.article.tagList).toEqual(SQL_PAYLOADS);
      for (const tag of SQL_PAYLOADS) {
        const res = await list({ tag });
        expect({ tag, slugs: slugsOf(res), count: res.body.articlesCount }).toEqual({
          tag,
          slugs: [tagged.slug],
          count: 1,
        });
      }
    });

    it('should match "%" and "_" in a tag only as themselves', async () => {
      expect(slugsOf(await list({ tag: 'a_b' }))).toEqual([underscore.slug]);
      expect(slugsOf(await list({ tag: 'axb' }))).toEqual([lookalike.slug]);
      for (const tag of ['a%b', 'a%', '%b', 'a_', '_xb', '___', '%_%', "a_b' or 1=1 --"]) {
        const res = await list({ tag });
        expect({ tag, count: res.body.articlesCount, articles: res.body.articles }).toEqual({
          tag,
          count: 0,
          articles: [],
        });
      }
    });

    it.each(['author', 'favorited'])(
      'should find nothing for SQL payloads and wildcards in %s, but the exact username still works',
      async (filter) => {
        const wildcards = [
          '_'.repeat(alice.username.length),
          `${alice.username.slice(0, -1)}_`,
          `${alice.username.slice(0, 3)}%`,
          `${alice.username}' or '1'='1`,
          `${alice.username}' --`,
        ];
        for (const value of [...SQL_PAYLOADS, ...wildcards]) {
          const res = await list({ [filter]: value });
          expect({ value, count: res.body.articlesCount }).toEqual({ value, count: 0 });
        }
        const exact = await list({ [filter]: alice.username });
        expect(slugsOf(exact)).toEqual(
          filter === 'author' ? [tagged.slug, underscore.slug].sort() : [plain.slug],
        );
      },
    );
  });

  describe('SQL in paths', () => {
    const PATH_PAYLOADS = [...SQL_PAYLOADS, "x' or '1'='1", "feed' --"];

    it('should answer 404 for SQL payloads and wildcards used as slugs, on every article route', async () => {
      const slugs = [...PATH_PAYLOADS, '_'.repeat(tagged.slug.length), `${tagged.slug.slice(0, 5)}%`];
      for (const slug of slugs) {
        const path = `/api/articles/${encodeURIComponent(slug)}`;
        const answers = [
          await request(t.http).get(path),
          await request(t.http)
            .put(path)
            .set(...auth(alice))
            .send({ article: { body: 'overwritten' } }),
          await request(t.http)
            .delete(path)
            .set(...auth(alice)),
          await request(t.http).get(`${path}/comments`),
          await request(t.http)
            .post(`${path}/comments`)
            .set(...auth(alice))
            .send({ comment: { body: 'c' } }),
          await request(t.http)
            .post(`${path}/favorite`)
            .set(...auth(bob)),
          await request(t.http)
            .delete(`${path}/favorite`)
            .set(...auth(alice)),
        ];
        expect({ slug, statuses: answers.map((res) => res.status) }).toEqual({
          slug,
          statuses: [404, 404, 404, 404, 404, 404, 404],
        });
        answers.forEach((res) => expect(res.body).toEqual({ errors: { article: ['not found'] } }));
      }
      expect(await countRows()).toEqual(rowsBefore);
      const untouched = await request(t.http).get(`/api/articles/${tagged.slug}`).expect(200);
      expect(untouched.body.article.body).toBe(tagged.body);
    });

    it('should answer 404 for a comment id that is SQL, and keep the comments', async () => {
      const comment = await request(t.http)
        .post(`/api/articles/${plain.slug}/comments`)
        .set(...auth(bob))
        .send({ comment: { body: 'keep me' } })
        .expect(201);
      for (const id of [
        '1 OR 1=1',
        `${comment.body.comment.id} OR 1=1`,
        '1;DROP TABLE comments',
        "1'",
        '%',
      ]) {
        await request(t.http)
          .delete(`/api/articles/${plain.slug}/comments/${encodeURIComponent(id)}`)
          .set(...auth(bob))
          .expect(404, { errors: { comment: ['not found'] } });
      }
      const comments = await request(t.http).get(`/api/articles/${plain.slug}/comments`).expect(200);
      expect(comments.body.comments.map((c: { id: number }) => c.id)).toContain(comment.body.comment.id);
      await request(t.http)
        .delete(`/api/articles/${plain.slug}/comments/${comment.body.comment.id}`)
        .set(...auth(bob))
        .expect(204);
    });

    it('should answer 404 for SQL payloads and wildcards used as usernames, and follow no one', async () => {
      const usernames = [
        ...PATH_PAYLOADS,
        '_'.repeat(alice.username.length),
        `${alice.username.slice(0, 4)}%`,
      ];
      for (const username of usernames) {
        const path = `/api/profiles/${encodeURIComponent(username)}`;
        const answers = [
          await request(t.http).get(path),
          await request(t.http)
            .post(`${path}/follow`)
            .set(...auth(bob)),
          await request(t.http)
            .delete(`${path}/follow`)
            .set(...auth(bob)),
        ];
        expect({ username, statuses: answers.map((res) => res.status) }).toEqual({
          username,
          statuses: [404, 404, 404],
        });
        answers.forEach((res) => expect(res.body).toEqual({ errors: { profile: ['not found'] } }));
      }
      expect(await countRows()).toEqual(rowsBefore);
    });
  });

  describe('SQL in credentials', () => {
    it('should never sign in with SQL in the email or password', async () => {
      // Not an email at all: 422; shaped like one, or a wrong password: the plain 401.
      const attempts = [
        { email: "' or 1=1 --", password: 'anything1', status: 422 },
        { email: `${alice.email}' --`, password: 'anything1', status: 422 },
        { email: "x'or'1'='1@example.com", password: "' or '1'='1", status: 401 },
        { email: '%@example.com', password: alice.password, status: 401 },
        {
          email: `${'_'.repeat(alice.email.indexOf('@'))}@example.com`,
          password: alice.password,
          status: 401,
        },
        { email: alice.email, password: "' or 1=1 --", status: 401 },
        { email: alice.email, password: '" or ""="', status: 401 },
        { email: alice.email, password: `${alice.password}' --`, status: 401 },
      ];
      for (const { status, ...credentials } of attempts) {
        const res = await request(t.http).post('/api/users/login').send({ user: credentials });
        expect({ credentials, status: res.status }).toEqual({ credentials, status });
        expect(res.body.user).toBeUndefined();
      }
    });

    it('should answer 422 to operator objects instead of strings', async () => {
      for (const user of [
        { email: { $ne: null }, password: { $ne: null } },
        { email: { $gt: '' }, password: 'password123' },
        { email: [alice.email], password: [alice.password] },
        { email: alice.email, password: { toString: alice.password } },
      ]) {
        const res = await request(t.http).post('/api/users/login').send({ user });
        expect(res.status).toBe(422);
        expect(res.body.user).toBeUndefined();
      }
    });

    it('should register and sign in an email with quotes as plain data', async () => {
      const email = `o'brien+${uniqueName('q')}@example.com`.toLowerCase();
      await registerUser(t, { email, password: 'pa\'ss"word; --' });
      const res = await request(t.http)
        .post('/api/users/login')
        .send({ user: { email, password: 'pa\'ss"word; --' } })
        .expect(200);
      expect(res.body.user.email).toBe(email);
    });

    it('should refuse prototype-polluting bodies and leave objects unpolluted', async () => {
      for (const raw of [
        '{"user":{"__proto__":{"polluted":true},"email":"a@b.co","password":"password123"}}',
        '{"__proto__":{"polluted":true},"user":{"email":"a@b.co","password":"password123"}}',
        '{"user":{"constructor":{"prototype":{"polluted":true}},"email":"a@b.co","password":"x"}}',
      ]) {
        const res = await request(t.http)
          .post('/api/users/login')
          .set('Content-Type', 'application/json')
          .send(raw);
        expect(res.status).toBe(400);
        expect(Object.keys(res.body)).toEqual(['errors']);
      }
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    });
  });

  describe('XSS payloads', () => {
    function expectJson(res: request.Response): void {
      expect(res.headers['content-type']).toMatch(/^application\/json\b/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }

    it.each(XSS_PAYLOADS)(
      'should store %p in an article and give it back byte for byte, as JSON',
      async (xss) => {
        const created = await request(t.http)
          .post('/api/articles')
          .set(...auth(alice))
          .send({
            article: { title: `${xss} ${uniqueName('t')}`, description: xss, body: xss, tagList: [xss] },
          })
          .expect(201);
        expectJson(created);
        const read = await request(t.http).get(
          `/api/articles/${encodeURIComponent(created.body.article.slug)}`,
        );
        expectJson(read);
        expect(read.body.article).toMatchObject({
          title: created.body.article.title,
          description: xss,
          body: xss,
          tagList: [xss.toLowerCase()],
        });
        expect(read.body.article.title.startsWith(xss)).toBe(true);
        expect(created.body.article.slug).toMatch(/^[\p{L}\p{N}-]+$/u);
        const tags = await request(t.http).get('/api/tags').expect(200);
        expectJson(tags);
        expect(tags.body.tags).toContain(xss.toLowerCase());
      },
    );

    it.each(XSS_PAYLOADS)(
      'should store %p in a bio and a comment and give them back byte for byte',
      async (xss) => {
        const user = await registerUser(t);
        await request(t.http)
          .put('/api/user')
          .set(...auth(user))
          .send({ user: { bio: xss } })
          .expect(200);
        const profile = await request(t.http).get(`/api/profiles/${user.username}`).expect(200);
        expectJson(profile);
        expect(profile.body.profile.bio).toBe(xss);
        const comment = await request(t.http)
          .post(`/api/articles/${plain.slug}/comments`)
          .set(...auth(user))
          .send({ comment: { body: xss } })
          .expect(201);
        expect(comment.body.comment.body).toBe(xss);
        const comments = await request(t.http).get(`/api/articles/${plain.slug}/comments`).expect(200);
        expectJson(comments);
        const mine = comments.body.comments.find((c: { id: number }) => c.id === comment.body.comment.id);
        expect(mine).toMatchObject({ body: xss, author: { username: user.username, bio: xss } });
      },
    );

    it('should refuse script URLs as images and markup in usernames', async () => {
      const user = await registerUser(t);
      for (const image of [
        'javascript:alert(1)',
        'JAVASCRIPT:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:msgbox(1)',
        ' javascript:alert(1)',
      ]) {
        const res = await request(t.http)
          .put('/api/user')
          .set(...auth(user))
          .send({ user: { image } });
        expect({ image, status: res.status }).toEqual({ image, status: 422 });
      }
      for (const username of XSS_PAYLOADS) {
        const res = await request(t.http)
          .put('/api/user')
          .set(...auth(user))
          .send({ user: { username } });
        expect({ username, status: res.status }).toEqual({ username, status: 422 });
      }
    });

    it('should answer XSS in a URL with JSON that does not echo it', async () => {
      for (const path of [
        `/api/profiles/${encodeURIComponent(XSS_PAYLOADS[0])}`,
        `/api/articles/${encodeURIComponent(XSS_PAYLOADS[1])}`,
        `/api/${encodeURIComponent(XSS_PAYLOADS[0])}`,
        `/api/articles?tag=${encodeURIComponent(XSS_PAYLOADS[0])}&limit=${encodeURIComponent(XSS_PAYLOADS[1])}`,
      ]) {
        const res = await request(t.http).get(path);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expectJson(res);
        expect(res.text).not.toMatch(/<script|<img|onerror/i);
      }
    });
  });

  it('should still have every table, with every row the suite created, after all the payloads', async () => {
    const counts = await countRows();
    for (const table of TABLES) expect(counts[table]).toBeGreaterThanOrEqual(rowsBefore[table]);
    expect(counts.users).toBeGreaterThan(rowsBefore.users);
    const all = await request(t.http).get('/api/articles?limit=100').expect(200);
    expect(all.body.articlesCount).toBe(counts.articles);
    await request(t.http)
      .post('/api/users/login')
      .send({ user: { email: alice.email, password: alice.password } })
      .expect(200);
  });
});
