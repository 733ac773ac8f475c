import { InternalServerErrorException, HttpException } from '@nestjs/common';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { ArticlesQueryService } from '../../src/content/articles/articles-query.service';
import { CommentsService } from '../../src/content/comments/comments.service';
import { TagsService } from '../../src/content/tags/tags.service';
import { UsersService } from '../../src/users/users.service';
import { auth, createArticle, registerUser, uniqueName } from '../support/factories';
import { signHs256, decodePayload } from '../support/jwt';
import { createTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a-secret-password-9f3c1';

/** What no response may ever carry, whatever went wrong. */
const FORBIDDEN: [string, RegExp][] = [
  ['a password hash field', /password_?hash|"hash"\s*:|"salt"\s*:/i],
  ['an argon2 or bcrypt hash', /\$argon2(id|i|d)\$|\$2[aby]\$\d\d\$/],
  ['the plain password', new RegExp(PASSWORD)],
  ['a driver error code', /SQLITE_|\bER_[A-Z_]{3,}|errno|sqlState|sqlMessage|QueryFailedError|SqliteError/],
  ['SQL text', /\b(SELECT\s.+\sFROM|INSERT INTO|UPDATE\s+`?\w+`?\s+SET|DELETE FROM)\b/i],
  ['a stack trace', /\n\s+at\s|^\s{4}at\s|\bat\s+\S+\s+\([^)]*:\d+:\d+\)/m],
  ['a source position', /\.(ts|js|mjs|cjs):\d+/],
  ['an absolute path', /\/work\/|\/home\/|\/tmp\/|\/usr\/|node_modules|[A-Z]:\\\\/],
  ['an internal error name', /TypeError|ReferenceError|EntityNotFound|Nest(Application|Factory)/],
];

function leaksIn(res: request.Response, extra: string[] = []): string[] {
  const text = `${res.text ?? ''}\n${JSON.stringify(res.headers)}`;
  const found = FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
  return [...found, ...extra.filter((secret) => text.includes(secret)).map((secret) => `"${secret}"`)];
}

describe('Leaks (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: String(64 * 1024) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('should put no hash, password, driver message, stack or path in any answer, success or error', async () => {
    const http = (): ReturnType<typeof request> => request(t.http);
    const alice = await registerUser(t, { password: PASSWORD });
    const bob = await registerUser(t, { password: PASSWORD });
    const article = await createArticle(t, alice, { tagList: ['leaks'] });
    const comment = await http()
      .post(`/api/articles/${article.slug}/comments`)
      .set(...auth(bob))
      .send({ comment: { body: 'hi' } })
      .expect(201);
    const other = await registerUser(t, { password: PASSWORD });
    const malformedClaims = signHs256(
      { ...decodePayload(alice.token), sub: 'x' },
      'test-secret-for-e2e-only-0123456789',
    );
    const databaseFile = (process.env.DATABASE_URL ?? '').replace(/^sqlite:/, '');
    const dup = uniqueName('dup');

    const probes: [string, request.Test][] = [
      [
        'register',
        http()
          .post('/api/users')
          .send({ user: { username: dup, email: `${dup}@example.com`, password: PASSWORD } }),
      ],
      [
        'register taken username',
        http()
          .post('/api/users')
          .send({ user: { username: alice.username, email: `${dup}x@example.com`, password: PASSWORD } }),
      ],
      [
        'register taken email',
        http()
          .post('/api/users')
          .send({ user: { username: `${dup}x`, email: alice.email.toUpperCase(), password: PASSWORD } }),
      ],
      [
        'register invalid',
        http()
          .post('/api/users')
          .send({ user: { username: 'a b', email: 'nope', password: 'short' } }),
      ],
      ['register no envelope', http().post('/api/users').send({ password: PASSWORD })],
      [
        'login',
        http()
          .post('/api/users/login')
          .send({ user: { email: alice.email, password: PASSWORD } }),
      ],
      [
        'login wrong password',
        http()
          .post('/api/users/login')
          .send({ user: { email: alice.email, password: `${PASSWORD}x` } }),
      ],
      [
        'login unknown email',
        http()
          .post('/api/users/login')
          .send({ user: { email: 'ghost@example.com', password: PASSWORD } }),
      ],
      [
        'current user',
        http()
          .get('/api/user')
          .set(...auth(alice)),
      ],
      ['current user, no token', http().get('/api/user')],
      ['current user, garbage token', http().get('/api/user').set('Authorization', 'Token a.b.c')],
      ['current user, bad claims', http().get('/api/user').set('Authorization', `Token ${malformedClaims}`)],
      [
        'update user',
        http()
          .put('/api/user')
          .set(...auth(other))
          .send({ user: { bio: 'b', password: PASSWORD } }),
      ],
      [
        'update user taken username',
        http()
          .put('/api/user')
          .set(...auth(bob))
          .send({ user: { username: alice.username } }),
      ],
      [
        'update user taken email',
        http()
          .put('/api/user')
          .set(...auth(bob))
          .send({ user: { email: alice.email } }),
      ],
      [
        'profile',
        http()
          .get(`/api/profiles/${alice.username}`)
          .set(...auth(bob)),
      ],
      ['profile unknown', http().get(`/api/profiles/${uniqueName('ghost')}`)],
      [
        'follow',
        http()
          .post(`/api/profiles/${alice.username}/follow`)
          .set(...auth(bob)),
      ],
      [
        'follow self',
        http()
          .post(`/api/profiles/${alice.username}/follow`)
          .set(...auth(alice)),
      ],
      [
        'unfollow',
        http()
          .delete(`/api/profiles/${alice.username}/follow`)
          .set(...auth(bob)),
      ],
      ['articles', http().get('/api/articles?tag=leaks')],
      ['articles bad limit', http().get('/api/articles?limit=abc&offset=-1')],
      ['articles filter twice', http().get('/api/articles?tag=a&tag=b')],
      [
        'feed',
        http()
          .get('/api/articles/feed')
          .set(...auth(bob)),
      ],
      ['article', http().get(`/api/articles/${article.slug}`)],
      ['article unknown', http().get('/api/articles/no-such-article')],
      [
        'create article invalid',
        http()
          .post('/api/articles')
          .set(...auth(alice))
          .send({ article: { title: 5, tagList: 'x' } }),
      ],
      [
        'update article',
        http()
          .put(`/api/articles/${article.slug}`)
          .set(...auth(alice))
          .send({ article: { body: 'new' } }),
      ],
      [
        'update article forbidden',
        http()
          .put(`/api/articles/${article.slug}`)
          .set(...auth(bob))
          .send({ article: { body: 'x' } }),
      ],
      [
        'favorite',
        http()
          .post(`/api/articles/${article.slug}/favorite`)
          .set(...auth(bob)),
      ],
      [
        'unfavorite',
        http()
          .delete(`/api/articles/${article.slug}/favorite`)
          .set(...auth(bob)),
      ],
      ['comments', http().get(`/api/articles/${article.slug}/comments`)],
      [
        'comment forbidden',
        http()
          .delete(`/api/articles/${article.slug}/comments/${comment.body.comment.id}`)
          .set(...auth(alice)),
      ],
      [
        'comment bad id',
        http()
          .delete(`/api/articles/${article.slug}/comments/abc`)
          .set(...auth(bob)),
      ],
      [
        'comment huge id',
        http()
          .delete(`/api/articles/${article.slug}/comments/99999999999999999999`)
          .set(...auth(bob)),
      ],
      ['tags', http().get('/api/tags')],
      ['health', http().get('/api/health')],
      ['unknown route', http().get('/api/does/not/exist')],
      [
        'unknown method',
        http()
          .patch('/api/user')
          .set(...auth(alice))
          .send({}),
      ],
      [
        'malformed JSON',
        http().post('/api/users/login').set('Content-Type', 'application/json').send('{"user": {"email": '),
      ],
      ['wrong content type', http().post('/api/users').set('Content-Type', 'text/xml').send('<user/>')],
      [
        'too large',
        http()
          .post('/api/users')
          .send({ user: { username: dup, email: 'x@example.com', password: 'p'.repeat(70_000) } }),
      ],
      ['bad URL encoding', http().get('/api/profiles/%E0%A4%A')],
      ['too long a parameter', http().get(`/api/profiles/${'x'.repeat(2000)}`)],
      ['docs json', http().get('/docs-json')],
    ];

    const statuses: Record<string, number> = {};
    for (const [name, probe] of probes) {
      const res = await probe;
      statuses[name] = res.status;
      const secrets = [PASSWORD, databaseFile].filter(Boolean);
      const found = leaksIn(res, secrets);
      expect({ probe: name, status: res.status, leaks: found }).toEqual({
        probe: name,
        status: res.status,
        leaks: [],
      });
    }
    // Every kind of answer was reached, so the probes did exercise the error paths.
    expect(new Set(Object.values(statuses))).toEqual(
      new Set([200, 201, 400, 401, 403, 404, 405, 409, 413, 414, 415, 422]),
    );
  });

  it('should never give a user object a field beyond the documented ones', async () => {
    const user = await registerUser(t, { password: PASSWORD });
    const answers = [
      (
        await request(t.http)
          .post('/api/users/login')
          .send({ user: { email: user.email, password: PASSWORD } })
      ).body.user,
      (
        await request(t.http)
          .get('/api/user')
          .set(...auth(user))
      ).body.user,
      (
        await request(t.http)
          .put('/api/user')
          .set(...auth(user))
          .send({ user: { bio: 'b' } })
      ).body.user,
    ];
    const realWorld = ['bio', 'email', 'image', 'token', 'username'];
    expect(Object.keys(answers[0]).sort()).toEqual([...realWorld, 'refreshToken', 'tokenExpiresAt'].sort());
    expect(Object.keys(answers[1]).sort()).toEqual(realWorld);
    expect(Object.keys(answers[2]).sort()).toEqual([...realWorld, 'tokenExpiresAt'].sort());
    const profile = (await request(t.http).get(`/api/profiles/${user.username}`)).body.profile;
    expect(Object.keys(profile).sort()).toEqual(['bio', 'following', 'image', 'username']);
  });

  describe('a genuine 500', () => {
    const SQL = "SELECT `password_hash` FROM `users` WHERE `email` = 'jake@example.com'";

    const failures: [string, () => unknown][] = [
      [
        'an Error naming SQL, a host and a file',
        () => new Error(`${SQL} -- lost db.internal:3306 at /work/main/src/x.ts:1:2`),
      ],
      [
        'a QueryFailedError from the driver',
        () =>
          new QueryFailedError(
            SQL,
            ['jake@example.com'],
            Object.assign(new Error("ER_NO_SUCH_TABLE: Table 'folio.users' doesn't exist"), {
              code: 'ER_NO_SUCH_TABLE',
              errno: 1146,
              sqlState: '42S02',
            }),
          ),
      ],
      [
        'an SqliteError',
        () =>
          Object.assign(new Error('SQLITE_CORRUPT: database disk image is malformed'), {
            code: 'SQLITE_CORRUPT',
          }),
      ],
      [
        'an InternalServerErrorException with a message',
        () => new InternalServerErrorException('db password is hunter2'),
      ],
      [
        'a 502 HttpException in the API shape',
        () => new HttpException({ errors: { upstream: ['db.internal refused'] } }, 502),
      ],
      ['a thrown string', () => 'boom at /work/main/src/secret.ts:12:3'],
      [
        'a thrown plain object',
        () => ({ message: 'SQLITE_BUSY', stack: 'Error\n    at x (/work/main/y.ts:1:1)' }),
      ],
    ];

    it.each(failures)(
      'should answer %s as a bare {"errors":{"server":["internal error"]}}',
      async (_name, make) => {
        const user = await registerUser(t);
        const article = await createArticle(t, user);
        const spies = [
          jest.spyOn(t.app.get(UsersService), 'findAccount').mockRejectedValueOnce(make()),
          jest.spyOn(t.app.get(ArticlesQueryService), 'findAll').mockRejectedValueOnce(make()),
          jest.spyOn(t.app.get(TagsService), 'findAll').mockRejectedValueOnce(make()),
          jest.spyOn(t.app.get(CommentsService), 'create').mockRejectedValueOnce(make()),
        ];
        try {
          const answers = [
            await request(t.http)
              .get('/api/user')
              .set(...auth(user)),
            await request(t.http).get('/api/articles'),
            await request(t.http).get('/api/tags'),
            await request(t.http)
              .post(`/api/articles/${article.slug}/comments`)
              .set(...auth(user))
              .send({ comment: { body: 'c' } }),
          ];
          for (const spy of spies) expect(spy).toHaveBeenCalled();
          for (const res of answers) {
            expect(res.status).toBe(500);
            expect(res.headers['content-type']).toMatch(/^application\/json/);
            expect(res.text).toBe('{"errors":{"server":["internal error"]}}');
            expect(leaksIn(res, ['hunter2', 'db.internal', 'jake@example.com'])).toEqual([]);
          }
        } finally {
          spies.forEach((spy) => spy.mockRestore());
        }
      },
    );
  });
});
