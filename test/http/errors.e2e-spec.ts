import request from 'supertest';
import { ProfilesService } from '../../src/users/profiles.service';
import { auth, RegisteredUser, registerUser, uniqueName } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** Frames of a stack trace ("    at fn (file.ts:12:34)") or file positions, in any part of a response. */
const STACK_TRACE = /\bat\s+\S+\s+\(|\n\s+at\s|\.(?:ts|js|mjs|cjs):\d+/;

function expectJson(res: request.Response): void {
  expect(res.headers['content-type']).toMatch(/^application\/json\b/);
}

/** The RealWorld error body and nothing else: `{"errors": {"field": ["message", ...]}}`, without internals. */
function expectErrorShape(res: request.Response): void {
  expectJson(res);
  expect(Object.keys(res.body)).toEqual(['errors']);
  const fields = Object.entries(res.body.errors as Record<string, unknown>);
  expect(fields.length).toBeGreaterThan(0);
  for (const [, messages] of fields) {
    expect(messages).toEqual(expect.arrayContaining([expect.any(String)]));
    expect((messages as unknown[]).every((message) => typeof message === 'string')).toBe(true);
  }
  expect(res.text).not.toMatch(STACK_TRACE);
  expect(res.text).not.toMatch(/node_modules|"stack"/);
}

const headerList = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((item) => item.trim().toLowerCase());

describe('HTTP errors, limits and CORS (e2e)', () => {
  describe('with a 2 KiB body limit and an origin allowlist', () => {
    const ALLOWED = 'https://app.example.com';
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({
        BODY_LIMIT_BYTES: '2048',
        CORS_ORIGINS: `${ALLOWED}, https://admin.example.com`,
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer malformed JSON with 400 in the {"errors":{...}} shape', async () => {
      const res = await request(t.http)
        .post('/api/users')
        .set('Content-Type', 'application/json')
        .send('{"user": {"email": ')
        .expect(400);
      expectErrorShape(res);
      expect(Object.keys(res.body.errors)).toEqual(['body']);
    });

    it('should answer a body over the configured limit with 413 JSON', async () => {
      const res = await request(t.http)
        .post('/api/users')
        .send({ user: { username: uniqueName(), email: 'big@example.com', password: 'x'.repeat(3000) } })
        .expect(413);
      expectErrorShape(res);
      expect(res.body).toEqual({ errors: { body: ['is too large'] } });
    });

    it('should still accept a body just under the configured limit', async () => {
      const username = uniqueName('near');
      const body = {
        user: { username, email: `${username}@example.com`, password: 'password123', bio: 'b'.repeat(1800) },
      };
      expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(2048);
      await request(t.http).post('/api/users').send(body).expect(201);
    });

    it('should answer an unsupported content type with 415 JSON', async () => {
      const res = await request(t.http)
        .post('/api/users')
        .set('Content-Type', 'application/xml')
        .send('<user/>')
        .expect(415);
      expectErrorShape(res);
    });

    it('should answer an unknown route with 404 {"errors":{...}}, under the prefix and outside it', async () => {
      for (const [method, path] of [
        ['get', '/api/no-such-route'],
        ['post', '/api/articles-that-do-not-exist/1'],
        ['patch', '/api/no-such-route'],
        ['get', '/no-prefix-at-all'],
      ] as const) {
        const res = await request(t.http)[method](path).expect(404);
        expectErrorShape(res);
        expect(res.body).toEqual({ errors: { route: ['not found'] } });
      }
    });

    it('should answer an unexpected failure with a bare 500 that leaks no message or stack', async () => {
      const secret = 'SELECT password_hash FROM users -- connection to db.internal:3306 lost';
      const failure = new Error(secret);
      const spy = jest.spyOn(t.app.get(ProfilesService), 'findOne').mockRejectedValueOnce(failure);
      try {
        const res = await request(t.http).get(`/api/profiles/${uniqueName()}`).expect(500);
        expect(spy).toHaveBeenCalledTimes(1);
        expectErrorShape(res);
        expect(res.body).toEqual({ errors: { server: ['internal error'] } });
        expect(res.text).not.toContain('password_hash');
        expect(res.text).not.toContain('db.internal');
      } finally {
        spy.mockRestore();
      }
    });

    it('should never put a stack trace or internals in any error response', async () => {
      const user = await registerUser(t);
      const responses = await Promise.all([
        request(t.http).post('/api/users').set('Content-Type', 'application/json').send('{oops'),
        request(t.http)
          .post('/api/users')
          .send({ user: { password: 'y'.repeat(4000) } }),
        request(t.http).get('/api/nowhere'),
        request(t.http).get('/api/user'),
        request(t.http).get('/api/user').set('Authorization', 'Token not.a.jwt'),
        request(t.http)
          .post('/api/users')
          .send({ user: { username: '', email: 'nope', password: '1' } }),
        request(t.http)
          .post('/api/users')
          .send({
            user: { username: user.username, email: `${uniqueName()}@example.com`, password: 'password123' },
          }),
        request(t.http)
          .post('/api/users/login')
          .send({ user: { email: user.email, password: 'wrong-password' } }),
        request(t.http).get(`/api/profiles/${uniqueName('ghost')}`),
        request(t.http)
          .post(`/api/profiles/${user.username}/follow`)
          .set(...auth(user)),
      ]);
      expect(responses.map((res) => res.status)).toEqual([400, 413, 404, 401, 401, 422, 409, 401, 404, 422]);
      responses.forEach(expectErrorShape);
    });

    it('should answer a preflight from an allowed origin with that origin and the allowed headers', async () => {
      const res = await request(t.http)
        .options('/api/user')
        .set('Origin', ALLOWED)
        .set('Access-Control-Request-Method', 'PUT')
        .set('Access-Control-Request-Headers', 'authorization, content-type');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(headerList(res.headers['access-control-allow-headers'])).toEqual(
        expect.arrayContaining(['authorization', 'content-type']),
      );
      expect(headerList(res.headers['access-control-allow-methods'])).toEqual(
        expect.arrayContaining(['get', 'post', 'put', 'delete']),
      );
    });

    it('should not allow an origin outside the allowlist', async () => {
      const res = await request(t.http)
        .options('/api/user')
        .set('Origin', 'https://evil.example.net')
        .set('Access-Control-Request-Method', 'PUT')
        .set('Access-Control-Request-Headers', 'authorization, content-type');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await request(t.http).get('/api/health').set('Origin', 'https://evil.example.net');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('should let an allowed origin read both answers and errors', async () => {
      const ok = await request(t.http).get('/api/health').set('Origin', ALLOWED).expect(200);
      expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED);
      const denied = await request(t.http).get('/api/user').set('Origin', ALLOWED).expect(401);
      expect(denied.headers['access-control-allow-origin']).toBe(ALLOWED);
    });

    it('should answer with content-type application/json on success and on error', async () => {
      const user = await registerUser(t);
      const responses = [
        await request(t.http).get('/api/health').expect(200),
        await request(t.http)
          .get('/api/user')
          .set(...auth(user))
          .expect(200),
        await request(t.http).get(`/api/profiles/${user.username}`).expect(200),
        await request(t.http)
          .post('/api/users/login')
          .send({ user: { email: user.email, password: user.password } })
          .expect(200),
        await request(t.http).get('/api/user').expect(401),
        await request(t.http).get('/api/missing').expect(404),
      ];
      responses.forEach(expectJson);
    });
  });

  describe('with the default configuration', () => {
    let t: TestApp;

    beforeAll(async () => {
      // process.env still holds the overrides of the block above (Jest gives each spec file its own copy).
      delete process.env.BODY_LIMIT_BYTES;
      delete process.env.CORS_ORIGINS;
      t = await createTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer a preflight from any origin with Access-Control-Allow-Origin and the allowed headers', async () => {
      const res = await request(t.http)
        .options('/api/profiles/someone/follow')
        .set('Origin', 'https://anywhere.example.org')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'Authorization, Content-Type');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(headerList(res.headers['access-control-allow-headers'])).toEqual(
        expect.arrayContaining(['authorization', 'content-type']),
      );
    });

    it('should take an empty body sent as JSON as no body (favorite, follow), yet refuse malformed JSON', async () => {
      const [author, fan] = [await registerUser(t), await registerUser(t)];
      await request(t.http)
        .post(`/api/profiles/${author.username}/follow`)
        .set(...auth(fan))
        .set('Content-Type', 'application/json')
        .expect(200);
      const bad = await request(t.http)
        .post('/api/users/login')
        .set('Content-Type', 'application/json')
        .send('{"user":');
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body)).toEqual(['errors']);
      const empty = await request(t.http)
        .post('/api/users/login')
        .set('Content-Type', 'application/json')
        .send('');
      expect(empty.status).toBe(422);
      expect(empty.body).toEqual({ errors: { user: ["can't be blank"] } });
    });

    it('should reach an article whose slug is as long as a 255-character title allows', async () => {
      const user = await registerUser(t);
      const created = await request(t.http)
        .post('/api/articles')
        .set(...auth(user))
        .send({ article: { title: 'word '.repeat(51).trim(), description: 'd', body: 'b' } })
        .expect(201);
      expect(created.body.article.slug.length).toBeGreaterThan(200);
      await request(t.http).get(`/api/articles/${created.body.article.slug}`).expect(200);
    });

    it('should answer a malformed URL and an over-long path parameter in the error shape', async () => {
      const badUrl = await request(t.http).get('/api/profiles/%E0%A4%A').expect(400);
      expect(badUrl.body).toEqual({ errors: { url: ['is invalid'] } });
      const tooLong = await request(t.http).get(`/api/profiles/${'x'.repeat(2000)}`);
      expect(tooLong.status).toBe(414);
      expect(tooLong.body).toEqual({ errors: { url: ['is invalid'] } });
    });

    it('should accept a body well over 2 KiB under the default limit', async () => {
      const username = uniqueName('roomy');
      await request(t.http)
        .post('/api/users')
        .send({
          user: {
            username,
            email: `${username}@example.com`,
            password: 'password123',
            bio: 'b'.repeat(8000),
          },
        })
        .expect(201);
    });

    describe('one message per field, in plain words', () => {
      interface StringField {
        route: string;
        method: 'post' | 'put';
        envelope: string;
        field: string;
        /** Must be sent: left out, it is blank. */
        required: boolean;
        /** null and "" clear it. */
        nullable?: boolean;
      }
      let user: RegisteredUser;
      let slug: string;
      const valid = (): Record<string, Record<string, unknown>> => {
        const username = uniqueName('shape');
        return {
          'post /api/users': { username, email: `${username}@example.com`, password: 'password123' },
          'post /api/users/login': { email: user.email, password: user.password },
          'put /api/user': {},
          'post /api/articles': { title: uniqueName('title'), description: 'd', body: 'b' },
          [`put /api/articles/${slug}`]: {},
          [`post /api/articles/${slug}/comments`]: { body: 'b' },
        };
      };
      const fields = (): StringField[] => {
        const of =
          (method: 'post' | 'put', route: string, envelope: string, required: boolean) =>
          (field: string, nullable = false): StringField => ({
            method,
            route,
            envelope,
            field,
            required,
            nullable,
          });
        const register = of('post', '/api/users', 'user', true);
        const login = of('post', '/api/users/login', 'user', true);
        const account = of('put', '/api/user', 'user', false);
        const create = of('post', '/api/articles', 'article', true);
        const update = of('put', `/api/articles/${slug}`, 'article', false);
        const comment = of('post', `/api/articles/${slug}/comments`, 'comment', true);
        return [
          ...['username', 'email', 'password'].map((field) => register(field)),
          ...['email', 'password'].map((field) => login(field)),
          ...['email', 'username', 'password'].map((field) => account(field)),
          account('bio', true),
          account('image', true),
          ...['title', 'description', 'body'].map((field) => create(field)),
          ...['title', 'description', 'body'].map((field) => update(field)),
          comment('body'),
        ];
      };

      async function send(target: StringField, value: unknown, leaveOut = false): Promise<request.Response> {
        const fields = { ...valid()[`${target.method} ${target.route}`] };
        if (leaveOut) delete fields[target.field];
        else fields[target.field] = value;
        return request(t.http)
          [target.method](target.route)
          .set(...auth(user))
          .send({ [target.envelope]: fields });
      }

      beforeAll(async () => {
        user = await registerUser(t);
        const created = await request(t.http)
          .post('/api/articles')
          .set(...auth(user))
          .send({ article: { title: uniqueName('target'), description: 'd', body: 'b' } })
          .expect(201);
        slug = created.body.article.slug;
      });

      it('should name the type, alone, when a string field gets another type (every string field of every body)', async () => {
        const answers: string[] = [];
        for (const target of fields()) {
          for (const value of [123, true, ['text'], { text: 'text' }]) {
            const res = await send(target, value);
            answers.push(
              `${target.method} ${target.field} ${JSON.stringify(value)}: ${res.status} ${res.text}`,
            );
          }
        }
        expect(answers).toEqual(
          answers.map((answer) =>
            answer.replace(
              /: .*$/,
              `: 422 ${JSON.stringify({ errors: { [answer.split(' ')[1]]: ['must be a string'] } })}`,
            ),
          ),
        );
      });

      it('should say "can\'t be blank", alone, when a string field is missing, null, empty or blank', async () => {
        const answers: string[] = [];
        const expected: string[] = [];
        for (const target of fields().filter((candidate) => !candidate.nullable)) {
          const cases: [string, unknown, boolean][] = [
            ['null', null, false],
            ['""', '', false],
            ['"  "', '   ', false],
            ...(target.required ? [['missing', undefined, true] as [string, unknown, boolean]] : []),
          ];
          for (const [name, value, leaveOut] of cases) {
            const res = await send(target, value, leaveOut);
            answers.push(
              `${target.method} ${target.route} ${target.field} ${name}: ${res.status} ${res.text}`,
            );
            expected.push(
              `${target.method} ${target.route} ${target.field} ${name}: 422 ${JSON.stringify({ errors: { [target.field]: ["can't be blank"] } })}`,
            );
          }
        }
        expect(answers).toEqual(expected);
      });

      it('should answer a password sent as a number on register and login with "must be a string"', async () => {
        await request(t.http)
          .post('/api/users')
          .send({ user: { username: uniqueName(), email: 'a@example.com', password: 123 } })
          .expect(422, { errors: { password: ['must be a string'] } });
        await request(t.http)
          .post('/api/users/login')
          .send({ user: { email: 'a@example.com', password: 123 } })
          .expect(422, { errors: { password: ['must be a string'] } });
      });

      it('should answer a tagList that is not a list with one message', async () => {
        const sent = { title: uniqueName('tags'), description: 'd', body: 'b', tagList: 'notalist' };
        await request(t.http)
          .post('/api/articles')
          .set(...auth(user))
          .send({ article: sent })
          .expect(422, { errors: { tagList: ['must be a list of strings'] } });
        await request(t.http)
          .put(`/api/articles/${slug}`)
          .set(...auth(user))
          .send({ article: { tagList: 'notalist' } })
          .expect(422, { errors: { tagList: ['must be a list of strings'] } });
      });

      it('should answer a body over its byte limit with one message, in bytes', async () => {
        await request(t.http)
          .post('/api/articles')
          .set(...auth(user))
          .send({ article: { title: uniqueName('big'), description: 'd', body: 'x'.repeat(300 * 1024) } })
          .expect(422, { errors: { body: ['is too long (maximum is 262144 bytes)'] } });
        await request(t.http)
          .post(`/api/articles/${slug}/comments`)
          .set(...auth(user))
          .send({ comment: { body: 'é'.repeat(40_000) } })
          .expect(422, { errors: { body: ['is too long (maximum is 65535 bytes)'] } });
      });

      it('should answer an envelope or a query parameter of the wrong kind with one message', async () => {
        await request(t.http)
          .post('/api/users')
          .send({ user: ['jake'] })
          .expect(422, { errors: { user: ['must be an object'] } });
        await request(t.http)
          .get('/api/articles?tag=a&tag=b')
          .expect(422, { errors: { tag: ['must be a single string'] } });
        await request(t.http)
          .get(`/api/articles?author=${'x'.repeat(300)}`)
          .expect(422, { errors: { author: ['is too long (maximum is 255 characters)'] } });
      });

      it('should say which schemes an Authorization header without one may use, with 401', async () => {
        for (const header of [user.token, `Basic ${user.token}`, `JWT ${user.token}`, `Token${user.token}`]) {
          await request(t.http)
            .get('/api/user')
            .set('Authorization', header)
            .expect(401, { errors: { token: ['must use the Token or Bearer scheme'] } });
        }
        await request(t.http)
          .get('/api/user')
          .set('Authorization', 'Token')
          .expect(401, { errors: { token: ['is missing'] } });
        await request(t.http)
          .get('/api/user')
          .expect(401, { errors: { token: ['is missing'] } });
        await request(t.http)
          .get('/api/user')
          .set('Authorization', `Token ${user.token} ${user.token}`)
          .expect(401, { errors: { token: ['is invalid'] } });
        for (const scheme of ['Token', 'Bearer', 'token', 'bearer']) {
          await request(t.http).get('/api/user').set('Authorization', `${scheme} ${user.token}`).expect(200);
        }
      });

      it('should answer every body that is not JSON with 415 in the error shape, whatever the route', async () => {
        const refused = { errors: { body: ['must be JSON (Content-Type: application/json)'] } };
        const json = JSON.stringify({ user: { email: user.email, password: user.password } });
        for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
          await request(t.http)
            .post('/api/users/login')
            .set('Content-Type', type)
            .send(json)
            .expect(415, refused);
          await request(t.http).post('/api/users').set('Content-Type', type).send('').expect(415, refused);
        }
        await request(t.http).post('/api/users').type('form').send({ user: 'jake' }).expect(415, refused);
        await request(t.http)
          .put('/api/user')
          .set(...auth(user))
          .set('Content-Type', 'text/plain')
          .send('{"user":{"bio":"x"}}')
          .expect(415, refused);
      });

      it('should take requests without a body, and JSON with a charset, as before', async () => {
        const fan = await registerUser(t);
        const favorited = await request(t.http)
          .post(`/api/articles/${slug}/favorite`)
          .set(...auth(fan))
          .expect(200);
        expect(favorited.request.getHeader('content-type')).toBeUndefined();
        expect(favorited.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
        await request(t.http)
          .delete(`/api/articles/${slug}/favorite`)
          .set(...auth(fan))
          .expect(200);
        await request(t.http)
          .post(`/api/profiles/${user.username}/follow`)
          .set(...auth(fan))
          .expect(200);
        const login = await request(t.http)
          .post('/api/users/login')
          .set('Content-Type', 'application/json; charset=utf-8')
          .send(JSON.stringify({ user: { email: user.email, password: user.password } }))
          .expect(200);
        expect(login.body.user.username).toBe(user.username);
        await request(t.http)
          .post('/api/articles')
          .set(...auth(user))
          .set('Content-Type', 'application/json; charset=utf-8')
          .send(JSON.stringify({ article: { title: uniqueName('charset'), description: 'd', body: 'b' } }))
          .expect(201);
      });
    });
  });
});
