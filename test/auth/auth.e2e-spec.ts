import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { auth, registerUser, uniqueName } from '../support/factories';

describe('Users and authentication (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('should register a user and answer 201 with a token and null bio/image', async () => {
    const username = uniqueName('reg');
    const res = await request(t.http)
      .post('/api/users')
      .send({ user: { username, email: `${username}@Example.COM`, password: 'password123' } })
      .expect(201);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({
      user: {
        username,
        email: `${username}@example.com`.toLowerCase(),
        token: expect.any(String),
        bio: null,
        image: null,
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        tokenExpiresAt: expect.any(String),
      },
    });
  });

  it('should answer 422 "can\'t be blank" for each blank field', async () => {
    const res = await request(t.http)
      .post('/api/users')
      .send({ user: { username: '   ', email: '', password: '' } })
      .expect(422);
    expect(res.body).toEqual({
      errors: { username: ["can't be blank"], email: ["can't be blank"], password: ["can't be blank"] },
    });
  });

  it('should answer 422 when the user envelope is missing or not an object', async () => {
    await request(t.http)
      .post('/api/users')
      .send({})
      .expect(422, { errors: { user: ["can't be blank"] } });
    const res = await request(t.http).post('/api/users').send({ user: 'jake' }).expect(422);
    expect(res.body.errors.user).toBeDefined();
  });

  it('should reject an invalid email and a short password', async () => {
    const res = await request(t.http)
      .post('/api/users')
      .send({ user: { username: uniqueName(), email: 'not-an-email', password: 'short' } })
      .expect(422);
    expect(res.body.errors.email).toEqual(['is invalid']);
    expect(res.body.errors.password).toEqual(['is too short (minimum is 8 characters)']);
  });

  it('should answer 409 for a taken username and for a taken email in another case', async () => {
    const existing = await registerUser(t);
    const dupUsername = await request(t.http)
      .post('/api/users')
      .send({
        user: { username: existing.username, email: `${uniqueName()}@example.com`, password: 'password123' },
      })
      .expect(409);
    expect(dupUsername.body).toEqual({ errors: { username: ['has already been taken'] } });
    const dupEmail = await request(t.http)
      .post('/api/users')
      .send({
        user: { username: uniqueName(), email: existing.email.toUpperCase(), password: 'password123' },
      })
      .expect(409);
    expect(dupEmail.body).toEqual({ errors: { email: ['has already been taken'] } });
  });

  it('should treat usernames that differ only in case as the same on every engine', async () => {
    const username = uniqueName('Case');
    await registerUser(t, { username });
    const res = await request(t.http)
      .post('/api/users')
      .send({
        user: {
          username: username.toUpperCase(),
          email: `${uniqueName()}@example.com`,
          password: 'password123',
        },
      })
      .expect(409);
    expect(res.body).toEqual({ errors: { username: ['has already been taken'] } });
    const profile = await request(t.http).get(`/api/profiles/${username.toLowerCase()}`).expect(200);
    expect(profile.body.profile.username).toBe(username);
  });

  it('should refuse usernames without a letter or digit, which URLs cannot carry (".", "..")', async () => {
    for (const username of ['.', '..', '-_-']) {
      const res = await request(t.http)
        .post('/api/users')
        .send({ user: { username, email: `${uniqueName()}@example.com`, password: 'password123' } })
        .expect(422);
      expect(Object.keys(res.body.errors)).toEqual(['username']);
    }
  });

  it('should create exactly one account when the same registration races', async () => {
    const username = uniqueName('race');
    const body = { user: { username, email: `${username}@example.com`, password: 'password123' } };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => request(t.http).post('/api/users').send(body)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const [{ count }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM users WHERE username = ?', [
      username,
    ]);
    expect(Number(count)).toBe(1);
  });

  it('should strip unknown fields and never let them through', async () => {
    const username = uniqueName();
    const res = await request(t.http)
      .post('/api/users')
      .send({
        user: {
          username,
          email: `${username}@example.com`,
          password: 'password123',
          id: 1,
          passwordHash: 'x',
          bio: 'sneaky',
        },
      })
      .expect(201);
    expect(res.body.user.bio).toBeNull();
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(res.body.user).not.toHaveProperty('id');
  });

  describe('login', () => {
    it('should sign in with the email in any case', async () => {
      const user = await registerUser(t);
      const res = await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: user.email.toUpperCase(), password: user.password } })
        .expect(200);
      expect(res.body.user).toEqual({
        username: user.username,
        email: user.email,
        token: expect.any(String),
        bio: null,
        image: null,
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        tokenExpiresAt: expect.any(String),
      });
    });

    it('should answer the same 401 for a wrong password and an unknown email', async () => {
      const user = await registerUser(t);
      const wrong = await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: user.email, password: 'wrong-password' } });
      const unknown = await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: `nobody-${uniqueName()}@example.com`, password: 'wrong-password' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual({ errors: { credentials: ['invalid'] } });
      expect(unknown.body).toEqual(wrong.body);
    });

    it('should answer 422 for blank credentials', async () => {
      const res = await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: '', password: '' } })
        .expect(422);
      expect(res.body).toEqual({ errors: { email: ["can't be blank"], password: ["can't be blank"] } });
    });
  });

  describe('current user', () => {
    it('should answer 401 "is missing" without a token', async () => {
      await request(t.http)
        .get('/api/user')
        .expect(401, { errors: { token: ['is missing'] } });
      await request(t.http)
        .put('/api/user')
        .send({ user: { bio: 'x' } })
        .expect(401, { errors: { token: ['is missing'] } });
    });

    it('should answer 401 "is invalid" for a forged or malformed token', async () => {
      const user = await registerUser(t);
      const [header, payload] = user.token.split('.');
      const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
      await request(t.http)
        .get('/api/user')
        .set('Authorization', `Token ${forged}`)
        .expect(401, { errors: { token: ['is invalid'] } });
      await request(t.http).get('/api/user').set('Authorization', 'Token not.a.jwt').expect(401);
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      await request(t.http).get('/api/user').set('Authorization', `Token ${none}`).expect(401);
    });

    it('should accept both the Token and the Bearer scheme', async () => {
      const user = await registerUser(t);
      const asToken = await request(t.http)
        .get('/api/user')
        .set('Authorization', `Token ${user.token}`)
        .expect(200);
      const asBearer = await request(t.http)
        .get('/api/user')
        .set('Authorization', `Bearer ${user.token}`)
        .expect(200);
      expect(asToken.body.user.username).toBe(user.username);
      expect(asBearer.body.user.username).toBe(user.username);
    });

    it('should update bio and image, normalise "" to null and persist it', async () => {
      const user = await registerUser(t);
      const updated = await request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: { bio: 'Hello 👋 — ünïcode', image: 'https://example.com/me.png' } })
        .expect(200);
      expect(updated.body.user).toMatchObject({
        bio: 'Hello 👋 — ünïcode',
        image: 'https://example.com/me.png',
      });
      await request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: { bio: '', image: null } })
        .expect(200);
      const current = await request(t.http)
        .get('/api/user')
        .set(...auth(user))
        .expect(200);
      expect(current.body.user).toMatchObject({ bio: null, image: null, username: user.username });
    });

    it('should write nothing, not even updated_at, for an empty update', async () => {
      const user = await registerUser(t);
      const stamp = async (): Promise<unknown> =>
        (
          await t.dataSource.query('SELECT updated_at AS at FROM users WHERE username = ?', [user.username])
        )[0].at;
      const before = await stamp();
      const res = await request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: {} })
        .expect(200);
      expect(res.body.user).toMatchObject({
        username: user.username,
        email: user.email,
        bio: null,
        image: null,
      });
      expect(await stamp()).toEqual(before);
    });

    it('should reject clearing email, username or password, and a non-http image', async () => {
      const user = await registerUser(t);
      for (const field of ['email', 'username', 'password']) {
        for (const value of ['', null]) {
          const res = await request(t.http)
            .put('/api/user')
            .set(...auth(user))
            .send({ user: { [field]: value } })
            .expect(422);
          expect(Object.keys(res.body.errors)).toEqual([field]);
        }
      }
      await request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: { image: 'javascript:alert(1)' } })
        .expect(422);
    });

    it('should change username, an unconfirmed e-mail and password at once, and sign in with the new ones', async () => {
      const user = await registerUser(t);
      const username = uniqueName('renamed');
      const res = await request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: { username, email: `${username}@example.com`, password: 'a'.repeat(64) } })
        .expect(200);
      expect(res.body.user).toMatchObject({ username, email: `${username}@example.com` });
      await request(t.http).get('/api/user').set('Authorization', `Token ${res.body.user.token}`).expect(200);
      await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: `${username}@example.com`, password: 'a'.repeat(64) } })
        .expect(200);
      await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: user.email, password: user.password } })
        .expect(401);
    });

    it('should answer 409 when changing to a taken username', async () => {
      const [a, b] = [await registerUser(t), await registerUser(t)];
      const res = await request(t.http)
        .put('/api/user')
        .set(...auth(a))
        .send({ user: { username: b.username } })
        .expect(409);
      expect(res.body).toEqual({ errors: { username: ['has already been taken'] } });
    });

    it('should reject the token of a deleted account', async () => {
      const user = await registerUser(t);
      await t.dataSource.query('DELETE FROM users WHERE username = ?', [user.username]);
      await request(t.http)
        .get('/api/user')
        .set(...auth(user))
        .expect(401);
    });
  });
});
