import request from 'supertest';
import { counterDrift } from '../support/counters';
import {
  ArticleBody,
  auth,
  createArticle,
  createComment,
  favorite,
  giveRole,
  registerUser,
  RegisteredUser,
  uniqueName,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const ARTICLE_NOT_FOUND = { errors: { article: ['not found'] } };
const NOT_IN_TRASH = { errors: { article: ['is not in the trash'] } };

interface TrashItem {
  type: 'article' | 'comment';
  id: number;
  slug: string;
  body: string | null;
  deletedAt: string;
  purgeAt: string;
  removedByModerator: boolean;
  restorable: boolean;
}

describe('Trash: deleted articles and comments, restore and purge (e2e)', () => {
  let t: TestApp;
  let author: RegisteredUser;
  let reader: RegisteredUser;
  let moderator: RegisteredUser;

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'true', JOBS_POLL_INTERVAL_MS: '50' });
    [author, reader, moderator] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    await giveRole(t, moderator, 'moderator');
  });
  afterAll(() => t.close());

  const get = (path: string, user?: RegisteredUser): request.Test => {
    const req = request(t.http).get(path);
    return user ? req.set(...auth(user)) : req;
  };
  const remove = (path: string, user: RegisteredUser): request.Test =>
    request(t.http)
      .delete(path)
      .set(...auth(user));
  const restore = (path: string, user: RegisteredUser): request.Test =>
    request(t.http)
      .post(`${path}/restore`)
      .set(...auth(user));
  const trashOf = async (user: RegisteredUser): Promise<TrashItem[]> =>
    (await get('/api/user/trash?limit=100', user).expect(200)).body.trash;
  const slugsOf = async (path: string, user?: RegisteredUser): Promise<string[]> =>
    (await get(path, user).expect(200)).body.articles.map((a: ArticleBody) => a.slug);

  /** An article with a tag, two comments and a favorite, as it reads for `reader`. */
  async function livelyArticle(): Promise<{ article: ArticleBody; tag: string; commentIds: number[] }> {
    const tag = uniqueName('trash-tag').toLowerCase();
    const { slug } = await createArticle(t, author, { tagList: [tag, 'trash-common'] });
    const commentIds = [
      (await createComment(t, reader, slug, 'First')).id,
      (await createComment(t, author, slug, 'Second')).id,
    ];
    await favorite(t, reader, { slug });
    const article = (await get(`/api/articles/${slug}`, reader).expect(200)).body.article;
    return { article, tag, commentIds };
  }

  describe('an article', () => {
    it('should leave every list, count and route when deleted, and come back exactly as it was when restored', async () => {
      const { article, tag, commentIds } = await livelyArticle();
      const comments = (await get(`/api/articles/${article.slug}/comments`, reader).expect(200)).body;
      const total = (await get('/api/articles').expect(200)).body.articlesCount;

      await remove(`/api/articles/${article.slug}`, author).expect(204);

      for (const viewer of [undefined, reader, author]) {
        await get(`/api/articles/${article.slug}`, viewer).expect(404, ARTICLE_NOT_FOUND);
        await get(`/api/articles/${article.slug}/comments`, viewer).expect(404, ARTICLE_NOT_FOUND);
        expect(await slugsOf(`/api/articles?tag=${tag}`, viewer)).toEqual([]);
        expect(await slugsOf(`/api/articles?favorited=${reader.username}&limit=100`, viewer)).not.toContain(
          article.slug,
        );
      }
      expect(await slugsOf('/api/user/articles?limit=100', author)).not.toContain(article.slug);
      expect((await get('/api/tags').expect(200)).body.tags).not.toContain(tag);
      expect((await get('/api/articles').expect(200)).body.articlesCount).toBe(total - 1);
      for (const write of [
        request(t.http).post(`/api/articles/${article.slug}/favorite`),
        request(t.http)
          .post(`/api/articles/${article.slug}/comments`)
          .send({ comment: { body: 'Late' } }),
        request(t.http)
          .put(`/api/articles/${article.slug}`)
          .send({ article: { body: 'Edited in the trash' } }),
        request(t.http).delete(`/api/articles/${article.slug}`),
        request(t.http).delete(`/api/articles/${article.slug}/comments/${commentIds[0]}`),
      ])
        await write.set(...auth(author)).expect(404, ARTICLE_NOT_FOUND);
      expect(await counterDrift(t.dataSource)).toEqual({});

      const [item] = (await trashOf(author)).filter((entry) => entry.slug === article.slug);
      expect(item).toMatchObject({
        type: 'article',
        body: null,
        removedByModerator: false,
        restorable: true,
      });
      expect(Date.parse(item.purgeAt) - Date.parse(item.deletedAt)).toBe(30 * 86_400_000);

      const restored = await restore(`/api/articles/${article.slug}`, author).expect(200);
      expect(restored.body.article).toEqual({ ...article, favorited: false });
      expect((await get(`/api/articles/${article.slug}`, reader).expect(200)).body.article).toEqual(article);
      expect((await get(`/api/articles/${article.slug}/comments`, reader).expect(200)).body).toEqual(
        comments,
      );
      expect(await slugsOf(`/api/articles?tag=${tag}`)).toEqual([article.slug]);
      expect(await slugsOf(`/api/articles?favorited=${reader.username}&limit=100`)).toContain(article.slug);
      expect((await get('/api/tags').expect(200)).body.tags).toContain(tag);
      expect((await get('/api/articles').expect(200)).body.articlesCount).toBe(total);
      expect((await trashOf(author)).map((entry) => entry.slug)).not.toContain(article.slug);
      expect(await counterDrift(t.dataSource)).toEqual({});

      await restore(`/api/articles/${article.slug}`, author).expect(409, NOT_IN_TRASH);
    });

    it('should keep its slug taken while it is in the trash', async () => {
      const title = uniqueName('Reserved title');
      const first = await createArticle(t, author, { title });
      await remove(`/api/articles/${first.slug}`, author).expect(204);
      const second = await createArticle(t, author, { title });
      expect(second.slug).not.toBe(first.slug);
      await restore(`/api/articles/${first.slug}`, author).expect(200);
      expect((await get(`/api/articles/${first.slug}`).expect(200)).body.article.title).toBe(title);
    });

    it('should let only a moderator restore what a moderator removed, and audit both moves', async () => {
      const { slug } = await createArticle(t, author);
      await remove(`/api/articles/${slug}`, moderator).expect(204);

      const [item] = (await trashOf(author)).filter((entry) => entry.slug === slug);
      expect(item).toMatchObject({ removedByModerator: true, restorable: false });
      await restore(`/api/articles/${slug}`, author).expect(403, {
        errors: { article: ['was removed by a moderator, who alone can restore it'] },
      });
      await restore(`/api/articles/${slug}`, reader).expect(404, ARTICLE_NOT_FOUND);
      await restore(`/api/articles/${slug}`, moderator).expect(200);
      await get(`/api/articles/${slug}`).expect(200);

      const audit: { type: string }[] = await t.dataSource.query(
        "SELECT type FROM audit_events WHERE target_type = 'article' AND target_id = ? ORDER BY id",
        [slug],
      );
      expect(audit.map((event) => event.type)).toEqual(['content.removed', 'content.restored']);
    });

    it('should answer 404 to restoring an article that never existed', async () => {
      await restore('/api/articles/no-such-article-anywhere', moderator).expect(404, ARTICLE_NOT_FOUND);
    });

    it('should hold a publication that falls due in the trash, and make it on restore', async () => {
      const publishAt = new Date(Date.now() + 800).toISOString();
      const { slug } = await createArticle(t, author, { status: 'scheduled', publishAt });
      await remove(`/api/articles/${slug}`, author).expect(204);
      await waitFor(
        async () => {
          const [job] = await t.dataSource.query('SELECT status FROM jobs WHERE dedupe_key LIKE ?', [
            `article.publish:${await articleId(slug)}:%`,
          ]);
          return job?.status === 'done';
        },
        10_000,
        'the publication job to run',
      );
      const [stored] = await t.dataSource.query('SELECT status, listed_at FROM articles WHERE slug = ?', [
        slug,
      ]);
      expect(stored).toMatchObject({ status: 'scheduled', listed_at: null });

      const restored = (await restore(`/api/articles/${slug}`, author).expect(200)).body.article;
      expect(restored).toMatchObject({ status: 'published', publishedAt: publishAt });
      expect(await slugsOf(`/api/articles?author=${author.username}&limit=100`)).toContain(slug);
      expect(await counterDrift(t.dataSource)).toEqual({});
    });

    it('should end 20 racing deletes and restores of one article in one state, with exact counters', async () => {
      const { article } = await livelyArticle();
      const path = `/api/articles/${article.slug}`;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0 ? remove(path, author).then((r) => r) : restore(path, author).then((r) => r),
        ),
      );
      const deletes = answers.filter((_, i) => i % 2 === 0).map((r) => r.status);
      const restores = answers.filter((_, i) => i % 2 === 1).map((r) => r.status);
      expect(deletes.every((status) => status === 204 || status === 404)).toBe(true);
      expect(restores.every((status) => status === 200 || status === 409)).toBe(true);
      // Each success moved it across once, starting outside the trash: where it ends follows from the count.
      const moves = deletes.filter((s) => s === 204).length - restores.filter((s) => s === 200).length;
      expect([0, 1]).toContain(moves);
      await get(path).expect(moves === 1 ? 404 : 200);
      const [row] = await t.dataSource.query('SELECT deleted_at FROM articles WHERE slug = ?', [
        article.slug,
      ]);
      expect(row.deleted_at === null).toBe(moves === 0);
      expect(await counterDrift(t.dataSource)).toEqual({});
      if (moves === 1) await restore(path, author).expect(200);
      expect((await get(path, reader).expect(200)).body.article).toEqual(article);
    });
  });

  describe('a comment', () => {
    it('should leave its article when deleted and come back when restored', async () => {
      const { slug } = await createArticle(t, author);
      const comment = await createComment(t, reader, slug, 'Kept for later');
      const before = (await get(`/api/articles/${slug}/comments`).expect(200)).body;

      await remove(`/api/articles/${slug}/comments/${comment.id}`, reader).expect(204);
      expect((await get(`/api/articles/${slug}/comments`).expect(200)).body.comments).toEqual([]);
      await remove(`/api/articles/${slug}/comments/${comment.id}`, reader).expect(404);
      const [item] = (await trashOf(reader)).filter(
        (entry) => entry.type === 'comment' && entry.id === comment.id,
      );
      expect(item).toMatchObject({
        slug,
        body: 'Kept for later',
        removedByModerator: false,
        restorable: true,
      });

      await restore(`/api/articles/${slug}/comments/${comment.id}`, author).expect(404);
      const restored = await restore(`/api/articles/${slug}/comments/${comment.id}`, reader).expect(200);
      expect(restored.body.comment).toEqual(before.comments[0]);
      expect((await get(`/api/articles/${slug}/comments`).expect(200)).body).toEqual(before);
      await restore(`/api/articles/${slug}/comments/${comment.id}`, reader).expect(409, {
        errors: { comment: ['is not in the trash'] },
      });
    });

    it('should let only a moderator restore a comment a moderator removed', async () => {
      const { slug } = await createArticle(t, author);
      const comment = await createComment(t, reader, slug);
      await remove(`/api/articles/${slug}/comments/${comment.id}`, moderator).expect(204);
      await restore(`/api/articles/${slug}/comments/${comment.id}`, reader).expect(403, {
        errors: { comment: ['was removed by a moderator, who alone can restore it'] },
      });
      await restore(`/api/articles/${slug}/comments/${comment.id}`, moderator).expect(200);
    });
  });

  it('should page the trash newest deletion first, with its total', async () => {
    const owner = await registerUser(t);
    const { slug } = await createArticle(t, owner);
    const first = await createArticle(t, owner);
    const comment = await createComment(t, owner, slug);
    await remove(`/api/articles/${first.slug}`, owner).expect(204);
    await remove(`/api/articles/${slug}/comments/${comment.id}`, owner).expect(204);
    const page = (await get('/api/user/trash?limit=1', owner).expect(200)).body;
    expect(page.trashCount).toBe(2);
    expect(page.trash).toEqual([expect.objectContaining({ type: 'comment', id: comment.id })]);
    const next = (await get('/api/user/trash?limit=1&offset=1', owner).expect(200)).body;
    expect(next.trash).toEqual([expect.objectContaining({ type: 'article', slug: first.slug })]);
    await get('/api/user/trash').expect(401);
  });

  async function articleId(slug: string): Promise<number> {
    const [row] = await t.dataSource.query('SELECT id FROM articles WHERE slug = ?', [slug]);
    return Number(row.id);
  }
});

describe('Trash purge (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'true', JOBS_POLL_INTERVAL_MS: '50', TRASH_RETENTION: '2s' });
  });
  afterAll(() => t.close());

  it('should purge trash older than the retention for good: restore is 404 after it, the slug free again', async () => {
    const author = await registerUser(t);
    const reader = await registerUser(t);
    const title = uniqueName('Purged title');
    const { slug } = await createArticle(t, author, { title, tagList: ['purged'] });
    await createComment(t, reader, slug);
    await favorite(t, reader, { slug });
    const kept = await createArticle(t, author);
    const comment = await createComment(t, reader, kept.slug, 'Deleted alone');
    await request(t.http)
      .delete(`/api/articles/${slug}`)
      .set(...auth(author))
      .expect(204);
    await request(t.http)
      .delete(`/api/articles/${kept.slug}/comments/${comment.id}`)
      .set(...auth(reader))
      .expect(204);

    await waitFor(
      async () => {
        const [row] = await t.dataSource.query(
          'SELECT (SELECT COUNT(*) FROM articles WHERE slug = ?) + (SELECT COUNT(*) FROM comments WHERE id = ?) AS n',
          [slug, comment.id],
        );
        return Number(row.n) === 0;
      },
      15_000,
      'the purge',
    );
    const searchId = t.dataSource.options.type === 'better-sqlite3' ? 'rowid' : 'article_id';
    expect(
      await t.dataSource.query(
        `SELECT * FROM article_search s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.${searchId})`,
      ),
    ).toEqual([]);
    for (const table of ['comments', 'favorites', 'article_tags', 'article_revisions'])
      expect(
        await t.dataSource.query(
          `SELECT * FROM ${table} c WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id)`,
        ),
      ).toEqual([]);
    await request(t.http)
      .post(`/api/articles/${slug}/restore`)
      .set(...auth(author))
      .expect(404, ARTICLE_NOT_FOUND);
    await request(t.http)
      .post(`/api/articles/${kept.slug}/comments/${comment.id}/restore`)
      .set(...auth(reader))
      .expect(404);
    expect((await createArticle(t, author, { title })).slug).toBe(slug);
    await request(t.http).get(`/api/articles/${kept.slug}`).expect(200);
    expect(await counterDrift(t.dataSource)).toEqual({});
  }, 30_000);
});
