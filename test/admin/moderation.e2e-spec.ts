import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import {
  auth,
  createArticle,
  createComment,
  giveRole,
  registerUser,
  RegisteredUser,
  uniqueName,
} from '../support/factories';
import { decodePayload } from '../support/jwt';
import { createTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);

describe('Roles, moderation, admin API and audit log (e2e)', () => {
  let t: TestApp;
  let admin: RegisteredUser;
  let moderator: RegisteredUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerUser(t);
    moderator = await registerUser(t);
    await giveRole(t, admin, 'admin');
    await giveRole(t, moderator, 'moderator');
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (user: { token: string }) => ({
    get: (path: string) =>
      request(t.http)
        .get(path)
        .set(...auth(user)),
    post: (path: string, body: object = {}) =>
      request(t.http)
        .post(path)
        .set(...auth(user))
        .send(body),
    put: (path: string, body: object) =>
      request(t.http)
        .put(path)
        .set(...auth(user))
        .send(body),
    patch: (path: string, body: object) =>
      request(t.http)
        .patch(path)
        .set(...auth(user))
        .send(body),
    delete: (path: string) =>
      request(t.http)
        .delete(path)
        .set(...auth(user)),
  });
  const signIn = (user: RegisteredUser) =>
    request(t.http)
      .post('/api/users/login')
      .send({ user: { email: user.email, password: user.password } });
  const audit = async (query: string) => (await as(admin).get(`/api/admin/audit?${query}`).expect(200)).body;

  describe('admin API', () => {
    it('should list accounts filtered by role, status and a search taken literally, with a total', async () => {
      const marker = uniqueName('find_me');
      const plain = await registerUser(t, { username: `${marker}_a` });
      const promoted = await registerUser(t, { username: `${marker}_b` });
      await as(admin)
        .patch(`/api/admin/users/${promoted.username}`, { user: { role: 'moderator' } })
        .expect(200);
      const found = await as(admin).get(`/api/admin/users?q=${marker}`).expect(200);
      expect(found.body.usersCount).toBe(2);
      expect(found.body.users.map((u: { username: string }) => u.username).sort()).toEqual(
        [plain.username, promoted.username].sort(),
      );
      expect(found.body.users[0]).toEqual({
        username: expect.any(String),
        email: expect.any(String),
        role: expect.stringMatching(/^(user|moderator)$/),
        status: 'active',
        emailConfirmed: false,
        articlesCount: 0,
        createdAt: expect.any(String),
      });
      const moderators = await as(admin).get(`/api/admin/users?q=${marker}&role=moderator`).expect(200);
      expect(moderators.body.users.map((u: { username: string }) => u.username)).toEqual([promoted.username]);
      // "_" and "%" are characters here, not wildcards.
      expect(
        (
          await as(admin)
            .get(`/api/admin/users?q=${marker.replace(/_/g, '%')}`)
            .expect(200)
        ).body.usersCount,
      ).toBe(0);
      const page = await as(admin).get(`/api/admin/users?q=${marker}&limit=1&offset=1`).expect(200);
      expect([page.body.users.length, page.body.usersCount]).toEqual([1, 2]);
      await as(admin).get('/api/admin/users?role=root').expect(422);
      await as(admin).get('/api/admin/users?status=gone').expect(422);
    });

    it('should give a moderator the reports, and audit the role change with its actor', async () => {
      const user = await registerUser(t);
      await as(user)
        .get('/api/reports')
        .expect(403, { errors: { report: ['forbidden'] } });
      await as(admin)
        .patch(`/api/admin/users/${user.username}`, { user: { role: 'moderator' } })
        .expect(200);
      await as(user).get('/api/reports').expect(200);
      const { events } = await audit(
        `type=role.changed&targetType=user&targetId=${String(decodePayload(user.token).sub)}`,
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: admin.username, details: { from: 'user', to: 'moderator' } });
    });

    it('should suspend an account at once (its content stays) and restore it', async () => {
      const user = await registerUser(t);
      const article = await createArticle(t, user);
      const session = (await signIn(user).expect(200)).body.user;
      const suspended = await as(admin)
        .patch(`/api/admin/users/${user.username}`, { user: { suspended: true } })
        .expect(200);
      expect(suspended.body.user.status).toBe('suspended');
      await as(user).get('/api/user').expect(401);
      await request(t.http)
        .post('/api/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
      await signIn(user).expect(403, { errors: { credentials: ['this account is suspended'] } });
      await request(t.http).get(`/api/articles/${article.slug}`).expect(200);
      await as(admin)
        .patch(`/api/admin/users/${user.username}`, { user: { suspended: false } })
        .expect(200);
      // A restore does not bring the ended sessions back: the user signs in again.
      await as(user).get('/api/user').expect(401);
      await signIn(user).expect(200);
      const types = (
        await audit(`targetType=user&targetId=${String(decodePayload(user.token).sub)}`)
      ).events.map((event: { type: string }) => event.type);
      expect(types).toEqual(expect.arrayContaining(['user.suspended', 'user.restored', 'session.revoked']));
    });

    it("should refuse an admin's change of their own role or suspension, and unknown users", async () => {
      await as(admin)
        .patch(`/api/admin/users/${admin.username}`, { user: { suspended: true } })
        .expect(422, { errors: { user: ['cannot change your own role or suspension'] } });
      await as(admin)
        .patch('/api/admin/users/nobody-here', { user: { role: 'admin' } })
        .expect(404);
      const user = await registerUser(t);
      for (const body of [{ user: { role: 'root' } }, { user: { suspended: 'yes' } }, { user: 'x' }])
        await as(admin).patch(`/api/admin/users/${user.username}`, body).expect(422);
    });
  });

  describe('reports', () => {
    it('should take a report once per user and target, and 404 for unknown targets', async () => {
      const author = await registerUser(t);
      const reporter = await registerUser(t);
      const article = await createArticle(t, author);
      const comment = await createComment(t, author, article.slug);
      const filed = await as(reporter)
        .post(`/api/articles/${article.slug}/report`, { report: { reason: 'spam' } })
        .expect(201);
      expect(filed.body.report).toEqual({
        id: expect.any(Number),
        target: { type: 'article', slug: article.slug },
        reason: 'spam',
        status: 'open',
        reporter: reporter.username,
        createdAt: expect.any(String),
        resolvedAt: null,
        resolver: null,
        note: null,
      });
      await as(reporter)
        .post(`/api/articles/${article.slug}/report`, { report: { reason: 'again' } })
        .expect(409, { errors: { report: ['you have reported this already'] } });
      const onComment = await as(reporter)
        .post(`/api/articles/${article.slug}/comments/${comment.id}/report`, { report: { reason: 'rude' } })
        .expect(201);
      expect(onComment.body.report.target).toEqual({
        type: 'comment',
        slug: article.slug,
        commentId: comment.id,
      });
      await as(reporter)
        .post('/api/articles/no-such-article/report', { report: { reason: 'x' } })
        .expect(404);
      await as(reporter)
        .post(`/api/articles/${article.slug}/comments/999999/report`, { report: { reason: 'x' } })
        .expect(404);
      await as(reporter)
        .post(`/api/articles/${article.slug}/report`, { report: { reason: '' } })
        .expect(422);
    });

    it('should let moderators resolve a report once, and resolve open reports of content they remove', async () => {
      const author = await registerUser(t);
      const reporter = await registerUser(t);
      const article = await createArticle(t, author);
      const other = await createArticle(t, author);
      const first = (
        await as(reporter).post(`/api/articles/${article.slug}/report`, { report: { reason: 'a' } })
      ).body.report;
      const second = (
        await as(reporter).post(`/api/articles/${other.slug}/report`, { report: { reason: 'b' } })
      ).body.report;
      const open = (await as(moderator).get('/api/reports?limit=100').expect(200)).body;
      expect(open.reports.map((r: { id: number }) => r.id)).toEqual(
        expect.arrayContaining([first.id, second.id]),
      );
      const resolved = await as(moderator)
        .patch(`/api/reports/${first.id}`, { report: { status: 'dismissed', note: 'fine' } })
        .expect(200);
      expect(resolved.body.report).toMatchObject({
        status: 'dismissed',
        resolver: moderator.username,
        note: 'fine',
      });
      await as(admin)
        .patch(`/api/reports/${first.id}`, { report: { status: 'resolved' } })
        .expect(409);
      await as(moderator)
        .patch('/api/reports/999999', { report: { status: 'resolved' } })
        .expect(404);
      await as(moderator)
        .patch(`/api/reports/${second.id}`, { report: { status: 'open' } })
        .expect(422);
      await as(moderator).delete(`/api/articles/${other.slug}`).expect(204);
      const closed = (await as(moderator).get('/api/reports?status=resolved&limit=100').expect(200)).body
        .reports;
      expect(closed.find((r: { id: number }) => r.id === second.id)).toMatchObject({
        note: 'content removed',
      });
      const removed = await audit(
        `type=content.removed&actor=${moderator.username}&targetType=article&targetId=${other.slug}`,
      );
      expect(removed.events).toHaveLength(1);
      expect(
        (await audit(`type=report.resolved&targetType=report&targetId=${first.id}`)).events,
      ).toHaveLength(1);
    });

    it('should let a moderator delete any comment, and audit it', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      const comment = await createComment(t, author, article.slug);
      await as(moderator).delete(`/api/articles/${article.slug}/comments/${comment.id}`).expect(204);
      const { events } = await audit(`type=content.removed&targetType=comment&targetId=${comment.id}`);
      expect(events[0]).toMatchObject({ actor: moderator.username, details: { article: article.slug } });
      await as(moderator)
        .put(`/api/articles/${article.slug}`, { article: { body: 'no' } })
        .expect(403);
    });
  });

  describe('audit log', () => {
    it('should filter by actor, type and time, page, and refuse bad filters', async () => {
      const user = await registerUser(t);
      await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: user.email, password: 'wrong password' } })
        .expect(401);
      const since = new Date(Date.now() - 60_000).toISOString();
      const mine = await audit(`actor=${user.username}&from=${since}`);
      expect(mine.events.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['user.registered', 'sign-in.succeeded']),
      );
      expect(mine.events.every((e: { actor: string }) => e.actor === user.username)).toBe(true);
      const failed = await audit(
        `type=sign-in.failed&targetType=user&targetId=${String(decodePayload(user.token).sub)}`,
      );
      expect(failed.events[0]).toMatchObject({ actor: null, details: { email: user.email } });
      expect((await audit(`actor=${user.username}&to=${since}`)).eventsCount).toBe(0);
      const page = await audit(`actor=${user.username}&limit=1`);
      expect([page.events.length, page.eventsCount]).toEqual([1, mine.eventsCount]);
      for (const query of ['from=yesterday', 'type=made.up', 'limit=1000', 'targetType=planet'])
        await as(admin).get(`/api/admin/audit?${query}`).expect(422);
    });
  });

  it('should make the first admin with `npm run admin -- grant <email>`', async () => {
    const user = await registerUser(t);
    const databaseUrl =
      t.dataSource.options.type === 'better-sqlite3'
        ? `sqlite:${String(t.dataSource.options.database)}`
        : process.env.DATABASE_URL!;
    const script = join(__dirname, '..', '..', 'scripts', 'admin.ts');
    const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', MIGRATIONS_RUN: 'false' };
    const { stdout } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', script, 'grant', user.email.toUpperCase()],
      { env },
    );
    expect(stdout).toContain('is now an admin');
    await as(user).get('/api/admin/users').expect(200);
    const failure = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', script, 'grant', 'nobody@example.com'],
      { env },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no account has this e-mail address'),
    });
    const { events } = await audit(
      `type=role.changed&targetType=user&targetId=${String(decodePayload(user.token).sub)}`,
    );
    expect(events[0]).toMatchObject({ actor: null, details: { from: 'user', to: 'admin' } });
  }, 60_000);

  // Last: passport keeps one 'jwt' strategy per process, so once a second app starts, tokens of the first are
  // checked by the second's (and its database), which this one closes.
  it('should rate-limit reports per address', async () => {
    const limited = await createTestApp({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_REPORTS_PER_HOUR: '2' });
    try {
      const author = await registerUser(limited);
      const reporter = await registerUser(limited);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const article = await createArticle(limited, author);
        const res = await request(limited.http)
          .post(`/api/articles/${article.slug}/report`)
          .set(...auth(reporter))
          .send({ report: { reason: 'spam' } });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await limited.close();
    }
  });
});
