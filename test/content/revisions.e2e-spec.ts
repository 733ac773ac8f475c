import request from 'supertest';
import { auth, createArticle, giveRole, registerUser, RegisteredUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

interface DiffLine {
  op: '=' | '-' | '+';
  text: string;
}

describe('Article revisions (e2e)', () => {
  let t: TestApp;
  let author: RegisteredUser;
  let other: RegisteredUser;
  let moderator: RegisteredUser;
  let admin: RegisteredUser;

  beforeAll(async () => {
    t = await createTestApp({ ARTICLE_REVISIONS_MAX: '3' });
    [author, other, moderator, admin] = await Promise.all([
      registerUser(t),
      registerUser(t),
      registerUser(t),
      registerUser(t),
    ]);
    await giveRole(t, moderator, 'moderator');
    await giveRole(t, admin, 'admin');
  });
  afterAll(() => t.close());

  const edit = (slug: string, user: RegisteredUser, article: object): request.Test =>
    request(t.http)
      .put(`/api/articles/${slug}`)
      .set(...auth(user))
      .send({ article });
  const revisionsOf = (slug: string, user: RegisteredUser, query = ''): request.Test =>
    request(t.http)
      .get(`/api/articles/${slug}/revisions${query}`)
      .set(...auth(user));

  it('should keep every replaced version with its editor and time, newest first, and diff it with the current text', async () => {
    const article = await createArticle(t, author, {
      body: 'line one\nline two\nline three',
      tagList: ['a'],
    });
    await edit(article.slug, author, { body: 'line one\nline 2\nline three\nline four' }).expect(200);
    await edit(article.slug, admin, { description: 'Changed by an admin', tagList: ['a', 'b'] }).expect(200);
    // A status change alone, or an edit that changes nothing, is no new version.
    await edit(article.slug, author, { status: 'unpublished' }).expect(200);
    await edit(article.slug, author, {
      status: 'published',
      body: 'line one\nline 2\nline three\nline four',
    }).expect(200);

    const list = (await revisionsOf(article.slug, author).expect(200)).body;
    expect(list.revisionsCount).toBe(2);
    expect(list.revisions.map((r: { editor: string }) => r.editor)).toEqual([
      author.username,
      author.username,
    ]);
    const [newest, oldest] = list.revisions;
    expect(oldest.createdAt).toBe(article.createdAt);
    expect(Date.parse(newest.replacedAt)).toBeGreaterThanOrEqual(Date.parse(oldest.replacedAt));

    const first = (await revisionsOf(article.slug, author, `/${oldest.id}`).expect(200)).body.revision;
    expect(first).toMatchObject({
      body: 'line one\nline two\nline three',
      tagList: ['a'],
      description: 'A description',
    });
    expect(first.diff.body).toEqual<DiffLine[]>([
      { op: '=', text: 'line one' },
      { op: '-', text: 'line two' },
      { op: '+', text: 'line 2' },
      { op: '=', text: 'line three' },
      { op: '+', text: 'line four' },
    ]);
    expect(first.diff.tagList).toEqual<DiffLine[]>([
      { op: '=', text: 'a' },
      { op: '+', text: 'b' },
    ]);
    // The admin wrote the current version: the next edit keeps it as theirs.
    const renamed = (await edit(article.slug, author, { title: 'Back to the author' }).expect(200)).body
      .article;
    const [kept] = (await revisionsOf(renamed.slug, author).expect(200)).body.revisions;
    expect(kept).toMatchObject({ editor: admin.username, title: article.title });
  });

  it('should restore a version as a new edit, keeping the current one as a revision', async () => {
    const article = await createArticle(t, author, { title: 'Original title', body: 'original body' });
    const renamed = (
      await edit(article.slug, author, { title: 'Renamed title', body: 'new body' }).expect(200)
    ).body.article;
    const [revision] = (await revisionsOf(renamed.slug, author).expect(200)).body.revisions;
    const restored = await request(t.http)
      .post(`/api/articles/${renamed.slug}/revisions/${revision.id}/restore`)
      .set(...auth(author))
      .expect(200);
    expect(restored.body.article).toMatchObject({ title: 'Original title', body: 'original body' });
    const after = (await revisionsOf(restored.body.article.slug, author).expect(200)).body;
    expect(after.revisions.map((r: { title: string }) => r.title)).toEqual([
      'Renamed title',
      'Original title',
    ]);
  });

  it('should keep at most ARTICLE_REVISIONS_MAX versions, dropping the oldest', async () => {
    const article = await createArticle(t, author, { body: 'v0' });
    for (let v = 1; v <= 5; v++) await edit(article.slug, author, { body: `v${v}` }).expect(200);
    const { revisions, revisionsCount } = (await revisionsOf(article.slug, author).expect(200)).body;
    expect(revisionsCount).toBe(3);
    const bodies = await Promise.all(
      revisions.map(
        async (r: { id: number }) =>
          (await revisionsOf(article.slug, author, `/${r.id}`).expect(200)).body.revision.body as string,
      ),
    );
    expect(bodies).toEqual(['v4', 'v3', 'v2']);
  });

  it('should let the author, moderators and admins read the history, and only the author and admins restore', async () => {
    const article = await createArticle(t, author);
    await edit(article.slug, author, { body: 'second' }).expect(200);
    const [{ id }] = (await revisionsOf(article.slug, author).expect(200)).body.revisions;
    await revisionsOf(article.slug, other).expect(403, { errors: { article: ['forbidden'] } });
    await request(t.http).get(`/api/articles/${article.slug}/revisions`).expect(401);
    for (const reader of [moderator, admin]) {
      await revisionsOf(article.slug, reader).expect(200);
      await revisionsOf(article.slug, reader, `/${id}`).expect(200);
    }
    const restore = (user: RegisteredUser) =>
      request(t.http)
        .post(`/api/articles/${article.slug}/revisions/${id}/restore`)
        .set(...auth(user));
    await restore(other).expect(403);
    await restore(moderator).expect(403);
    await restore(admin).expect(200);
  });

  it('should answer 404 for unknown, malformed and other articles’ revision ids, and for a draft to others', async () => {
    const article = await createArticle(t, author);
    const another = await createArticle(t, author);
    await edit(another.slug, author, { body: 'x' }).expect(200);
    const [{ id }] = (await revisionsOf(another.slug, author).expect(200)).body.revisions;
    for (const bad of [String(id + 100000), 'abc', '1.5', '-1'])
      await revisionsOf(article.slug, author, `/${bad}`).expect(404, { errors: { revision: ['not found'] } });
    await revisionsOf(article.slug, author, `/${id}`).expect(404, { errors: { revision: ['not found'] } });
    const draft = await createArticle(t, author, { status: 'draft' });
    await revisionsOf(draft.slug, other).expect(404, { errors: { article: ['not found'] } });
    await revisionsOf(draft.slug, author).expect(200, { revisions: [], revisionsCount: 0 });
  });
});
