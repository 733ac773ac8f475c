import request from 'supertest';
import { Database } from '../../src/database/database.service';
import { auth, createArticle, registerUser, RegisteredUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { testEngine } from '../support/test-database';

const WRITERS = 8;
const HELD_OPEN_MS = 400;

describe(`No acknowledged write is lost on ${testEngine()} (e2e)`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("should store every write acknowledged while another request's transaction is open and then rolls back", async () => {
    const author = await registerUser(t);
    const article = await createArticle(t, author);
    const writers: RegisteredUser[] = [];
    for (let i = 0; i < WRITERS; i++) writers.push(await registerUser(t));

    // A transaction like any multi-statement write: it writes, stays open while other requests arrive, then fails.
    const db = t.app.get(Database);
    let began!: () => void;
    const open = new Promise<void>((resolve) => (began = resolve));
    const rolledBack = db.transaction(async (tx) => {
      await tx.execute('UPDATE users SET bio = ? WHERE username = ?', ['never stored', author.username]);
      began();
      await new Promise((resolve) => setTimeout(resolve, HELD_OPEN_MS));
      throw new Error('rolled back on purpose');
    });
    await open;

    // Single-statement writes of other requests, sent while that transaction is open.
    const answers = await Promise.all(
      writers.flatMap((writer, i) => [
        request(t.http)
          .post(`/api/profiles/${author.username}/follow`)
          .set(...auth(writer)),
        request(t.http)
          .post(`/api/articles/${article.slug}/favorite`)
          .set(...auth(writer)),
        request(t.http)
          .put('/api/user')
          .set(...auth(writer))
          .send({ user: { bio: `writer ${i}` } }),
      ]),
    );
    await expect(rolledBack).rejects.toThrow('rolled back on purpose');
    expect(answers.map((res) => res.status)).toEqual(answers.map(() => 200));

    // Every acknowledged write is stored; the rolled-back one is not.
    expect(
      (await request(t.http).get(`/api/profiles/${author.username}`).expect(200)).body.profile.bio,
    ).toBeNull();
    const stored = await request(t.http).get(`/api/articles/${article.slug}`).expect(200);
    expect(stored.body.article.favoritesCount).toBe(WRITERS);
    for (const [i, writer] of writers.entries()) {
      const profile = await request(t.http)
        .get(`/api/profiles/${author.username}`)
        .set(...auth(writer))
        .expect(200);
      expect(profile.body.profile.following).toBe(true);
      const me = await request(t.http)
        .get('/api/user')
        .set(...auth(writer))
        .expect(200);
      expect(me.body.user.bio).toBe(`writer ${i}`);
    }
  });
});
