import { createHash, randomBytes } from 'node:crypto';
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
import { disableMfa, enableMfa, mfaChallengeOf, totpCodeOf } from '../support/mfa';
import { declaredRoutes } from '../support/routes';
import { createTestApp, TestApp } from '../support/test-app';

/** Who calls: nobody, a user who owns nothing involved, the owner of the article or comment, a moderator, an admin. */
const CALLERS = ['anonymous', 'user', 'owner', 'moderator', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

const all = (status: number): Expected => ({
  anonymous: status,
  user: status,
  owner: status,
  moderator: status,
  admin: status,
});
const signedIn = (status: number): Expected => ({ ...all(status), anonymous: 401 });
const owner = (status: number): Expected => ({
  anonymous: 401,
  user: 403,
  owner: status,
  moderator: 403,
  admin: status,
});
const ownerOrModerator = (status: number): Expected => ({ ...all(status), anonymous: 401, user: 403 });
const moderators = (status: number): Expected => ({ ...all(status), anonymous: 401, user: 403, owner: 403 });
const admins = (status: number): Expected => ({ ...moderators(status), moderator: 403 });

interface Cell {
  t: TestApp;
  /** The caller's token header, or none for anonymous. */
  as: (test: request.Test) => request.Test;
  /** Another session of the caller, for routes that end one. */
  otherSession: () => Promise<{ token: string; refreshToken: string }>;
  caller: RegisteredUser | undefined;
  owner: RegisteredUser;
  /** A fresh article of the owner, with a comment of the owner on it. */
  article: () => Promise<{ slug: string; commentId: number }>;
}

interface Case {
  expected: Expected;
  send: (cell: Cell) => Promise<{ status: number }>;
}

const token = (t: TestApp, user: RegisteredUser, purpose: string, email = user.email): Promise<string> =>
  storedToken(t, Number(decodePayload(user.token).sub), purpose, email);

async function storedToken(t: TestApp, userId: number, purpose: string, email: string): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await t.dataSource.query(
    `INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at, used_at)
     VALUES (?, ?, ?, ?, '2020-01-01 00:00:00.000', '2999-01-01 00:00:00.000', NULL)`,
    [createHash('sha256').update(secret).digest('hex'), userId, purpose, email],
  );
  return secret;
}

/** A fresh article of the owner, edited once by them: it has one revision. */
async function revised({ t, owner, article }: Cell): Promise<{ slug: string; revisionId: number }> {
  const { slug } = await article();
  await request(t.http)
    .put(`/api/articles/${slug}`)
    .set(...auth(owner))
    .send({ article: { body: 'revised' } })
    .expect(200);
  const list = await request(t.http)
    .get(`/api/articles/${slug}/revisions`)
    .set(...auth(owner))
    .expect(200);
  return { slug, revisionId: list.body.revisions[0].id };
}

/** A fresh article of the owner with the owner's comment, the article (or the comment) deleted by the owner. */
async function trashed(
  { t, owner, article }: Cell,
  what: 'article' | 'comment' = 'article',
): Promise<{ slug: string; commentId: number }> {
  const created = await article();
  const path = `/api/articles/${created.slug}${what === 'comment' ? `/comments/${created.commentId}` : ''}`;
  await request(t.http)
    .delete(path)
    .set(...auth(owner))
    .expect(204);
  return created;
}

/** The documented answer of every route to every kind of caller (docs/security.md, "Who may do what"). */
const CASES: Record<string, Case> = {
  'post /api/users': {
    expected: all(201),
    send: async ({ t, as }) => {
      const username = uniqueName();
      return as(request(t.http).post('/api/users')).send({
        user: { username, email: `${username}@example.com`, password: 'password123' },
      });
    },
  },
  'post /api/users/login': {
    expected: all(200),
    send: async ({ t, as, owner }) =>
      as(request(t.http).post('/api/users/login')).send({
        user: { email: owner.email, password: owner.password },
      }),
  },
  'get /api/user': {
    expected: signedIn(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/user')),
  },
  'put /api/user': {
    expected: signedIn(200),
    send: async ({ t, as }) => as(request(t.http).put('/api/user')).send({ user: { bio: 'policy' } }),
  },
  'post /api/auth/refresh': {
    expected: all(200),
    send: async ({ t, as, owner }) => {
      const { refreshToken } = await signInAgain(t, owner);
      return as(request(t.http).post('/api/auth/refresh')).send({ refreshToken });
    },
  },
  'post /api/auth/logout': {
    expected: signedIn(204),
    send: async ({ t, caller, otherSession }) =>
      caller
        ? request(t.http)
            .post('/api/auth/logout')
            .set(...auth(await otherSession()))
        : request(t.http).post('/api/auth/logout'),
  },
  'get /api/user/articles': {
    expected: signedIn(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/user/articles?status=draft')),
  },
  'get /api/search': {
    expected: all(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/search?q=policy')),
  },
  'get /api/user/export': {
    expected: signedIn(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/user/export')),
  },
  'delete /api/user': {
    // Each caller deletes an account of its own: a fresh one for "user", so the shared owner stays.
    expected: signedIn(204),
    send: async ({ t, as, caller }) => {
      if (caller === undefined)
        return as(request(t.http).delete('/api/user')).send({ user: { password: 'x' } });
      const own = await registerUser(t);
      return request(t.http)
        .delete('/api/user')
        .set(...auth(own))
        .send({ user: { password: own.password } });
    },
  },
  'get /api/user/trash': {
    expected: signedIn(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/user/trash')),
  },
  'get /api/user/sessions': {
    expected: signedIn(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/user/sessions')),
  },
  'delete /api/user/sessions': {
    expected: signedIn(204),
    // With the caller's own session: every other one ends, so the caller stays signed in for the next cases.
    send: async ({ t, as }) => as(request(t.http).delete('/api/user/sessions')),
  },
  'delete /api/user/sessions/{id}': {
    expected: signedIn(204),
    send: async ({ t, as, caller, otherSession }) => {
      const sid = caller ? String(decodePayload((await otherSession()).token).sid) : 'x';
      return as(request(t.http).delete(`/api/user/sessions/${sid}`));
    },
  },
  'post /api/auth/email-confirmation': {
    expected: all(204),
    send: async ({ t, as }) => {
      const someone = await registerUser(t);
      return as(request(t.http).post('/api/auth/email-confirmation')).send({
        token: await token(t, someone, 'email-confirmation'),
      });
    },
  },
  'post /api/user/email-confirmation': {
    expected: signedIn(202),
    send: async ({ t, as }) => as(request(t.http).post('/api/user/email-confirmation')),
  },
  'post /api/auth/password-reset': {
    expected: all(202),
    send: async ({ t, as, owner }) =>
      as(request(t.http).post('/api/auth/password-reset')).send({ email: owner.email }),
  },
  'post /api/auth/password-reset/confirm': {
    expected: all(204),
    send: async ({ t, as }) => {
      const someone = await registerUser(t);
      const secret = await token(t, someone, 'password-reset');
      return as(request(t.http).post('/api/auth/password-reset/confirm')).send({
        token: secret,
        password: 'new password',
      });
    },
  },
  'post /api/auth/email-change/confirm': {
    expected: all(204),
    send: async ({ t, as }) => {
      const someone = await registerUser(t);
      const secret = await token(t, someone, 'email-change', `${uniqueName('moved')}@example.com`);
      return as(request(t.http).post('/api/auth/email-change/confirm')).send({ token: secret });
    },
  },
  'post /api/auth/mfa': {
    expected: all(200),
    send: async ({ t, as }) => {
      const someone = await registerUser(t);
      const { recoveryCodes } = await enableMfa(t, someone);
      const challenge = await mfaChallengeOf(t, someone);
      return as(request(t.http).post('/api/auth/mfa')).send({
        challenge,
        recoveryCode: recoveryCodes[0],
      });
    },
  },
  'post /api/user/mfa/totp': {
    expected: signedIn(201),
    send: async ({ t, as }) => as(request(t.http).post('/api/user/mfa/totp')),
  },
  'post /api/user/mfa/totp/confirm': {
    expected: signedIn(200),
    send: async ({ t, as, caller }) => {
      if (!caller) return request(t.http).post('/api/user/mfa/totp/confirm').send({ code: '123456' });
      const enrolment = await as(request(t.http).post('/api/user/mfa/totp')).expect(201);
      const code = await totpCodeOf(enrolment.body.totp.secret);
      const confirmed = await as(request(t.http).post('/api/user/mfa/totp/confirm')).send({ code });
      // Off again, so that the caller signs in with a password alone in the other cases.
      if (confirmed.status === 200) await disableMfa(t, caller, confirmed.body.recoveryCodes[0]);
      return confirmed;
    },
  },
  'post /api/user/mfa/totp/disable': {
    expected: signedIn(204),
    send: async ({ t, as, caller }) => {
      if (!caller)
        return request(t.http).post('/api/user/mfa/totp/disable').send({ password: 'x', code: '1' });
      const { recoveryCodes } = await enableMfa(t, caller);
      return as(request(t.http).post('/api/user/mfa/totp/disable')).send({
        password: caller.password,
        code: recoveryCodes[0],
      });
    },
  },
  'get /api/profiles/{username}': {
    expected: all(200),
    send: async ({ t, as, owner }) => as(request(t.http).get(`/api/profiles/${owner.username}`)),
  },
  'post /api/profiles/{username}/follow': {
    // The owner is the profile here: following yourself is a 422.
    expected: { ...signedIn(200), owner: 422 },
    send: async ({ t, as, owner }) => as(request(t.http).post(`/api/profiles/${owner.username}/follow`)),
  },
  'delete /api/profiles/{username}/follow': {
    expected: signedIn(200),
    send: async ({ t, as, owner }) => as(request(t.http).delete(`/api/profiles/${owner.username}/follow`)),
  },
  'get /api/articles': {
    expected: all(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/articles')),
  },
  'get /api/articles/feed': {
    expected: signedIn(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/articles/feed')),
  },
  'post /api/articles': {
    expected: signedIn(201),
    send: async ({ t, as }) =>
      as(request(t.http).post('/api/articles')).send({
        article: { title: uniqueName('T'), description: 'd', body: 'b' },
      }),
  },
  'get /api/articles/{slug}': {
    expected: all(200),
    send: async ({ t, as, article }) => as(request(t.http).get(`/api/articles/${(await article()).slug}`)),
  },
  'put /api/articles/{slug}': {
    expected: owner(200),
    send: async ({ t, as, article }) =>
      as(request(t.http).put(`/api/articles/${(await article()).slug}`)).send({
        article: { body: 'edited' },
      }),
  },
  'get /api/articles/{slug}/revisions': {
    expected: ownerOrModerator(200),
    send: async (cell) =>
      cell.as(request(cell.t.http).get(`/api/articles/${(await revised(cell)).slug}/revisions`)),
  },
  'get /api/articles/{slug}/revisions/{id}': {
    expected: ownerOrModerator(200),
    send: async (cell) => {
      const { slug, revisionId } = await revised(cell);
      return cell.as(request(cell.t.http).get(`/api/articles/${slug}/revisions/${revisionId}`));
    },
  },
  'post /api/articles/{slug}/revisions/{id}/restore': {
    expected: owner(200),
    send: async (cell) => {
      const { slug, revisionId } = await revised(cell);
      return cell.as(request(cell.t.http).post(`/api/articles/${slug}/revisions/${revisionId}/restore`));
    },
  },
  'delete /api/articles/{slug}': {
    expected: ownerOrModerator(204),
    send: async ({ t, as, article }) => as(request(t.http).delete(`/api/articles/${(await article()).slug}`)),
  },
  'post /api/articles/{slug}/restore': {
    // Only its author (who deleted it), moderators and admins can see an article in the trash.
    expected: { ...ownerOrModerator(200), user: 404 },
    send: async (cell) =>
      cell.as(request(cell.t.http).post(`/api/articles/${(await trashed(cell)).slug}/restore`)),
  },
  'post /api/articles/{slug}/favorite': {
    expected: signedIn(200),
    send: async ({ t, as, article }) =>
      as(request(t.http).post(`/api/articles/${(await article()).slug}/favorite`)),
  },
  'delete /api/articles/{slug}/favorite': {
    expected: signedIn(200),
    send: async ({ t, as, article }) =>
      as(request(t.http).delete(`/api/articles/${(await article()).slug}/favorite`)),
  },
  'get /api/articles/{slug}/comments': {
    expected: all(200),
    send: async ({ t, as, article }) =>
      as(request(t.http).get(`/api/articles/${(await article()).slug}/comments`)),
  },
  'post /api/articles/{slug}/comments': {
    expected: signedIn(201),
    send: async ({ t, as, article }) =>
      as(request(t.http).post(`/api/articles/${(await article()).slug}/comments`)).send({
        comment: { body: 'hi' },
      }),
  },
  'delete /api/articles/{slug}/comments/{id}': {
    expected: ownerOrModerator(204),
    send: async ({ t, as, article }) => {
      const { slug, commentId } = await article();
      return as(request(t.http).delete(`/api/articles/${slug}/comments/${commentId}`));
    },
  },
  'post /api/articles/{slug}/comments/{id}/restore': {
    expected: { ...ownerOrModerator(200), user: 404 },
    send: async (cell) => {
      const { slug, commentId } = await trashed(cell, 'comment');
      return cell.as(request(cell.t.http).post(`/api/articles/${slug}/comments/${commentId}/restore`));
    },
  },
  'post /api/articles/{slug}/report': {
    expected: signedIn(201),
    send: async ({ t, as, article }) =>
      as(request(t.http).post(`/api/articles/${(await article()).slug}/report`)).send({
        report: { reason: 'spam' },
      }),
  },
  'post /api/articles/{slug}/comments/{id}/report': {
    expected: signedIn(201),
    send: async ({ t, as, article }) => {
      const { slug, commentId } = await article();
      return as(request(t.http).post(`/api/articles/${slug}/comments/${commentId}/report`)).send({
        report: { reason: 'rude' },
      });
    },
  },
  'get /api/reports': {
    expected: moderators(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/reports')),
  },
  'patch /api/reports/{id}': {
    expected: moderators(200),
    send: async ({ t, as, article }) => {
      const reporter = await registerUser(t);
      const filed = await request(t.http)
        .post(`/api/articles/${(await article()).slug}/report`)
        .set(...auth(reporter))
        .send({ report: { reason: 'spam' } })
        .expect(201);
      return as(request(t.http).patch(`/api/reports/${filed.body.report.id}`)).send({
        report: { status: 'dismissed' },
      });
    },
  },
  'get /api/admin/users': {
    expected: admins(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/admin/users')),
  },
  'patch /api/admin/users/{username}': {
    expected: admins(200),
    send: async ({ t, as }) => {
      const target = await registerUser(t);
      return as(request(t.http).patch(`/api/admin/users/${target.username}`)).send({
        user: { role: 'moderator' },
      });
    },
  },
  'get /api/admin/audit': {
    expected: admins(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/admin/audit')),
  },
  'get /api/tags': { expected: all(200), send: async ({ t, as }) => as(request(t.http).get('/api/tags')) },
  'get /api': { expected: all(200), send: async ({ t, as }) => as(request(t.http).get('/api')) },
  'get /api/health': {
    expected: all(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/health')),
  },
  'get /api/health/live': {
    expected: all(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/health/live')),
  },
  'get /api/health/ready': {
    expected: all(200),
    send: async ({ t, as }) => as(request(t.http).get('/api/health/ready')),
  },
  'get /metrics': { expected: all(200), send: async ({ t, as }) => as(request(t.http).get('/metrics')) },
};

async function signInAgain(
  t: TestApp,
  user: RegisteredUser,
): Promise<{ token: string; refreshToken: string }> {
  const res = await request(t.http)
    .post('/api/users/login')
    .send({ user: { email: user.email, password: user.password } })
    .expect(200);
  return res.body.user;
}

describe('Who may do what: every route × every role (e2e)', () => {
  let t: TestApp;
  const callers = {} as Record<Exclude<Caller, 'anonymous' | 'owner'>, RegisteredUser>;
  let ownerUser: RegisteredUser;

  beforeAll(async () => {
    t = await createTestApp();
    ownerUser = await registerUser(t);
    callers.user = await registerUser(t);
    callers.moderator = await registerUser(t);
    callers.admin = await registerUser(t);
    await giveRole(t, callers.moderator, 'moderator');
    await giveRole(t, callers.admin, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('should have a documented answer for every route the application declares', () => {
    const declared = declaredRoutes(t).map((route) => route.key);
    expect(Object.keys(CASES).sort()).toEqual([...new Set(declared)].sort());
  });

  it.each(Object.keys(CASES))('should answer %s as documented for each role', async (route) => {
    const answers = {} as Record<Caller, number>;
    for (const caller of CALLERS) {
      const user = caller === 'anonymous' ? undefined : caller === 'owner' ? ownerUser : callers[caller];
      const cell: Cell = {
        t,
        caller: user,
        owner: ownerUser,
        as: (test) => (user ? test.set(...auth(user)) : test),
        otherSession: () => signInAgain(t, user!),
        article: async () => {
          const { slug } = await createArticle(t, ownerUser);
          const { id } = await createComment(t, ownerUser, slug);
          return { slug, commentId: id };
        },
      };
      answers[caller] = (await CASES[route].send(cell)).status;
    }
    expect(answers).toEqual(CASES[route].expected);
  });
});
