import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import {
  ArticleBody,
  auth,
  createArticle,
  follow,
  RegisteredUser,
  registerUser,
  uniqueName,
} from '../support/factories';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface CommentBody {
  id: number;
  body: string;
  createdAt: string;
  updatedAt: string;
  author: { username: string; bio: string | null; image: string | null; following: boolean };
}

const commentsPath = (article: { slug: string }): string =>
  `/api/articles/${encodeURIComponent(article.slug)}/comments`;

describe('Comments (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function addComment(
    article: ArticleBody,
    author: RegisteredUser,
    body = 'A comment',
  ): Promise<CommentBody> {
    const res = await request(t.http)
      .post(commentsPath(article))
      .set(...auth(author))
      .send({ comment: { body } })
      .expect(201);
    return res.body.comment;
  }

  async function commentIds(article: ArticleBody): Promise<number[]> {
    const res = await request(t.http).get(commentsPath(article)).expect(200);
    return res.body.comments.map((c: CommentBody) => c.id);
  }

  async function commentRows(article: ArticleBody): Promise<number> {
    const [{ count }] = await t.dataSource.query(
      'SELECT COUNT(*) AS count FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = ?',
      [article.slug],
    );
    return Number(count);
  }

  describe('POST /api/articles/:slug/comments', () => {
    it('should answer 201 with the comment: integer id, ms timestamps and the author profile', async () => {
      const [author, commenter] = [await registerUser(t), await registerUser(t)];
      const article = await createArticle(t, author);
      const body = 'His name was my name too. 👋 Ünïcode';
      const res = await request(t.http)
        .post(commentsPath(article))
        .set(...auth(commenter))
        .send({ comment: { body, id: 12345, author: { username: author.username } } })
        .expect(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        comment: {
          id: expect.any(Number),
          body,
          createdAt: expect.stringMatching(ISO_MS),
          updatedAt: expect.stringMatching(ISO_MS),
          author: { username: commenter.username, bio: null, image: null, following: false },
        },
      });
      expect(Number.isInteger(res.body.comment.id)).toBe(true);
      expect(res.body.comment.id).not.toBe(12345);
      expect(res.body.comment.updatedAt).toBe(res.body.comment.createdAt);
      expect(await commentRows(article)).toBe(1);
    });

    it('should answer 422 "can\'t be blank" for a blank or missing body', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      for (const comment of [{ body: '' }, { body: '  \n ' }, {}]) {
        await request(t.http)
          .post(commentsPath(article))
          .set(...auth(author))
          .send({ comment })
          .expect(422, { errors: { body: ["can't be blank"] } });
      }
      await request(t.http)
        .post(commentsPath(article))
        .set(...auth(author))
        .send({})
        .expect(422, { errors: { comment: ["can't be blank"] } });
      expect(await commentRows(article)).toBe(0);
    });

    it('should answer 404 "article not found" for an unknown article', async () => {
      const user = await registerUser(t);
      await request(t.http)
        .post(commentsPath({ slug: uniqueName('unknown-slug') }))
        .set(...auth(user))
        .send({ comment: { body: 'orphan' } })
        .expect(404, { errors: { article: ['not found'] } });
    });

    it('should answer 401 "is missing" without a token', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      await request(t.http)
        .post(commentsPath(article))
        .send({ comment: { body: 'anonymous' } })
        .expect(401, { errors: { token: ['is missing'] } });
      expect(await commentRows(article)).toBe(0);
    });

    it('should store 20 concurrent comments as 20 rows with distinct ids', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      const commenters = await Promise.all(Array.from({ length: 4 }, () => registerUser(t)));
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(t.http)
            .post(commentsPath(article))
            .set(...auth(commenters[i % 4]))
            .send({ comment: { body: `comment ${i}` } }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(responses.map((r) => r.body.comment.body)).toEqual(
        Array.from({ length: 20 }, (_, i) => `comment ${i}`),
      );
      const ids = responses.map((r) => r.body.comment.id as number);
      expect(new Set(ids).size).toBe(20);
      expect(await commentRows(article)).toBe(20);
      expect((await commentIds(article)).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    });
  });

  describe('GET /api/articles/:slug/comments', () => {
    it('should list the comments newest first, to anonymous and signed-in callers', async () => {
      const [author, first, second] = [await registerUser(t), await registerUser(t), await registerUser(t)];
      const article = await createArticle(t, author);
      const older = await addComment(article, first, 'older');
      const newer = await addComment(article, second, 'newer');
      const anonymous = await request(t.http).get(commentsPath(article)).expect(200);
      expect(anonymous.body).toEqual({ comments: [newer, older] });
      const signedIn = await request(t.http)
        .get(commentsPath(article))
        .set(...auth(author))
        .expect(200);
      expect(signedIn.body).toEqual({ comments: [newer, older] });
    });

    it("should tell each viewer whether they follow a comment's author", async () => {
      const [author, commenter, fan] = [await registerUser(t), await registerUser(t), await registerUser(t)];
      const article = await createArticle(t, author);
      await addComment(article, commenter, 'by commenter');
      await addComment(article, author, 'by author');
      await follow(t, fan, commenter);
      const asFan = await request(t.http)
        .get(commentsPath(article))
        .set(...auth(fan))
        .expect(200);
      expect(asFan.body.comments.map((c: CommentBody) => [c.author.username, c.author.following])).toEqual([
        [author.username, false],
        [commenter.username, true],
      ]);
      const anonymous = await request(t.http).get(commentsPath(article)).expect(200);
      expect(anonymous.body.comments.map((c: CommentBody) => c.author.following)).toEqual([false, false]);
    });

    it('should list only the comments of that article', async () => {
      const author = await registerUser(t);
      const [mine, other] = [await createArticle(t, author), await createArticle(t, author)];
      const kept = await addComment(mine, author, 'mine');
      await addComment(other, author, 'other');
      expect(await commentIds(mine)).toEqual([kept.id]);
    });

    it('should answer an empty list for an article without comments', async () => {
      const article = await createArticle(t, await registerUser(t));
      await request(t.http).get(commentsPath(article)).expect(200, { comments: [] });
    });

    it('should answer 404 "article not found" for an unknown article', async () => {
      await request(t.http)
        .get(commentsPath({ slug: uniqueName('unknown-slug') }))
        .expect(404, { errors: { article: ['not found'] } });
    });
  });

  describe('DELETE /api/articles/:slug/comments/:id', () => {
    it('should delete your own comment with 204 and an empty body, leaving the others', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      const doomed = await addComment(article, author, 'doomed');
      const kept = await addComment(article, author, 'kept');
      const res = await request(t.http)
        .delete(`${commentsPath(article)}/${doomed.id}`)
        .set(...auth(author))
        .expect(204);
      expect(res.text).toBe('');
      expect(await commentIds(article)).toEqual([kept.id]);
      await request(t.http)
        .delete(`${commentsPath(article)}/${doomed.id}`)
        .set(...auth(author))
        .expect(404, { errors: { comment: ['not found'] } });
    });

    it('should answer 403 "comment forbidden" for another user\'s comment, even the article\'s author', async () => {
      const [author, commenter, stranger] = [
        await registerUser(t),
        await registerUser(t),
        await registerUser(t),
      ];
      const article = await createArticle(t, author);
      const comment = await addComment(article, commenter);
      for (const intruder of [stranger, author]) {
        await request(t.http)
          .delete(`${commentsPath(article)}/${comment.id}`)
          .set(...auth(intruder))
          .expect(403, { errors: { comment: ['forbidden'] } });
      }
      expect(await commentIds(article)).toEqual([comment.id]);
    });

    it('should answer 404 "comment not found" for an unknown or non-numeric id', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      const comment = await addComment(article, author);
      for (const id of [comment.id + 100000, 'abc', '1.5', '-1', '0']) {
        await request(t.http)
          .delete(`${commentsPath(article)}/${id}`)
          .set(...auth(author))
          .expect(404, { errors: { comment: ['not found'] } });
      }
      expect(await commentIds(article)).toEqual([comment.id]);
    });

    it("should answer 404 when deleting a comment through another article's slug", async () => {
      const author = await registerUser(t);
      const [home, elsewhere] = [await createArticle(t, author), await createArticle(t, author)];
      const comment = await addComment(home, author);
      await request(t.http)
        .delete(`${commentsPath(elsewhere)}/${comment.id}`)
        .set(...auth(author))
        .expect(404, { errors: { comment: ['not found'] } });
      expect(await commentIds(home)).toEqual([comment.id]);
    });

    it('should answer 404 "article not found" for an unknown article', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      const comment = await addComment(article, author);
      await request(t.http)
        .delete(`${commentsPath({ slug: uniqueName('unknown-slug') })}/${comment.id}`)
        .set(...auth(author))
        .expect(404, { errors: { article: ['not found'] } });
      expect(await commentIds(article)).toEqual([comment.id]);
    });

    it('should answer 401 "is missing" without a token and keep the comment', async () => {
      const author = await registerUser(t);
      const article = await createArticle(t, author);
      const comment = await addComment(article, author);
      await request(t.http)
        .delete(`${commentsPath(article)}/${comment.id}`)
        .expect(401, { errors: { token: ['is missing'] } });
      expect(await commentIds(article)).toEqual([comment.id]);
    });
  });
});
