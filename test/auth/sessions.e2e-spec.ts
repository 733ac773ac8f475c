import request from 'supertest';
import { auth, registerUser, RegisteredUser } from '../support/factories';
import { decodePayload } from '../support/jwt';
import { createTestApp, TestApp } from '../support/test-app';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const INVALID_TOKEN = { errors: { token: ['is invalid'] } };

interface Grant {
  token: string;
  refreshToken: string;
}

interface AuditRow {
  type: string;
  actor_id: number | null;
  target_type: string | null;
  target_id: string | null;
  address: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: string | null;
}

describe('Sessions and refresh tokens (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const login = async (user: RegisteredUser, agent = FIREFOX): Promise<Grant> => {
    const res = await request(t.http)
      .post('/api/users/login')
      .set('User-Agent', agent)
      .send({ user: { email: user.email, password: user.password } })
      .expect(200);
    return res.body.user;
  };
  const refresh = (refreshToken: unknown) => request(t.http).post('/api/auth/refresh').send({ refreshToken });
  const currentUser = (grant: { token: string }) =>
    request(t.http)
      .get('/api/user')
      .set(...auth(grant));
  const sessionIdOf = (grant: { token: string }): string => String(decodePayload(grant.token).sid);
  const auditRows = (type: string, targetId: string): Promise<AuditRow[]> =>
    t.dataSource.query('SELECT * FROM audit_events WHERE type = ? AND target_id = ? ORDER BY id', [
      type,
      targetId,
    ]);

  it('should open a session at every sign-in and list them, the current one marked', async () => {
    const user = await registerUser(t);
    const grant = await login(user);
    const res = await request(t.http)
      .get('/api/user/sessions')
      .set(...auth(grant))
      .expect(200);
    expect(res.body.sessions).toHaveLength(2);
    const current = res.body.sessions.find((session: { current: boolean }) => session.current);
    expect(current).toEqual({
      id: sessionIdOf(grant),
      current: true,
      label: 'Firefox on Linux',
      address: expect.stringMatching(/127\.0\.0\.1|::1/),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    const other = res.body.sessions.find((session: { current: boolean }) => !session.current);
    expect(other.id).toBe(sessionIdOf(user));
    expect(new Date(current.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it('should say when the token expires: the exp of the token it answers with', async () => {
    const grant = await login(await registerUser(t));
    const { user } = (await refresh(grant.refreshToken).expect(200)).body;
    for (const answer of [grant, user] as { token: string; tokenExpiresAt: string }[])
      expect(new Date(answer.tokenExpiresAt).getTime()).toBe(Number(decodePayload(answer.token).exp) * 1000);
  });

  describe('refresh', () => {
    it('should answer the user with a new token and refresh token, both of which work', async () => {
      const user = await registerUser(t);
      const grant = await login(user);
      const res = await refresh(grant.refreshToken).expect(200);
      expect(res.body.user).toEqual({
        email: user.email,
        username: user.username,
        bio: null,
        image: null,
        token: expect.any(String),
        tokenExpiresAt: expect.any(String),
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      expect(res.body.user.refreshToken).not.toBe(grant.refreshToken);
      expect(sessionIdOf(res.body.user)).toBe(sessionIdOf(grant));
      await currentUser(res.body.user).expect(200);
      await refresh(res.body.user.refreshToken).expect(200);
    });

    it('should sign the whole session out when a used refresh token comes back, and audit it', async () => {
      const user = await registerUser(t);
      const grant = await login(user);
      const next = (await refresh(grant.refreshToken).expect(200)).body.user as Grant;
      const reuse = await refresh(grant.refreshToken).set('User-Agent', 'thief/1.0').expect(401);
      expect(reuse.body).toEqual({
        errors: { refreshToken: ['has already been used; the session is signed out'] },
      });
      await currentUser(next).expect(401, INVALID_TOKEN);
      await currentUser(grant).expect(401, INVALID_TOKEN);
      await refresh(next.refreshToken).expect(401, { errors: { refreshToken: ['is invalid'] } });
      await currentUser(user).expect(200);
      const [row] = await auditRows('refresh.reused', sessionIdOf(grant));
      expect(row).toMatchObject({ target_type: 'session', actor_id: null, user_agent: 'thief/1.0' });
    });

    it('should let exactly one of 20 racing refreshes with one token win, then sign the session out', async () => {
      const grant = await login(await registerUser(t));
      const answers = await Promise.all(Array.from({ length: 20 }, () => refresh(grant.refreshToken)));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, ...Array<number>(19).fill(401)]);
      const winner = answers.find((answer) => answer.status === 200)!.body.user as Grant;
      await currentUser(winner).expect(401);
      await refresh(winner.refreshToken).expect(401);
      expect(await auditRows('refresh.reused', sessionIdOf(grant))).toHaveLength(1);
    });

    it('should answer 401 for missing, unknown, malformed and expired refresh tokens, and 422 for malformed fields', async () => {
      const grant = await login(await registerUser(t));
      const unknown = 'A'.repeat(43);
      for (const token of [unknown, `${grant.refreshToken}x`, grant.refreshToken.slice(1), "' OR '1'='1"])
        await refresh(token).expect(401, { errors: { refreshToken: ['is invalid'] } });
      await refresh(undefined).expect(401, { errors: { refreshToken: ['is missing'] } });
      for (const token of ['', 42, ['x'], 'x'.repeat(257)]) {
        const res = await refresh(token).expect(422);
        expect(Object.keys(res.body.errors)).toEqual(['refreshToken']);
      }
      await t.dataSource.query('UPDATE sessions SET expires_at = ? WHERE id = ?', [
        '2020-01-01 00:00:00.000',
        sessionIdOf(grant),
      ]);
      await refresh(grant.refreshToken).expect(401, { errors: { refreshToken: ['has expired'] } });
      await currentUser(grant).expect(401, INVALID_TOKEN);
    });
  });

  describe('signing out', () => {
    it('should end the current session only: its token and refresh token stop working', async () => {
      const user = await registerUser(t);
      const grant = await login(user);
      await request(t.http)
        .post('/api/auth/logout')
        .set(...auth(grant))
        .set('X-Request-Id', 'logout-request-1')
        .expect(204);
      await currentUser(grant).expect(401, INVALID_TOKEN);
      await refresh(grant.refreshToken).expect(401);
      await currentUser(user).expect(200);
      const [row] = await auditRows('sign-out', sessionIdOf(grant));
      expect(row).toMatchObject({ request_id: 'logout-request-1', user_agent: null });
      await request(t.http).post('/api/auth/logout').expect(401);
    });

    it("should revoke one of one's sessions by id, and answer 404 for another user's or an unknown one", async () => {
      const user = await registerUser(t);
      const other = await registerUser(t);
      const grant = await login(user);
      await request(t.http)
        .delete(`/api/user/sessions/${sessionIdOf(other)}`)
        .set(...auth(grant))
        .expect(404, { errors: { session: ['not found'] } });
      await currentUser(other).expect(200);
      await request(t.http)
        .delete('/api/user/sessions/no-such-session')
        .set(...auth(grant))
        .expect(404);
      await request(t.http)
        .delete(`/api/user/sessions/${sessionIdOf(user)}`)
        .set(...auth(grant))
        .expect(204);
      await currentUser(user).expect(401, INVALID_TOKEN);
      await currentUser(grant).expect(200);
      await request(t.http)
        .delete(`/api/user/sessions/${sessionIdOf(user)}`)
        .set(...auth(grant))
        .expect(404);
    });

    it('should revoke every other session at once and keep the current one', async () => {
      const user = await registerUser(t);
      const [first, second, current] = [await login(user), await login(user), await login(user)];
      await request(t.http)
        .delete('/api/user/sessions')
        .set(...auth(current))
        .expect(204);
      for (const grant of [user, first, second]) await currentUser(grant).expect(401);
      await refresh(first.refreshToken).expect(401);
      const res = await request(t.http)
        .get('/api/user/sessions')
        .set(...auth(current))
        .expect(200);
      expect(res.body.sessions.map((session: { id: string }) => session.id)).toEqual([sessionIdOf(current)]);
    });

    it('should sign out every other session on a password change, refresh tokens included', async () => {
      const user = await registerUser(t);
      const other = await login(user);
      const changed = await request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: { password: 'a new password' } })
        .expect(200);
      await currentUser(other).expect(401);
      await refresh(other.refreshToken).expect(401);
      await currentUser(changed.body.user).expect(200);
      const userId = String(decodePayload(user.token).sub);
      expect(await auditRows('password.changed', userId)).toHaveLength(1);
      const [revoked] = await auditRows('session.revoked', userId);
      expect(JSON.parse(revoked.details!)).toEqual({ reason: 'password-changed', count: 1 });
    });

    it("should make a deleted account's refresh tokens fail", async () => {
      const grant = await login(await registerUser(t));
      await t.dataSource.query('DELETE FROM users WHERE id = ?', [decodePayload(grant.token).sub]);
      await refresh(grant.refreshToken).expect(401, { errors: { refreshToken: ['is invalid'] } });
    });
  });

  describe('audit log', () => {
    it('should record sign-ins that succeed and fail with address, user agent and request id', async () => {
      const user = await registerUser(t);
      await request(t.http)
        .post('/api/users/login')
        .set('User-Agent', 'audit-test/1.0')
        .set('X-Request-Id', 'failed-sign-in-1')
        .send({ user: { email: user.email, password: 'not the password' } })
        .expect(401);
      const grant = await login(user, 'audit-test/2.0');
      const userId = String(decodePayload(grant.token).sub);
      const [failed] = await auditRows('sign-in.failed', userId);
      expect(failed).toMatchObject({
        actor_id: null,
        target_type: 'user',
        user_agent: 'audit-test/1.0',
        request_id: 'failed-sign-in-1',
        address: expect.stringMatching(/127\.0\.0\.1|::1/),
      });
      expect(JSON.parse(failed.details!)).toEqual({ email: user.email });
      const [succeeded] = await auditRows('sign-in.succeeded', sessionIdOf(grant));
      expect(succeeded).toMatchObject({ actor_id: Number(userId), user_agent: 'audit-test/2.0' });
      expect(JSON.parse(succeeded.details!)).toEqual({ method: 'password' });
    });

    it('should keep secrets out of the audit log and the session list', async () => {
      const user = await registerUser(t);
      const grant = await login(user);
      await refresh(grant.refreshToken).expect(200);
      const rows: AuditRow[] = await t.dataSource.query('SELECT * FROM audit_events');
      const listed = await request(t.http)
        .get('/api/user/sessions')
        .set(...auth(grant))
        .expect(200);
      const stored: { token_hash: string }[] = await t.dataSource.query(
        'SELECT token_hash FROM refresh_tokens',
      );
      const text = JSON.stringify([rows, listed.body]);
      for (const secret of [
        user.password,
        grant.refreshToken,
        grant.token,
        ...stored.map((r) => r.token_hash),
      ])
        expect(text).not.toContain(secret);
      expect(stored.map((r) => r.token_hash)).not.toContain(grant.refreshToken);
    });
  });
});
