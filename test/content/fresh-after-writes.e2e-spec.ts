import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { decodePayload } from '../support/jwt';
import {
  ArticleBody,
  auth,
  createArticle,
  createComment,
  favorite,
  follow,
  giveRole,
  registerUser,
  RegisteredUser,
  uniqueName,
} from '../support/factories';
import { enableMfa, mfaChallengeOf, totpCodeOf } from '../support/mfa';
import { declaredRoutes } from '../support/routes';
import { openTestRedis, testRedisAvailable } from '../support/test-redis';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Every write route, and what an anonymous reader (the cached kind) must see right after it. A write publishes
 * domain events and the content cache retires what they changed; a write path that forgot something fails here.
 * The route list is read from the application, so a new write route fails this spec until it has a case.
 */
interface Stage {
  author: RegisteredUser;
  reader: RegisteredUser;
  article: ArticleBody;
  /** The writer's side (the reader's side differs when two instances share a Redis cache). */
  write: TestApp;
  read: TestApp;
}

/** Reads every anonymous view of `article` twice, so each is served from the cache afterwards. */
async function warm(t: TestApp, article: ArticleBody, author: RegisteredUser): Promise<void> {
  const paths = [
    '/api/tags',
    '/api/articles?limit=5',
    `/api/articles?author=${encodeURIComponent(author.username)}`,
    `/api/articles/${article.slug}`,
    `/api/articles/${article.slug}/comments`,
  ];
  for (let round = 0; round < 2; round++) for (const path of paths) await request(t.http).get(path);
}

const anonymous = (t: TestApp, path: string) => request(t.http).get(path);

/** Answers `write` with `status` and checks that anonymous readers still see the article as before. */
async function unchangedAfter(
  { read, article }: Stage,
  write: () => request.Test,
  status: number,
): Promise<void> {
  const before = (await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body;
  await write().expect(status);
  expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body).toEqual(before);
}

/** A token as a mailed link carries it, stored for `user` the way Folio stores one (no mail server here). */
async function mailedToken(
  t: TestApp,
  user: RegisteredUser,
  purpose: string,
  email = user.email,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await t.dataSource.query(
    `INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at, used_at)
     VALUES (?, ?, ?, ?, '2020-01-01 00:00:00.000', '2999-01-01 00:00:00.000', NULL)`,
    [createHash('sha256').update(token).digest('hex'), decodePayload(user.token).sub, purpose, email],
  );
  return token;
}

/** A new session of `user`: its token and refresh token. */
const signIn = async (
  t: TestApp,
  user: { email: string; password: string },
): Promise<{ token: string; refreshToken: string }> =>
  (
    await request(t.http)
      .post('/api/users/login')
      .send({ user: { email: user.email, password: user.password } })
      .expect(200)
  ).body.user;

const feedOf = async (
  t: TestApp,
  user: RegisteredUser,
): Promise<{ articles: ArticleBody[]; articlesCount: number }> =>
  (
    await request(t.http)
      .get('/api/articles/feed')
      .set(...auth(user))
      .expect(200)
  ).body;

const CASES: Record<string, (stage: Stage) => Promise<void>> = {
  'post /api/users': async ({ write, read }) => {
    const username = uniqueName();
    await request(write.http)
      .post('/api/users')
      .send({ user: { username, email: `${username}@example.com`, password: 'password123' } })
      .expect(201);
    await anonymous(read, `/api/profiles/${username}`).expect(200);
  },
  'post /api/users/login': async ({ write, read, author, article }) => {
    const before = (await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body;
    await request(write.http)
      .post('/api/users/login')
      .send({ user: { email: author.email, password: author.password } })
      .expect(200);
    expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body).toEqual(before);
  },
  'post /api/auth/refresh': async ({ write, read, author, article }) => {
    const before = (await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body;
    await request(write.http)
      .post('/api/auth/refresh')
      .send({ refreshToken: (await signIn(write, author)).refreshToken })
      .expect(200);
    expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body).toEqual(before);
  },
  'post /api/auth/email-confirmation': async (stage) => {
    const token = await mailedToken(stage.write, stage.author, 'email-confirmation');
    await unchangedAfter(
      stage,
      () => request(stage.write.http).post('/api/auth/email-confirmation').send({ token }),
      204,
    );
  },
  'post /api/user/email-confirmation': async (stage) => {
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http)
          .post('/api/user/email-confirmation')
          .set(...auth(stage.author)),
      202,
    );
  },
  'post /api/auth/password-reset': async (stage) => {
    await unchangedAfter(
      stage,
      () => request(stage.write.http).post('/api/auth/password-reset').send({ email: stage.author.email }),
      202,
    );
  },
  'post /api/auth/password-reset/confirm': async (stage) => {
    const token = await mailedToken(stage.write, stage.author, 'password-reset');
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http)
          .post('/api/auth/password-reset/confirm')
          .send({ token, password: stage.author.password }),
      204,
    );
  },
  'post /api/articles/{slug}/report': async (stage) => {
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http)
          .post(`/api/articles/${stage.article.slug}/report`)
          .set(...auth(stage.reader))
          .send({ report: { reason: 'spam' } }),
      201,
    );
  },
  'post /api/articles/{slug}/comments/{id}/report': async (stage) => {
    const comment = await createComment(stage.write, stage.author, stage.article.slug);
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http)
          .post(`/api/articles/${stage.article.slug}/comments/${comment.id}/report`)
          .set(...auth(stage.reader))
          .send({ report: { reason: 'rude' } }),
      201,
    );
  },
  'patch /api/reports/{id}': async (stage) => {
    const filed = await request(stage.write.http)
      .post(`/api/articles/${stage.article.slug}/report`)
      .set(...auth(stage.reader))
      .send({ report: { reason: 'spam' } })
      .expect(201);
    const moderator = await registerUser(stage.write);
    await giveRole(stage.write, moderator, 'moderator');
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http)
          .patch(`/api/reports/${filed.body.report.id}`)
          .set(...auth(moderator))
          .send({ report: { status: 'dismissed' } }),
      200,
    );
  },
  'patch /api/admin/users/{username}': async (stage) => {
    const admin = await registerUser(stage.write);
    await giveRole(stage.write, admin, 'admin');
    // A suspended author's articles stay published: readers see the same article.
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http)
          .patch(`/api/admin/users/${stage.author.username}`)
          .set(...auth(admin))
          .send({ user: { suspended: true, role: 'moderator' } }),
      200,
    );
  },
  'post /api/user/mfa/totp': async (stage) => {
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http)
          .post('/api/user/mfa/totp')
          .set(...auth(stage.reader)),
      201,
    );
  },
  'post /api/user/mfa/totp/confirm': async (stage) => {
    const enrolment = await request(stage.write.http)
      .post('/api/user/mfa/totp')
      .set(...auth(stage.reader))
      .expect(201);
    const code = await totpCodeOf(enrolment.body.totp.secret);
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http)
          .post('/api/user/mfa/totp/confirm')
          .set(...auth(stage.reader))
          .send({ code }),
      200,
    );
  },
  'post /api/user/mfa/totp/disable': async (stage) => {
    const { recoveryCodes } = await enableMfa(stage.write, stage.reader);
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http)
          .post('/api/user/mfa/totp/disable')
          .set(...auth(stage.reader))
          .send({ password: stage.reader.password, code: recoveryCodes[0] }),
      204,
    );
  },
  'post /api/auth/mfa': async (stage) => {
    const { recoveryCodes } = await enableMfa(stage.write, stage.reader);
    const challenge = await mfaChallengeOf(stage.write, stage.reader);
    await unchangedAfter(
      stage,
      () =>
        request(stage.write.http).post('/api/auth/mfa').send({ challenge, recoveryCode: recoveryCodes[0] }),
      200,
    );
  },
  'post /api/auth/email-change/confirm': async (stage) => {
    const token = await mailedToken(
      stage.write,
      stage.author,
      'email-change',
      `${uniqueName('moved')}@example.com`,
    );
    await unchangedAfter(
      stage,
      () => request(stage.write.http).post('/api/auth/email-change/confirm').send({ token }),
      204,
    );
  },
  'post /api/auth/logout': async ({ write, read, author, article }) => {
    const before = (await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body;
    await request(write.http)
      .post('/api/auth/logout')
      .set(...auth(await signIn(write, author)))
      .expect(204);
    expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body).toEqual(before);
  },
  'delete /api/user/sessions': async ({ write, read, author, article }) => {
    const before = (await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body;
    await request(write.http)
      .delete('/api/user/sessions')
      .set(...auth(author))
      .expect(204);
    expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body).toEqual(before);
  },
  'delete /api/user/sessions/{id}': async ({ write, read, author, article }) => {
    const before = (await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body;
    const other = await signIn(write, author);
    await request(write.http)
      .delete(`/api/user/sessions/${String(decodePayload(other.token).sid)}`)
      .set(...auth(author))
      .expect(204);
    expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body).toEqual(before);
  },
  'put /api/user': async ({ write, read, author, article }) => {
    const bio = uniqueName('bio');
    await request(write.http)
      .put('/api/user')
      .set(...auth(author))
      .send({ user: { bio } })
      .expect(200);
    expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body.article.author.bio).toBe(
      bio,
    );
    const listed = (await anonymous(read, '/api/articles?limit=5').expect(200)).body.articles;
    expect(listed.find((a: ArticleBody) => a.slug === article.slug)?.author.bio).toBe(bio);
  },
  'post /api/profiles/{username}/follow': async ({ write, read, author, reader, article }) => {
    await request(write.http)
      .post(`/api/profiles/${author.username}/follow`)
      .set(...auth(reader))
      .expect(200);
    expect((await feedOf(read, reader)).articles.map((a) => a.slug)).toContain(article.slug);
    expect(
      (await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body.article.author.following,
    ).toBe(false);
  },
  'delete /api/profiles/{username}/follow': async ({ write, read, author, reader }) => {
    await follow(write, reader, author);
    await request(write.http)
      .delete(`/api/profiles/${author.username}/follow`)
      .set(...auth(reader))
      .expect(200);
    expect((await feedOf(read, reader)).articlesCount).toBe(0);
  },
  'post /api/articles': async ({ write, read, author }) => {
    const before = (await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount;
    const tag = uniqueName('tag').toLowerCase();
    const created = await createArticle(write, author, { tagList: [tag] });
    const list = (await anonymous(read, '/api/articles?limit=1').expect(200)).body;
    expect(list).toEqual({
      articles: [expect.objectContaining({ slug: created.slug })],
      articlesCount: before + 1,
    });
    expect((await anonymous(read, '/api/tags').expect(200)).body.tags).toContain(tag);
  },
  'put /api/articles/{slug}': async ({ write, read, author, article }) => {
    const title = uniqueName('Renamed');
    const updated = await request(write.http)
      .put(`/api/articles/${article.slug}`)
      .set(...auth(author))
      .send({ article: { title, body: 'a new body' } })
      .expect(200);
    const slug = updated.body.article.slug as string;
    await anonymous(read, `/api/articles/${article.slug}`).expect(404);
    expect((await anonymous(read, `/api/articles/${slug}`).expect(200)).body.article.body).toBe('a new body');
    expect((await anonymous(read, '/api/articles?limit=5').expect(200)).body.articles[0].title).toBe(title);
    // Unpublished: gone for anonymous readers at once, from the article, its comments and every list.
    const total = (await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount;
    await request(write.http)
      .put(`/api/articles/${slug}`)
      .set(...auth(author))
      .send({ article: { status: 'unpublished' } })
      .expect(200);
    await anonymous(read, `/api/articles/${slug}`).expect(404);
    await anonymous(read, `/api/articles/${slug}/comments`).expect(404);
    expect((await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount).toBe(total - 1);
  },
  'delete /api/articles/{slug}': async ({ write, read, author, article }) => {
    const before = (await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount;
    await request(write.http)
      .delete(`/api/articles/${article.slug}`)
      .set(...auth(author))
      .expect(204);
    await anonymous(read, `/api/articles/${article.slug}`).expect(404);
    await anonymous(read, `/api/articles/${article.slug}/comments`).expect(404);
    expect((await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount).toBe(before - 1);
  },
  'post /api/articles/{slug}/revisions/{id}/restore': async ({ write, read, author, article }) => {
    await request(write.http)
      .put(`/api/articles/${article.slug}`)
      .set(...auth(author))
      .send({ article: { body: 'a later body' } })
      .expect(200);
    expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body.article.body).toBe(
      'a later body',
    );
    const revisions = await request(write.http)
      .get(`/api/articles/${article.slug}/revisions`)
      .set(...auth(author))
      .expect(200);
    await request(write.http)
      .post(`/api/articles/${article.slug}/revisions/${revisions.body.revisions[0].id}/restore`)
      .set(...auth(author))
      .expect(200);
    expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body.article.body).toBe(
      article.body,
    );
  },
  'post /api/articles/{slug}/favorite': async ({ write, read, reader, article, author }) => {
    await favorite(write, reader, article);
    expect(
      (await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body.article.favoritesCount,
    ).toBe(1);
    const listed = (await anonymous(read, `/api/articles?author=${author.username}`).expect(200)).body
      .articles;
    expect(listed.find((a: ArticleBody) => a.slug === article.slug)?.favoritesCount).toBe(1);
  },
  'delete /api/articles/{slug}/favorite': async ({ write, read, reader, article }) => {
    await favorite(write, reader, article);
    await anonymous(read, `/api/articles/${article.slug}`).expect(200);
    await request(write.http)
      .delete(`/api/articles/${article.slug}/favorite`)
      .set(...auth(reader))
      .expect(200);
    expect(
      (await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body.article.favoritesCount,
    ).toBe(0);
  },
  'post /api/articles/{slug}/comments': async ({ write, read, reader, article }) => {
    await request(write.http)
      .post(`/api/articles/${article.slug}/comments`)
      .set(...auth(reader))
      .send({ comment: { body: 'first!' } })
      .expect(201);
    const { comments } = (await anonymous(read, `/api/articles/${article.slug}/comments`).expect(200)).body;
    expect(comments.map((comment: { body: string }) => comment.body)).toEqual(['first!']);
  },
  'delete /api/articles/{slug}/comments/{id}': async ({ write, read, reader, article }) => {
    const { body } = await request(write.http)
      .post(`/api/articles/${article.slug}/comments`)
      .set(...auth(reader))
      .send({ comment: { body: 'short-lived' } })
      .expect(201);
    await anonymous(read, `/api/articles/${article.slug}/comments`).expect(200);
    await request(write.http)
      .delete(`/api/articles/${article.slug}/comments/${body.comment.id}`)
      .set(...auth(reader))
      .expect(204);
    expect(
      (await anonymous(read, `/api/articles/${article.slug}/comments`).expect(200)).body.comments,
    ).toEqual([]);
  },
  'post /api/articles/{slug}/comments/{id}/restore': async ({ write, read, reader, article }) => {
    const { body } = await request(write.http)
      .post(`/api/articles/${article.slug}/comments`)
      .set(...auth(reader))
      .send({ comment: { body: 'back again' } })
      .expect(201);
    await request(write.http)
      .delete(`/api/articles/${article.slug}/comments/${body.comment.id}`)
      .set(...auth(reader))
      .expect(204);
    expect(
      (await anonymous(read, `/api/articles/${article.slug}/comments`).expect(200)).body.comments,
    ).toEqual([]);
    await request(write.http)
      .post(`/api/articles/${article.slug}/comments/${body.comment.id}/restore`)
      .set(...auth(reader))
      .expect(200);
    expect(
      (await anonymous(read, `/api/articles/${article.slug}/comments`).expect(200)).body.comments,
    ).toEqual([expect.objectContaining({ id: body.comment.id, body: 'back again' })]);
  },
  'delete /api/user': async ({ write, read }) => {
    const leaver = await registerUser(write);
    const article = await createArticle(write, leaver);
    const before = (await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount;
    await anonymous(read, `/api/articles/${article.slug}`).expect(200);
    await anonymous(read, `/api/profiles/${leaver.username}`).expect(200);
    await request(write.http)
      .delete('/api/user')
      .set(...auth(leaver))
      .send({ user: { password: leaver.password } })
      .expect(204);
    await anonymous(read, `/api/articles/${article.slug}`).expect(404);
    await anonymous(read, `/api/profiles/${leaver.username}`).expect(404);
    expect((await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount).toBe(before - 1);
  },
  'post /api/articles/{slug}/restore': async ({ write, read, author, article }) => {
    const before = (await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount;
    await request(write.http)
      .delete(`/api/articles/${article.slug}`)
      .set(...auth(author))
      .expect(204);
    await anonymous(read, `/api/articles/${article.slug}`).expect(404);
    expect((await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount).toBe(before - 1);
    await request(write.http)
      .post(`/api/articles/${article.slug}/restore`)
      .set(...auth(author))
      .expect(200);
    expect((await anonymous(read, `/api/articles/${article.slug}`).expect(200)).body.article.slug).toBe(
      article.slug,
    );
    expect((await anonymous(read, '/api/articles?limit=1').expect(200)).body.articlesCount).toBe(before);
  },
};

function describeStore(
  name: string,
  open: () => Promise<{ write: TestApp; read: TestApp; stop?: () => Promise<void> }>,
): void {
  describe(name, () => {
    let apps: { write: TestApp; read: TestApp; stop?: () => Promise<void> };

    beforeAll(async () => {
      apps = await open();
    });
    afterAll(async () => {
      await apps.write.close();
      if (apps.read !== apps.write) await apps.read.close();
      await apps.stop?.();
    });

    it('should have a case for every write route the application declares', () => {
      const writes = declaredRoutes(apps.write)
        .filter((route) => route.method !== 'get')
        .map((route) => route.key);
      expect(writes.length).toBeGreaterThan(10);
      expect(Object.keys(CASES).sort()).toEqual(writes.sort());
    });

    it.each(Object.keys(CASES))('should answer fresh cached reads after %s', async (route) => {
      const author = await registerUser(apps.write);
      const reader = await registerUser(apps.write);
      const article = await createArticle(apps.write, author, { tagList: [uniqueName('t').toLowerCase()] });
      await warm(apps.read, article, author);
      await CASES[route]({ ...apps, author, reader, article });
    });
  });
}

describeStore('with the in-process cache', async () => {
  const t = await createTestApp({ CACHE_ENABLED: 'true' });
  return { write: t, read: t };
});

if (testRedisAvailable())
  describeStore('with the Redis cache, writing on one instance and reading on another', async () => {
    const redis = await openTestRedis();
    const env = { CACHE_ENABLED: 'true', ...redis.env };
    const write = await createTestApp(env);
    const read = await createTestApp({ ...env, DATABASE_URL: process.env.DATABASE_URL! });
    return { write, read, stop: () => redis.close() };
  });
else
  process.stderr.write(
    'skipped: fresh reads with the Redis cache — needs TEST_REDIS_URL or redis-server installed\n',
  );
