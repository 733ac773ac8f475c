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

const BODY_LIMIT_BYTES = 512 * 1024;
const ARTICLE_BODY_MAX = 256 * 1024;
const COMMENT_MAX = 65_535;
const EMOJI = '😀'; // 4 bytes of UTF-8, 2 UTF-16 units, 1 code point

/** `prefix` (made unique) padded with `fill` to exactly `length` characters (code points, as the API counts). */
function sized(length: number, prefix = uniqueName('x'), fill = 'a'): string {
  return [...(prefix + fill.repeat(length))].slice(0, length).join('');
}

/** An address of exactly `length` characters (at least 80) that passes an RFC-minded email check. */
function emailOf(length: number): string {
  const local = sized(64, uniqueName('m'));
  let domain = '';
  for (const label of ['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(63)]) {
    const room = length - local.length - 1 - domain.length - 4; // 4 for ".com"
    if (room <= 0) break;
    domain += (domain ? '.' : '') + label.slice(0, Math.min(63, room - (domain ? 1 : 0)));
  }
  const email = `${local}@${domain}.com`;
  if (email.length !== length) throw new Error(`could not build an email of ${length} characters`);
  return email;
}

/** 422 in the API's shape naming `field`, and nothing stored as a side effect (checked by the caller). */
function expect422(res: request.Response, field: string): void {
  expect({ status: res.status, fields: Object.keys(res.body.errors ?? {}) }).toEqual({
    status: 422,
    fields: expect.arrayContaining([field]),
  });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
}

describe('Input limits (e2e)', () => {
  let t: TestApp;
  let author: RegisteredUser;
  let article: ArticleBody;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) });
    author = await registerUser(t);
    article = await createArticle(t, author);
  });
  afterAll(async () => {
    await t.close();
  });

  const register = (fields: Record<string, unknown>): request.Test => {
    const username = uniqueName('reg');
    return request(t.http)
      .post('/api/users')
      .send({ user: { username, email: `${username}@example.com`, password: 'password123', ...fields } });
  };
  const updateUser = (user: RegisteredUser, fields: Record<string, unknown>): request.Test =>
    request(t.http)
      .put('/api/user')
      .set(...auth(user))
      .send({ user: fields });
  const postArticle = (fields: Record<string, unknown>): request.Test =>
    request(t.http)
      .post('/api/articles')
      .set(...auth(author))
      .send({ article: { title: uniqueName('Limits'), description: 'd', body: 'b', ...fields } });
  const postComment = (body: unknown): request.Test =>
    request(t.http)
      .post(`/api/articles/${article.slug}/comments`)
      .set(...auth(author))
      .send({ comment: { body } });

  describe('registration fields', () => {
    it.each([
      ['username', 64, (n: number) => sized(n)],
      ['email', 254, emailOf],
      ['password', 128, (n: number) => sized(n)],
    ])('should accept a %s of %i characters and answer 422 for one more', async (field, max, make) => {
      const atMax = make(max);
      const created = await register({ [field]: atMax }).expect(201);
      if (field !== 'password') expect(created.body.user[field]).toBe(atMax);
      const over = make(max + 1);
      expect422(await register({ [field]: over }), field);
      if (field === 'username') {
        expect(await t.dataSource.query('SELECT id FROM users WHERE username = ?', [over])).toHaveLength(0);
      }
    });

    it('should sign in with a password of the maximum length', async () => {
      const password = sized(128);
      const user = await registerUser(t, { password });
      await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: user.email, password } })
        .expect(200);
      expect422(
        await request(t.http)
          .post('/api/users/login')
          .send({ user: { email: user.email, password: password + 'a' } }),
        'password',
      );
    });

    it.each([' ', '   ', '\t', '\n', ' \u00a0 ', '\u3000'])(
      'should answer 422 for a whitespace-only username %j',
      async (username) => {
        expect422(await register({ username }), 'username');
      },
    );

    it.each([
      `${EMOJI}user`,
      'user❤️',
      'two words',
      'slash/name',
      'back\\slash',
      '<script>',
      'percent%41',
      'quote"name',
      "o'neil",
      'semi;colon',
      'null\u0000byte',
      'rtl\u202eevil',
      'zero\u200bwidth',
    ])('should answer 422 for the username %j (letters, digits, _ - . only)', async (username) => {
      expect422(await register({ username }), 'username');
    });
  });

  describe('profile fields', () => {
    it('should accept a bio of 4000 characters and answer 422 for 4001', async () => {
      const user = await registerUser(t);
      const bio = sized(4000, 'bio', EMOJI);
      await updateUser(user, { bio }).expect(200);
      const profile = await request(t.http).get(`/api/profiles/${user.username}`).expect(200);
      expect(profile.body.profile.bio).toBe(bio);
      expect422(await updateUser(user, { bio: bio + 'a' }), 'bio');
    });

    it('should accept an image URL of 2048 characters and answer 422 for 2049', async () => {
      const user = await registerUser(t);
      const image = sized(2048, 'https://example.com/');
      const res = await updateUser(user, { image }).expect(200);
      expect(res.body.user.image).toBe(image);
      expect422(await updateUser(user, { image: image + 'a' }), 'image');
    });

    it('should answer 422 for an over-long username, email or password on update, and change nothing', async () => {
      const user = await registerUser(t);
      expect422(await updateUser(user, { username: sized(65) }), 'username');
      expect422(await updateUser(user, { email: emailOf(255) }), 'email');
      expect422(await updateUser(user, { password: sized(129) }), 'password');
      const current = await request(t.http)
        .get('/api/user')
        .set(...auth(user))
        .expect(200);
      expect(current.body.user).toMatchObject({ username: user.username, email: user.email });
    });
  });

  describe('article fields', () => {
    it.each([
      ['title', 255],
      ['description', 1024],
    ])('should accept a %s of %i characters and answer 422 for one more', async (field, max) => {
      const atMax = sized(max, uniqueName('t'), EMOJI);
      const created = await postArticle({ [field]: atMax }).expect(201);
      expect(created.body.article[field]).toBe(atMax);
      expect422(await postArticle({ [field]: sized(max + 1) }), field);
      expect422(
        await request(t.http)
          .put(`/api/articles/${created.body.article.slug}`)
          .set(...auth(author))
          .send({ article: { [field]: sized(max + 1) } }),
        field,
      );
    });

    it('should accept a tag of 64 characters and answer 422 for 65', async () => {
      const tag = sized(64, uniqueName('tag'));
      const created = await postArticle({ tagList: [tag] }).expect(201);
      expect(created.body.article.tagList).toEqual([tag]);
      expect422(await postArticle({ tagList: ['ok', sized(65)] }), 'tagList');
    });

    it('should accept 20 tags, answer 422 for 21, and count duplicates once', async () => {
      const tags = Array.from({ length: 21 }, (_, i) => `t${i}-${uniqueName('n')}`.toLowerCase());
      await postArticle({ tagList: tags.slice(0, 20) }).expect(201);
      expect422(await postArticle({ tagList: tags }), 'tagList');
      const withDuplicate = [...tags.slice(0, 20), tags[0].toUpperCase()];
      const created = await postArticle({ tagList: withDuplicate }).expect(201);
      expect(created.body.article.tagList).toEqual(tags.slice(0, 20));
    });

    it('should answer 422 quickly for a list of 10 000 tags', async () => {
      const started = Date.now();
      const tagList = Array.from({ length: 10_000 }, (_, i) => `tag${i}`);
      expect422(await postArticle({ tagList }), 'tagList');
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it(`should accept a body of ${ARTICLE_BODY_MAX} bytes and answer 422 for one more byte`, async () => {
      const body = sized(ARTICLE_BODY_MAX, 'body');
      const created = await postArticle({ body }).expect(201);
      expect(created.body.article.body).toBe(body);
      expect422(await postArticle({ body: body + 'a' }), 'body');
      const emoji = EMOJI.repeat(ARTICLE_BODY_MAX / 4);
      await postArticle({ body: emoji }).expect(201);
      expect422(await postArticle({ body: emoji + 'a' }), 'body');
      expect422(
        await request(t.http)
          .put(`/api/articles/${created.body.article.slug}`)
          .set(...auth(author))
          .send({ article: { body: body + 'a' } }),
        'body',
      );
    });

    it.each([
      ['200 KB of ASCII', sized(200 * 1024, 'ascii', 'abcdefghij')],
      ['100 KB of 4-byte emoji', '🦄😀🎉🚀'.repeat((100 * 1024) / 16)],
    ])('should store an article body of %s and give it back byte for byte', async (_label, body) => {
      const created = await postArticle({ body }).expect(201);
      const read = await request(t.http).get(`/api/articles/${created.body.article.slug}`).expect(200);
      expect(read.body.article.body.length).toBe(body.length);
      expect(Buffer.from(read.body.article.body).equals(Buffer.from(body))).toBe(true);
    });

    it.each(['title', 'description', 'body'])('should answer 422 for a whitespace-only %s', async (field) => {
      expect422(await postArticle({ [field]: ' \n\t\u00a0 ' }), field);
    });

    it('should answer 422, never 500, for fields of the wrong type', async () => {
      const wrong: Record<string, unknown>[] = [
        { title: 42 },
        { title: ['a', 'b'] },
        { title: { nested: { deeper: 'x' } } },
        { description: true },
        { body: null },
        { tagList: 'not-a-list' },
        { tagList: [1, 2] },
        { tagList: [['nested']] },
        { tagList: [{ name: 'x' }] },
      ];
      for (const fields of wrong) {
        const res = await postArticle(fields);
        expect({ fields, status: res.status }).toEqual({ fields, status: 422 });
      }
    });
  });

  describe('comments', () => {
    it(`should accept a comment of ${COMMENT_MAX} bytes and answer 422 for one more byte`, async () => {
      const body = sized(COMMENT_MAX, 'comment');
      const created = await postComment(body).expect(201);
      expect(created.body.comment.body).toBe(body);
      expect422(await postComment(body + 'a'), 'body');
    });

    it('should count the bytes of a comment, not its characters', async () => {
      const fits = EMOJI.repeat((COMMENT_MAX - 3) / 4) + 'abc';
      expect(Buffer.byteLength(fits)).toBe(COMMENT_MAX);
      const created = await postComment(fits).expect(201);
      expect(created.body.comment.body).toBe(fits);
      expect422(await postComment(EMOJI.repeat((COMMENT_MAX + 1) / 4)), 'body');
    });

    it.each(['', ' ', '\n\n', '\t \u00a0'])('should answer 422 for the blank comment %j', async (body) => {
      expect422(await postComment(body), 'body');
    });
  });

  describe('request size', () => {
    it('should answer a body over BODY_LIMIT_BYTES with 413 JSON and store nothing', async () => {
      const title = uniqueName('Too big');
      const res = await postArticle({ title, body: 'a'.repeat(BODY_LIMIT_BYTES) });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ errors: { body: ['is too large'] } });
      const list = await request(t.http).get(`/api/articles?author=${author.username}&limit=100`).expect(200);
      expect(list.body.articles.map((a: ArticleBody) => a.title)).not.toContain(title);
    });

    it('should answer 422 for a query filter over 255 characters and a page size over 100', async () => {
      for (const filter of ['tag', 'author', 'favorited']) {
        expect422(await request(t.http).get(`/api/articles?${filter}=${'x'.repeat(256)}`), filter);
      }
      expect422(await request(t.http).get('/api/articles?limit=101'), 'limit');
      expect422(await request(t.http).get('/api/articles?limit=1e400'), 'limit');
      expect422(await request(t.http).get('/api/articles?offset=99999999999999999999'), 'offset');
    });
  });
});
