import request from 'supertest';
import { auth, registerUser, RegisteredUser, uniqueName } from '../support/factories';
import { decodePayload } from '../support/jwt';
import { linkToken, SmtpReceiver } from '../support/smtp-receiver';
import { createTestApp, TestApp } from '../support/test-app';
import { tampered } from '../support/tampered';

const INVALID_TOKEN = { errors: { token: ['is invalid or has expired'] } };
const MAIL_ENV = {
  JOBS_ENABLED: 'true',
  JOBS_POLL_INTERVAL_MS: '50',
  JOBS_BACKOFF_BASE_MS: '100',
  APP_URL: 'https://front.example',
};

describe('E-mail confirmation, password reset and e-mail change (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    t = await createTestApp({ ...MAIL_ENV, SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const post = (path: string, body: object) => request(t.http).post(path).send(body);
  const signIn = (email: string, password: string) => post('/api/users/login', { user: { email, password } });
  const auditTypes = async (userId: unknown): Promise<string[]> =>
    (
      await t.dataSource.query<{ type: string }[]>(
        "SELECT type FROM audit_events WHERE target_type = 'user' AND target_id = ? ORDER BY id",
        [String(userId)],
      )
    ).map((row) => row.type);

  describe('confirmation', () => {
    it('should mail a link at registration whose token confirms the address once', async () => {
      const user = await registerUser(t);
      const mail = await smtp.next(user.email, /Confirm your e-mail/);
      expect(mail.text).toContain('https://front.example/confirm-email?token=');
      const token = linkToken(mail);
      await post('/api/auth/email-confirmation', { token }).expect(204);
      await post('/api/auth/email-confirmation', { token }).expect(422, INVALID_TOKEN);
      await request(t.http)
        .post('/api/user/email-confirmation')
        .set(...auth(user))
        .expect(422, { errors: { email: ['is already confirmed'] } });
      expect(await auditTypes(decodePayload(user.token).sub)).toContain('email.confirmed');
    });

    it('should answer 422 for forged, malformed, expired and wrong-purpose tokens, never 500', async () => {
      const user = await registerUser(t);
      const token = linkToken(await smtp.next(user.email, /Confirm/));
      for (const forged of ['A'.repeat(43), tampered(token), "' OR 1=1 --", 'x'])
        await post('/api/auth/email-confirmation', { token: forged }).expect(422, INVALID_TOKEN);
      await post('/api/auth/email-change/confirm', { token }).expect(422, INVALID_TOKEN);
      await post('/api/auth/password-reset/confirm', { token, password: 'new password 1' }).expect(
        422,
        INVALID_TOKEN,
      );
      await t.dataSource.query(
        "UPDATE account_tokens SET expires_at = '2020-01-01 00:00:00.000' WHERE user_id = ?",
        [decodePayload(user.token).sub],
      );
      await post('/api/auth/email-confirmation', { token }).expect(422, INVALID_TOKEN);
      for (const body of [{}, { token: 42 }, { token: '' }, { token: 'x'.repeat(300) }])
        expect(
          Object.keys((await post('/api/auth/email-confirmation', body).expect(422)).body.errors),
        ).toEqual(['token']);
    });

    it('should mail a new link on request', async () => {
      const user = await registerUser(t);
      await smtp.next(user.email, /Confirm/);
      await request(t.http)
        .post('/api/user/email-confirmation')
        .set(...auth(user))
        .expect(202);
      await waitForCount(() => smtp.to(user.email).length, 2);
      const [, second] = smtp.to(user.email);
      await post('/api/auth/email-confirmation', { token: linkToken(second) }).expect(204);
    });
  });

  describe('password reset', () => {
    it('should answer alike for known and unknown addresses, and mail only the known one', async () => {
      const user = await registerUser(t);
      const unknown = `${uniqueName('nobody')}@example.com`;
      const known = await post('/api/auth/password-reset', { email: user.email }).expect(202);
      const other = await post('/api/auth/password-reset', { email: unknown }).expect(202);
      expect([known.text, known.headers['content-length']]).toEqual([
        other.text,
        other.headers['content-length'],
      ]);
      expect(known.text).toBe('');
      await smtp.next(user.email, /Reset your password/);
      // Both requests queued one job each; the unknown one finished without a mail.
      await waitForCount(async () => (await finishedResetJobs()).length, 2, 2);
      expect(smtp.to(unknown)).toEqual([]);
    });

    it('should reset the password once, sign out every session and accept the new password', async () => {
      const user = await registerUser(t);
      const other = (await signIn(user.email, user.password).expect(200)).body.user;
      await post('/api/auth/password-reset', { email: user.email }).expect(202);
      const mail = await smtp.next(user.email, /Reset your password/);
      expect(mail.text).toContain('https://front.example/reset-password?token=');
      const token = linkToken(mail);
      await post('/api/auth/password-reset/confirm', { token, password: 'short' }).expect(422);
      await post('/api/auth/password-reset/confirm', { token, password: 'a brand new password' }).expect(204);
      for (const grant of [user, other])
        await request(t.http)
          .get('/api/user')
          .set(...auth(grant))
          .expect(401);
      await post('/api/auth/refresh', { refreshToken: other.refreshToken }).expect(401);
      await signIn(user.email, user.password).expect(401);
      await signIn(user.email, 'a brand new password').expect(200);
      await post('/api/auth/password-reset/confirm', { token, password: 'yet another one' }).expect(
        422,
        INVALID_TOKEN,
      );
      expect(await auditTypes(decodePayload(user.token).sub)).toEqual(
        expect.arrayContaining(['password.reset', 'session.revoked']),
      );
    });

    it('should let exactly one of 20 racing confirmations of one link succeed', async () => {
      const user = await registerUser(t);
      await post('/api/auth/password-reset', { email: user.email }).expect(202);
      const token = linkToken(await smtp.next(user.email, /Reset your password/));
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post('/api/auth/password-reset/confirm', { token, password: `racing password ${i}` }),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([204, ...Array<number>(19).fill(422)]);
      const winner = answers.findIndex((answer) => answer.status === 204);
      await signIn(user.email, `racing password ${winner}`).expect(200);
    });

    it('should refuse an expired link', async () => {
      const user = await registerUser(t);
      await post('/api/auth/password-reset', { email: user.email }).expect(202);
      const token = linkToken(await smtp.next(user.email, /Reset your password/));
      await t.dataSource.query(
        "UPDATE account_tokens SET expires_at = '2020-01-01 00:00:00.000' WHERE purpose = 'password-reset' AND user_id = ?",
        [decodePayload(user.token).sub],
      );
      await post('/api/auth/password-reset/confirm', { token, password: 'too late password' }).expect(
        422,
        INVALID_TOKEN,
      );
      await signIn(user.email, user.password).expect(200);
    });
  });

  describe('e-mail change', () => {
    /** A user who followed the confirmation link of the registration. */
    const confirmedUser = async (): Promise<RegisteredUser> => {
      const user = await registerUser(t);
      const token = linkToken(await smtp.next(user.email, /Confirm your e-mail/));
      await post('/api/auth/email-confirmation', { token }).expect(204);
      return user;
    };

    it('should replace an address never confirmed at once, and mail a confirmation link to the new one', async () => {
      const user = await registerUser(t);
      const newEmail = `${uniqueName('typo_fixed')}@example.com`;
      const answer = await request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: { email: newEmail } })
        .expect(200);
      expect(answer.body.user.email).toBe(newEmail);
      await signIn(newEmail, user.password).expect(200);
      const mail = await smtp.next(newEmail, /Confirm your e-mail address/);
      // The link mailed to the old address at registration no longer confirms anything.
      const old = linkToken(await smtp.next(user.email, /Confirm your e-mail/));
      await post('/api/auth/email-confirmation', { token: old }).expect(422, INVALID_TOKEN);
      await post('/api/auth/email-confirmation', { token: linkToken(mail) }).expect(204);
    });

    it('should change a confirmed address only once the link mailed to the new one is followed, and tell the old one', async () => {
      const user = await confirmedUser();
      const newEmail = `${uniqueName('moved')}@example.com`;
      const answer = await request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: { email: newEmail } })
        .expect(200);
      expect(answer.body.user.email).toBe(user.email);
      await signIn(newEmail, user.password).expect(401);
      const mail = await smtp.next(newEmail, /Confirm your new e-mail/);
      expect(mail.text).toContain('https://front.example/confirm-email-change?token=');
      await post('/api/auth/email-change/confirm', { token: linkToken(mail) }).expect(204);
      const current = await request(t.http)
        .get('/api/user')
        .set(...auth(user))
        .expect(200);
      expect(current.body.user.email).toBe(newEmail);
      await signIn(newEmail, user.password).expect(200);
      await signIn(user.email, user.password).expect(401);
      await smtp.next(user.email, /was changed/);
      await post('/api/auth/email-change/confirm', { token: linkToken(mail) }).expect(422, INVALID_TOKEN);
      expect(await auditTypes(decodePayload(user.token).sub)).toContain('email.changed');
    });

    it('should answer 409 when another account took the address before the link was followed', async () => {
      const user = await confirmedUser();
      const wanted = `${uniqueName('wanted')}@example.com`;
      await request(t.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: { email: wanted } })
        .expect(200);
      const mail = await smtp.next(wanted, /Confirm your new e-mail/);
      await registerUser(t, { email: wanted });
      await post('/api/auth/email-change/confirm', { token: linkToken(mail) }).expect(409, {
        errors: { email: ['has already been taken'] },
      });
      const current = await request(t.http)
        .get('/api/user')
        .set(...auth(user))
        .expect(200);
      expect(current.body.user.email).toBe(user.email);
    });
  });

  it('should retry a mail the server refuses for a while, and deliver it once', async () => {
    smtp.refuse = true;
    let user: RegisteredUser;
    try {
      user = await registerUser(t);
      await waitForCount(async () => (await jobAttempts(user.email)) ?? 0, 2);
    } finally {
      smtp.refuse = false;
    }
    const mail = await smtp.next(user.email, /Confirm/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails.filter((each) => each.jobId === mail.jobId)).toHaveLength(1);
  });

  // Last: passport keeps one 'jwt' strategy per process, so a second app takes the first's over.
  it('should block writes of unconfirmed accounts with REQUIRE_EMAIL_CONFIRMATION, and not after confirming', async () => {
    const strict = await createTestApp({
      ...MAIL_ENV,
      SMTP_URL: smtp.url,
      REQUIRE_EMAIL_CONFIRMATION: 'true',
    });
    try {
      const user = await registerUser(strict);
      const article = { article: { title: uniqueName('Strict'), description: 'd', body: 'b' } };
      const write = () =>
        request(strict.http)
          .post('/api/articles')
          .set(...auth(user))
          .send(article);
      await write().expect(403, {
        errors: { email: ['must be confirmed first: follow the link mailed to you'] },
      });
      await request(strict.http)
        .get('/api/user')
        .set(...auth(user))
        .expect(200);
      await request(strict.http)
        .post('/api/user/email-confirmation')
        .set(...auth(user))
        .expect(202);
      await request(strict.http)
        .put('/api/user')
        .set(...auth(user))
        .send({ user: { bio: 'still allowed' } })
        .expect(200);
      const mails = await waitForMailsOf(smtp, user.email, 2);
      await request(strict.http)
        .post('/api/auth/email-confirmation')
        .send({ token: linkToken(mails[1]) })
        .expect(204);
      await write().expect(201);
    } finally {
      await strict.close();
    }
  });

  const finishedResetJobs = (): Promise<{ id: number }[]> =>
    t.dataSource.query("SELECT id FROM jobs WHERE type = 'password-reset.request' AND status = 'done'");

  /** How many attempts the confirmation mail to `email` has had (its payload names the address until it is sent). */
  const jobAttempts = async (email: string): Promise<number | undefined> => {
    const rows: { attempts: number; payload: string }[] = await t.dataSource.query(
      "SELECT attempts, payload FROM jobs WHERE type = 'mail.send'",
    );
    return rows.find((row) => row.payload.includes(email))?.attempts;
  };
});

async function waitForMailsOf(smtp: SmtpReceiver, to: string, count: number) {
  await waitForCount(() => smtp.to(to).length, count);
  return smtp.to(to);
}

async function waitForCount(
  count: () => number | Promise<number>,
  atLeast: number,
  exactly?: number,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  let seen = await count();
  while (seen < atLeast && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await count();
  }
  expect(seen).toBeGreaterThanOrEqual(atLeast);
  if (exactly !== undefined) expect(seen).toBe(exactly);
}
