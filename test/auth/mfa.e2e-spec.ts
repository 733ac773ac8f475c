import request from 'supertest';
import { LogCapture, observedApp } from '../observability/support';
import { auth, registerUser, RegisteredUser } from '../support/factories';
import { decodePayload } from '../support/jwt';
import { enableMfa, mfaChallengeOf, totpCodeOf } from '../support/mfa';
import type { TestApp } from '../support/test-app';
import { tampered } from '../support/tampered';

const INVALID_CODE = { errors: { code: ['is invalid'] } };
const INVALID_CHALLENGE = { errors: { challenge: ['is invalid or has expired'] } };

const codeOf = totpCodeOf;

interface Enrolled {
  user: RegisteredUser;
  secret: string;
  recoveryCodes: string[];
}

describe('Two-factor sign-in (TOTP) (e2e)', () => {
  let t: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    t = await observedApp({ LOG_LEVEL: 'debug' }, { logStream: logs });
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: object, user?: { token: string }) => {
    const test = request(t.http).post(path);
    return (user ? test.set(...auth(user)) : test).send(body);
  };
  const login = (user: RegisteredUser, password = user.password) =>
    post('/api/users/login', { user: { email: user.email, password } });
  const challengeOf = async (user: RegisteredUser): Promise<string> => {
    const res = await login(user).expect(200);
    expect(res.body).toEqual({
      mfa: {
        challenge: expect.any(String),
        expiresAt: expect.any(String),
        methods: ['totp', 'recoveryCode'],
      },
    });
    return res.body.mfa.challenge;
  };

  async function enrolled(): Promise<Enrolled> {
    const user = await registerUser(t);
    const enrolment = await post('/api/user/mfa/totp', {}, user).expect(201);
    const { secret, otpauthUri, qrCode } = enrolment.body.totp;
    expect(otpauthUri).toBe(
      `otpauth://totp/Folio:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Folio`,
    );
    expect(qrCode).toMatch(/^data:image\/png;base64,/);
    await post('/api/user/mfa/totp/confirm', { code: '000000' }, user).expect(422, INVALID_CODE);
    const confirmed = await post('/api/user/mfa/totp/confirm', { code: await codeOf(secret) }, user).expect(
      200,
    );
    return { user, secret, recoveryCodes: confirmed.body.recoveryCodes };
  }

  it('should enrol with a secret, an otpauth URI and a QR code, and answer ten recovery codes once', async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-f]{5}-[0-9a-f]{5}$/);
    await post('/api/user/mfa/totp', {}, user).expect(409, { errors: { mfa: ['is already enabled'] } });
    await post('/api/user/mfa/totp/confirm', { code: await codeOf(secret, 1) }, user).expect(409);
    const [stored] = await t.dataSource.query<{ secret_ciphertext: string }[]>(
      'SELECT secret_ciphertext FROM mfa_totp WHERE user_id = ?',
      [decodePayload(user.token).sub],
    );
    expect(stored.secret_ciphertext).not.toContain(secret);
    const types = (
      await t.dataSource.query<{ type: string }[]>(
        "SELECT type FROM audit_events WHERE type = 'mfa.enabled' AND actor_id = ?",
        [decodePayload(user.token).sub],
      )
    ).map((row) => row.type);
    expect(types).toEqual(['mfa.enabled']);
  });

  it('should answer a login with a challenge, and sign in with it and a code, once', async () => {
    const { user, secret } = await enrolled();
    const challenge = await challengeOf(user);
    await post('/api/auth/mfa', { challenge, code: '123456' }).expect(401, INVALID_CODE);
    const code = await codeOf(secret, 1);
    const signedIn = await post('/api/auth/mfa', { challenge, code }).expect(200);
    expect(signedIn.body.user).toMatchObject({
      email: user.email,
      token: expect.any(String),
      refreshToken: expect.any(String),
    });
    await request(t.http)
      .get('/api/user')
      .set(...auth(signedIn.body.user))
      .expect(200);
    await post('/api/auth/mfa', { challenge, code }).expect(401, INVALID_CHALLENGE);
    // The same code cannot be used again within its window, whatever the challenge.
    await post('/api/auth/mfa', { challenge: await challengeOf(user), code }).expect(401, INVALID_CODE);
  });

  it('should take each recovery code once', async () => {
    const { user, recoveryCodes } = await enrolled();
    const [first] = recoveryCodes;
    await post('/api/auth/mfa', {
      challenge: await challengeOf(user),
      recoveryCode: first.toUpperCase(),
    }).expect(200);
    await post('/api/auth/mfa', { challenge: await challengeOf(user), recoveryCode: first }).expect(
      401,
      INVALID_CODE,
    );
  });

  it('should refuse forged, expired, used-up and cross-user challenges with 401, never 500', async () => {
    const { user } = await enrolled();
    const other = await enrolled();
    const challenge = await challengeOf(user);
    for (const forged of ['A'.repeat(43), tampered(challenge), 'x', "' OR 1=1 --"])
      await post('/api/auth/mfa', { challenge: forged, code: '123456' }).expect(401, INVALID_CHALLENGE);
    // Another account's recovery code does not pass this account's challenge.
    await post('/api/auth/mfa', { challenge, recoveryCode: other.recoveryCodes[0] }).expect(
      401,
      INVALID_CODE,
    );
    for (let i = 0; i < 4; i++)
      await post('/api/auth/mfa', { challenge, code: '000000' }).expect(401, INVALID_CODE);
    // The fifth wrong code killed the challenge: even a right one no longer passes it.
    await post('/api/auth/mfa', { challenge, recoveryCode: (await enrolled()).recoveryCodes[0] }).expect(
      401,
      INVALID_CHALLENGE,
    );
    const fresh = await challengeOf(user);
    await t.dataSource.query(
      "UPDATE mfa_challenges SET expires_at = '2020-01-01 00:00:00.000' WHERE user_id = ?",
      [decodePayload(user.token).sub],
    );
    await post('/api/auth/mfa', { challenge: fresh, code: '123456' }).expect(401, INVALID_CHALLENGE);
    for (const body of [{}, { challenge }, { challenge: 42, code: '1' }, { challenge, code: 'x'.repeat(40) }])
      expect((await post('/api/auth/mfa', body)).status).toBe(422);
    const failed = await t.dataSource.query<{ details: string }[]>(
      "SELECT details FROM audit_events WHERE type = 'sign-in.failed' AND target_id = ?",
      [String(decodePayload(user.token).sub)],
    );
    expect(failed.length).toBeGreaterThanOrEqual(5);
    expect(JSON.parse(failed[0].details)).toEqual({ method: 'mfa' });
  });

  it('should need a fresh code to change the e-mail address or the password, not the bio', async () => {
    const { user, recoveryCodes } = await enrolled();
    const put = (fields: object) =>
      request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: fields });
    await put({ password: 'a new password 1' }).expect(403, {
      errors: { mfaCode: ['is required: two-factor sign-in is on for this account'] },
    });
    await put({ email: `x${user.email}`, mfaCode: '000000' }).expect(403, {
      errors: { mfaCode: ['is invalid'] },
    });
    await put({ email: user.email, bio: 'same address, no code needed' }).expect(200);
    await put({ password: 'a new password 1', mfaCode: recoveryCodes[1] }).expect(200);
    await login(user, 'a new password 1').expect(200);
  });

  it('should turn off with the password and a code, after which a login answers tokens', async () => {
    const { user, recoveryCodes } = await enrolled();
    await post(
      '/api/user/mfa/totp/disable',
      { password: 'wrong password', code: recoveryCodes[0] },
      user,
    ).expect(422, {
      errors: { password: ['is wrong'] },
    });
    await post('/api/user/mfa/totp/disable', { password: user.password, code: '000000' }, user).expect(
      422,
      INVALID_CODE,
    );
    await post(
      '/api/user/mfa/totp/disable',
      { password: user.password, code: recoveryCodes[0] },
      user,
    ).expect(204);
    expect((await login(user).expect(200)).body.user.token).toEqual(expect.any(String));
    await post(
      '/api/user/mfa/totp/disable',
      { password: user.password, code: recoveryCodes[1] },
      user,
    ).expect(422, {
      errors: { mfa: ['is not enabled'] },
    });
  });

  it('should keep the secret, codes and challenges out of every later answer and every log line', async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const challenge = await challengeOf(user);
    await post('/api/auth/mfa', { challenge, recoveryCode: recoveryCodes[0] }).expect(200);
    const me = await request(t.http)
      .get('/api/user')
      .set(...auth(user))
      .expect(200);
    const text = JSON.stringify(me.body) + logs.raw.join('');
    for (const value of [secret, challenge, ...recoveryCodes]) expect(text).not.toContain(value);
  });

  // Last: passport keeps one 'jwt' strategy per process, so a second app in this file would take over the first's.
  it('should count wrong codes against the account: 429 past the sign-in failure limit', async () => {
    const limited = await observedApp({
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '3',
    });
    try {
      const user = await registerUser(limited);
      await enableMfa(limited, user);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const challenge = await mfaChallengeOf(limited, user);
        statuses.push(
          (await request(limited.http).post('/api/auth/mfa').send({ challenge, code: '000000' })).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
