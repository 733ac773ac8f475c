import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import request from 'supertest';
import { auth, createArticle, registerUser, RegisteredUser, uniqueName } from '../support/factories';
import { describeWithRedis, openTestRedis, TestRedis } from '../support/test-redis';
import { createTestApp, TestApp } from '../support/test-app';
import { freePort } from '../support/wait';

/** Budgets far beyond what a test spends, so that only the budget under test can run out. */
const GENEROUS = {
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_READS_PER_MINUTE: '100000',
  RATE_LIMIT_WRITES_PER_MINUTE: '100000',
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: '100000',
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '100000',
  RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '100000',
  RATE_LIMIT_LOGIN_WINDOW_SECONDS: '900',
};

function limitedApp(overrides: Record<string, string>): Promise<TestApp> {
  if (!('REDIS_URL' in overrides)) delete process.env.REDIS_URL;
  return createTestApp({ ...GENEROUS, ...overrides });
}

function signIn(t: TestApp, email: string, password: string): request.Test {
  return request(t.http).post('/api/users/login').send({ user: { email, password } });
}

async function failSignIns(t: TestApp, email: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await signIn(t, email, 'wrong-password');
    expect({ attempt: i + 1, status: res.status, body: res.body }).toEqual({
      attempt: i + 1,
      status: 401,
      body: { errors: { credentials: ['invalid'] } },
    });
  }
}

/** A 429 in the API's shape, under `field`, with a Retry-After of whole seconds within the window. */
function expectTooMany(
  res: request.Response,
  field: 'credentials' | 'requests',
  windowSeconds: number,
): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ errors: { [field]: [expect.any(String)] } });
  expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(windowSeconds);
}

describe('Rate limits (e2e)', () => {
  describe('with Redis unreachable', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await limitedApp({
        REDIS_URL: `redis://127.0.0.1:${await freePort()}/0`,
        RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '1',
        RATE_LIMIT_READS_PER_MINUTE: '1',
        RATE_LIMIT_WRITES_PER_MINUTE: '1',
      });
    });
    afterAll(async () => {
      await t.close();
      delete process.env.REDIS_URL;
    });

    // First in the file: ioredis keeps a 2 s timer after closing a connection that never opened.
    it('should keep serving, unlimited, rather than fail the requests', async () => {
      const user = await registerUser(t);
      // Sign-ins are writes too: five of them against a budget of one write and one failure.
      await failSignIns(t, user.email, 3);
      await signIn(t, user.email, user.password).expect(200);
      await signIn(t, user.email, user.password).expect(200);
      for (let i = 0; i < 3; i++) {
        await request(t.http)
          .get('/api/user')
          .set(...auth(user))
          .expect(200);
      }
      await createArticle(t, user);
      await createArticle(t, user);
      const list = await request(t.http).get('/api/articles').expect(200);
      expect(list.body.articlesCount).toBe(2);
    });
  });

  describe('failed sign-ins per account (3 allowed)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await limitedApp({ RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '3' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer 429 with Retry-After and a credentials error once an account has 3 failures', async () => {
      const user = await registerUser(t);
      await failSignIns(t, user.email, 3);
      expectTooMany(await signIn(t, user.email, 'wrong-password'), 'credentials', 900);
    });

    it('should refuse even the right password while the account is blocked', async () => {
      const user = await registerUser(t);
      await failSignIns(t, user.email, 3);
      const res = await signIn(t, user.email, user.password);
      expectTooMany(res, 'credentials', 900);
      expect(res.body.user).toBeUndefined();
    });

    it('should count failures against the account whatever the case and spacing of its email', async () => {
      const user = await registerUser(t);
      await failSignIns(t, user.email.toUpperCase(), 1);
      await failSignIns(t, ` ${user.email} `, 1);
      await failSignIns(
        t,
        user.email.replace(/^./, (c) => c.toUpperCase()),
        1,
      );
      expectTooMany(await signIn(t, user.email, user.password), 'credentials', 900);
    });

    it('should still let another account sign in from the same address', async () => {
      const [blocked, other] = [await registerUser(t), await registerUser(t)];
      await failSignIns(t, blocked.email, 3);
      expectTooMany(await signIn(t, blocked.email, blocked.password), 'credentials', 900);
      const res = await signIn(t, other.email, other.password).expect(200);
      expect(res.body.user.username).toBe(other.username);
      // The other account's own budget is untouched: its first failure is a plain 401.
      await failSignIns(t, other.email, 1);
    });

    it('should block an unknown email exactly as it blocks a known one', async () => {
      const ghost = `${uniqueName('ghost')}@example.com`;
      await failSignIns(t, ghost, 3);
      expectTooMany(await signIn(t, ghost, 'wrong-password'), 'credentials', 900);
    });

    it('should let no more than 3 of 20 simultaneous wrong guesses reach the password check', async () => {
      const user = await registerUser(t);
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () => signIn(t, user.email, 'wrong-password').then((res) => res.status)),
      );
      expect(statuses.filter((status) => status === 401)).toHaveLength(3);
      expect(statuses.filter((status) => status === 429)).toHaveLength(17);
    });

    it("should clear an account's failures when it signs in successfully", async () => {
      const user = await registerUser(t);
      await failSignIns(t, user.email, 2);
      await signIn(t, user.email, user.password).expect(200);
      await failSignIns(t, user.email, 3);
      expectTooMany(await signIn(t, user.email, user.password), 'credentials', 900);
    });
  });

  describe('failed sign-ins per address (4 allowed)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await limitedApp({ RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '4' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should block the address after 4 failures spread over several accounts, even for a right password', async () => {
      const user = await registerUser(t);
      for (let i = 0; i < 4; i++) await failSignIns(t, `${uniqueName('spray')}@example.com`, 1);
      expectTooMany(await signIn(t, user.email, user.password), 'credentials', 900);
    });
  });

  describe('registrations per address (3 an hour)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await limitedApp({ RATE_LIMIT_REGISTRATIONS_PER_HOUR: '3' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer the 4th registration with 429, Retry-After and a requests error, and store nothing', async () => {
      const users: RegisteredUser[] = [];
      for (let i = 0; i < 3; i++) users.push(await registerUser(t));
      const username = uniqueName('fourth');
      const res = await request(t.http)
        .post('/api/users')
        .send({ user: { username, email: `${username}@example.com`, password: 'password123' } });
      expectTooMany(res, 'requests', 3600);
      const rows = await t.dataSource.query('SELECT id FROM users WHERE username = ?', [username]);
      expect(rows).toHaveLength(0);
      // Other routes, writes included, keep their own budgets.
      await signIn(t, users[0].email, users[0].password).expect(200);
      await createArticle(t, users[0]);
      await request(t.http).get('/api/articles').expect(200);
    });
  });

  describe('writes per address (5 a minute)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await limitedApp({ RATE_LIMIT_WRITES_PER_MINUTE: '5' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer the 6th write on any route with 429 and Retry-After, store nothing, and let reads pass', async () => {
      const user = await registerUser(t); // write 1: one budget per address across all routes
      for (let i = 0; i < 4; i++) await createArticle(t, user);
      const title = uniqueName('One too many');
      const res = await request(t.http)
        .post('/api/articles')
        .set(...auth(user))
        .send({ article: { title, description: 'd', body: 'b' } });
      expectTooMany(res, 'requests', 60);
      const list = await request(t.http).get('/api/articles').expect(200);
      expect(list.body.articlesCount).toBe(4);
      expect(list.body.articles.map((article: { title: string }) => article.title)).not.toContain(title);
      await request(t.http)
        .get('/api/user')
        .set(...auth(user))
        .expect(200);
    });
  });

  describe('reads per address (5 a minute)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await limitedApp({ RATE_LIMIT_READS_PER_MINUTE: '5' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer the 6th read with 429 and Retry-After while writes still pass', async () => {
      for (let i = 0; i < 5; i++) await request(t.http).get('/api/articles').expect(200);
      expectTooMany(await request(t.http).get('/api/articles'), 'requests', 60);
      const user = await registerUser(t);
      await createArticle(t, user);
    });
  });

  describe('with RATE_LIMIT_ENABLED=false', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await limitedApp({
        RATE_LIMIT_ENABLED: 'false',
        RATE_LIMIT_READS_PER_MINUTE: '1',
        RATE_LIMIT_WRITES_PER_MINUTE: '1',
        RATE_LIMIT_REGISTRATIONS_PER_HOUR: '1',
        RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '1',
        RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '1',
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should apply none of the limits, however small they are set', async () => {
      const users = [await registerUser(t), await registerUser(t), await registerUser(t)];
      await failSignIns(t, users[0].email, 5);
      await signIn(t, users[0].email, users[0].password).expect(200);
      for (let i = 0; i < 3; i++) await createArticle(t, users[1]);
      for (let i = 0; i < 3; i++) await request(t.http).get('/api/articles').expect(200);
    });
  });

  describeWithRedis('with counters in Redis, shared by two instances', () => {
    let server: TestRedis;
    let first: TestApp;
    let second: TestApp;
    let redis: Redis;

    beforeAll(async () => {
      server = await openTestRedis();
      const limits = {
        ...server.env,
        RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '3',
        // Short: every counter must carry an expiry within the window.
        RATE_LIMIT_LOGIN_WINDOW_SECONDS: '120',
      };
      first = await limitedApp(limits);
      // The same database, as two instances behind a load balancer would share it.
      second = await limitedApp({ ...limits, DATABASE_URL: process.env.DATABASE_URL! });
      redis = new Redis(server.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      redis?.disconnect();
      await server?.close();
      delete process.env.REDIS_URL;
      delete process.env.REDIS_KEY_PREFIX;
    });

    it('should spend one failed-login budget for an account across both instances', async () => {
      const user = await registerUser(first, { username: uniqueName('shared') });
      await failSignIns(first, user.email, 2);
      await failSignIns(second, user.email, 1);
      expectTooMany(await signIn(second, user.email, user.password), 'credentials', 120);
      expectTooMany(await signIn(first, user.email, user.password), 'credentials', 120);
    });

    it('should keep no email address in Redis, and let every counter expire', async () => {
      const user = await registerUser(second, { username: uniqueName('redis') });
      await failSignIns(second, user.email, 1);
      const accountKey = `${server.env.REDIS_KEY_PREFIX}rl:login:acct:${createHash('sha256').update(user.email).digest('base64url')}`;
      expect(await redis.get(accountKey)).toBe('1');
      const keys = await redis.keys(`${server.env.REDIS_KEY_PREFIX}rl:*`);
      expect(keys.filter((key) => key.includes(user.email) || key.includes(user.username))).toEqual([]);
      const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
      // -2: expired between KEYS and PTTL; -1 would be a counter that never expires.
      expect(ttls.filter((ttl) => ttl === -1)).toEqual([]);
    });
  });
});
