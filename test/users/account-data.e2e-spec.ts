import request from 'supertest';
import { counterDrift } from '../support/counters';
import {
  auth,
  createArticle,
  createComment,
  favorite,
  follow,
  registerUser,
  RegisteredUser,
} from '../support/factories';
import { enableMfa } from '../support/mfa';
import { createTestApp, TestApp } from '../support/test-app';

describe('Your data: export and account deletion (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const closeAccount = (user: RegisteredUser, fields: object): request.Test =>
    request(t.http)
      .delete('/api/user')
      .set(...auth(user))
      .send({ user: fields });

  async function idOf(user: RegisteredUser): Promise<number | null> {
    const [row] = await t.dataSource.query('SELECT id FROM users WHERE username = ?', [user.username]);
    return row ? Number(row.id) : null;
  }

  describe('GET /api/user/export', () => {
    it('should return everything about a user with 100 articles, complete, in under a second', async () => {
      const [writer, fan, followed] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
      const slugs: string[] = [];
      for (let n = 0; n < 100; n++) {
        const status = n % 10 === 0 ? 'draft' : undefined;
        slugs.push((await createArticle(t, writer, { tagList: [`tag${n % 7}`, 'export'], status })).slug);
      }
      for (const slug of slugs.slice(1, 6))
        await request(t.http)
          .put(`/api/articles/${slug}`)
          .set(...auth(writer))
          .send({ article: { body: 'Second version' } })
          .expect(200);
      await request(t.http)
        .delete(`/api/articles/${slugs[99]}`)
        .set(...auth(writer))
        .expect(204);
      const elsewhere = await createArticle(t, followed);
      await createComment(t, writer, elsewhere.slug, 'A comment of mine');
      await favorite(t, writer, elsewhere);
      await favorite(t, fan, { slug: slugs[1] });
      await follow(t, writer, followed);
      await follow(t, fan, writer);

      const started = performance.now();
      const res = await request(t.http)
        .get('/api/user/export')
        .set(...auth(writer))
        .expect(200);
      const elapsedMs = performance.now() - started;
      expect(elapsedMs).toBeLessThan(1000);

      const data = res.body.export;
      expect(data.account).toMatchObject({
        username: writer.username,
        email: writer.email,
        role: 'user',
        twoFactorEnabled: false,
      });
      expect(data.articles.map((a: { slug: string }) => a.slug)).toEqual(slugs);
      expect(data.articles[0]).toMatchObject({
        status: 'draft',
        publishedAt: null,
        tagList: ['tag0', 'export'],
      });
      expect(data.articles[1]).toMatchObject({
        status: 'published',
        body: 'Second version',
        favoritesCount: 1,
        revisions: [
          expect.objectContaining({ body: 'A body', tagList: ['tag1', 'export'], editor: writer.username }),
        ],
      });
      expect(data.articles[99].deletedAt).toEqual(expect.any(String));
      expect(data.articles.filter((a: { revisions: unknown[] }) => a.revisions.length > 0)).toHaveLength(5);
      expect(data.comments).toEqual([
        expect.objectContaining({ article: elsewhere.slug, body: 'A comment of mine', deletedAt: null }),
      ]);
      expect(data.favorites).toEqual([expect.objectContaining({ article: elsewhere.slug })]);
      expect(data.following).toEqual([expect.objectContaining({ username: followed.username })]);
      expect(data.followers).toEqual([expect.objectContaining({ username: fan.username })]);
      expect(data.sessions).toEqual([expect.objectContaining({ revokedAt: null })]);
      const text = JSON.stringify(data);
      for (const secret of ['password', writer.token, 'hash', 'refresh'])
        expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    });

    it('should answer 401 without a token', async () => {
      await request(t.http).get('/api/user/export').expect(401);
    });
  });

  describe('DELETE /api/user', () => {
    it('should delete the account and everything it owns, keep every counter exact, and free its e-mail', async () => {
      const [leaver, other] = await Promise.all([registerUser(t), registerUser(t)]);
      const own = await createArticle(t, leaver, { tagList: ['leaving', 'shared-by-both'] });
      await createArticle(t, leaver, { status: 'draft', tagList: ['leaving'] });
      const trashed = await createArticle(t, leaver, { tagList: ['leaving'] });
      await request(t.http)
        .delete(`/api/articles/${trashed.slug}`)
        .set(...auth(leaver))
        .expect(204);
      const kept = await createArticle(t, other, { tagList: ['shared-by-both'] });
      await favorite(t, leaver, kept);
      await favorite(t, other, own);
      await createComment(t, leaver, kept.slug, 'Goodbye');
      await createComment(t, other, own.slug, 'Hello');
      await follow(t, leaver, other);
      await follow(t, other, leaver);
      const total = (await request(t.http).get('/api/articles?limit=1').expect(200)).body.articlesCount;
      const id = await idOf(leaver);

      await closeAccount(leaver, { password: 'not-the-password' }).expect(422, {
        errors: { password: ['is wrong'] },
      });
      await closeAccount(leaver, {}).expect(422);
      expect(await idOf(leaver)).toBe(id);

      await closeAccount(leaver, { password: leaver.password }).expect(204);

      expect(await idOf(leaver)).toBeNull();
      await request(t.http)
        .get('/api/user')
        .set(...auth(leaver))
        .expect(401);
      await request(t.http)
        .post('/api/users/login')
        .send({ user: { email: leaver.email, password: leaver.password } })
        .expect(401);
      await request(t.http).get(`/api/profiles/${leaver.username}`).expect(404);
      await request(t.http).get(`/api/articles/${own.slug}`).expect(404);
      const keptNow = (await request(t.http).get(`/api/articles/${kept.slug}`).expect(200)).body.article;
      expect(keptNow.favoritesCount).toBe(0);
      const comments = (await request(t.http).get(`/api/articles/${kept.slug}/comments`).expect(200)).body;
      expect(comments.comments).toEqual([]);
      expect((await request(t.http).get('/api/articles?limit=1').expect(200)).body.articlesCount).toBe(
        total - 1,
      );
      expect((await request(t.http).get('/api/tags').expect(200)).body.tags).not.toContain('leaving');
      for (const [table, column] of [
        ['articles', 'author_id'],
        ['comments', 'author_id'],
        ['favorites', 'user_id'],
        ['follows', 'follower_id'],
        ['follows', 'following_id'],
        ['sessions', 'user_id'],
      ])
        expect(await t.dataSource.query(`SELECT * FROM ${table} WHERE ${column} = ?`, [id])).toEqual([]);
      expect(await counterDrift(t.dataSource)).toEqual({});
      const audit = await t.dataSource.query("SELECT actor_id FROM audit_events WHERE type = 'user.deleted'");
      expect(audit.map((row: { actor_id: number }) => Number(row.actor_id))).toContain(id);

      const again = await registerUser(t, { email: leaver.email, username: leaver.username });
      expect(again.email).toBe(leaver.email);
    });

    it('should ask for a second-factor code while two-factor sign-in is on', async () => {
      const user = await registerUser(t);
      const { recoveryCodes } = await enableMfa(t, user);
      await closeAccount(user, { password: user.password }).expect(403, {
        errors: { mfaCode: ['is required: two-factor sign-in is on for this account'] },
      });
      await closeAccount(user, { password: user.password, mfaCode: '000000' }).expect(403, {
        errors: { mfaCode: ['is invalid'] },
      });
      expect(await idOf(user)).not.toBeNull();
      await closeAccount(user, { password: user.password, mfaCode: recoveryCodes[0] }).expect(204);
      expect(await idOf(user)).toBeNull();
    });

    it('should keep counters exact when other users favorite and comment while the account goes', async () => {
      const leaver = await registerUser(t);
      const fans = await Promise.all(Array.from({ length: 8 }, () => registerUser(t)));
      const articles = await Promise.all(
        Array.from({ length: 4 }, () => createArticle(t, leaver, { tagList: ['racing-close'] })),
      );
      const writes = fans.flatMap((fan, i) => [
        request(t.http)
          .post(`/api/articles/${articles[i % 4].slug}/favorite`)
          .set(...auth(fan))
          .then((r) => r.status),
        request(t.http)
          .post(`/api/articles/${articles[i % 4].slug}/comments`)
          .set(...auth(fan))
          .send({ comment: { body: 'racing' } })
          .then((r) => r.status),
      ]);
      const [closed, ...statuses] = await Promise.all([
        closeAccount(leaver, { password: leaver.password }).then((r) => r.status),
        ...writes,
      ]);
      expect(closed).toBe(204);
      expect(statuses.every((status) => [200, 201, 404].includes(status))).toBe(true);
      expect(await counterDrift(t.dataSource)).toEqual({});
    });
  });
});
