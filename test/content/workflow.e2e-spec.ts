import request from 'supertest';
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
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const NOT_FOUND = { errors: { article: ['not found'] } };

describe('Publishing workflow: drafts, scheduling, unpublishing (e2e)', () => {
  let t: TestApp;
  let author: RegisteredUser;
  let reader: RegisteredUser;
  let moderator: RegisteredUser;

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'true', JOBS_POLL_INTERVAL_MS: '50' });
    [author, reader, moderator] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    await giveRole(t, moderator, 'moderator');
    await follow(t, reader, author);
  });
  afterAll(() => t.close());

  const get = (path: string, user?: RegisteredUser): request.Test => {
    const req = request(t.http).get(path);
    return user ? req.set(...auth(user)) : req;
  };
  const put = (slug: string, user: RegisteredUser, article: object): request.Test =>
    request(t.http)
      .put(`/api/articles/${slug}`)
      .set(...auth(user))
      .send({ article });

  const slugsOf = async (path: string, user?: RegisteredUser): Promise<string[]> =>
    (await get(path, user).expect(200)).body.articles.map((a: ArticleBody) => a.slug);
  const totalOf = async (path: string): Promise<number> => (await get(path).expect(200)).body.articlesCount;
  const tagsInUse = async (): Promise<string[]> => (await get('/api/tags').expect(200)).body.tags;

  /** Every place a published article shows up for `viewer`, each answering whether it shows `slug`. */
  async function placesShowing(slug: string, tag: string, viewer?: RegisteredUser): Promise<string[]> {
    const lists = [
      '/api/articles',
      `/api/articles?tag=${tag}`,
      `/api/articles?author=${author.username}`,
      `/api/articles?favorited=${author.username}`,
      `/api/articles?tag=${tag}&author=${author.username}`,
      ...(viewer ? ['/api/articles/feed'] : []),
    ];
    const shown: string[] = [];
    for (const list of lists) {
      const page = `${list}${list.includes('?') ? '&' : '?'}limit=100`;
      if ((await slugsOf(page, viewer)).includes(slug)) shown.push(list);
    }
    if ((await tagsInUse()).includes(tag)) shown.push('/api/tags');
    return shown;
  }

  describe('a draft', () => {
    it('should be seen by its author and moderators only, and leak through no list, feed, tag, comment or favorite route', async () => {
      const tag = uniqueName('draft-tag').toLowerCase();
      const draft = await createArticle(t, author, { status: 'draft', tagList: [tag] });
      expect(draft).toMatchObject({ status: 'draft', publishedAt: null, publishAt: null });
      await favorite(t, author, draft); // the author may favorite their own draft: favorited= must not show it
      const totalBefore = await totalOf('/api/articles');

      for (const viewer of [undefined, reader]) {
        expect(await placesShowing(draft.slug, tag, viewer)).toEqual([]);
        await get(`/api/articles/${draft.slug}`, viewer).expect(404, NOT_FOUND);
        await get(`/api/articles/${draft.slug}/comments`, viewer).expect(404, NOT_FOUND);
      }
      await request(t.http)
        .post(`/api/articles/${draft.slug}/comments`)
        .set(...auth(reader))
        .send({ comment: { body: 'hi' } })
        .expect(404, NOT_FOUND);
      await request(t.http)
        .post(`/api/articles/${draft.slug}/favorite`)
        .set(...auth(reader))
        .expect(404, NOT_FOUND);
      await request(t.http)
        .delete(`/api/articles/${draft.slug}/favorite`)
        .set(...auth(reader))
        .expect(404, NOT_FOUND);
      await request(t.http)
        .post(`/api/articles/${draft.slug}/report`)
        .set(...auth(reader))
        .send({ report: { reason: 'spam' } })
        .expect(404, NOT_FOUND);
      await put(draft.slug, reader, { title: 'Taken over' }).expect(404, NOT_FOUND);
      await request(t.http)
        .delete(`/api/articles/${draft.slug}`)
        .set(...auth(reader))
        .expect(404, NOT_FOUND);

      await get(`/api/articles/${draft.slug}`, author).expect(200);
      await get(`/api/articles/${draft.slug}`, moderator).expect(200);
      await get(`/api/articles/${draft.slug}/comments`, author).expect(200, { comments: [] });
      expect(await slugsOf('/api/user/articles?status=draft', author)).toContain(draft.slug);
      expect(await slugsOf('/api/user/articles?status=draft', reader)).not.toContain(draft.slug);
      expect(await totalOf('/api/articles')).toBe(totalBefore);
    });

    it('should enter every list, with exact counters, when published', async () => {
      const tag = uniqueName('publish-tag').toLowerCase();
      const draft = await createArticle(t, author, { status: 'draft', tagList: [tag] });
      await favorite(t, author, draft);
      const [all, byAuthor] = [
        await totalOf('/api/articles'),
        await totalOf(`/api/articles?author=${author.username}`),
      ];
      const res = await put(draft.slug, author, { status: 'published' }).expect(200);
      expect(res.body.article).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
      expect(await placesShowing(draft.slug, tag, reader)).toHaveLength(7);
      expect(await totalOf('/api/articles')).toBe(all + 1);
      expect(await totalOf(`/api/articles?author=${author.username}`)).toBe(byAuthor + 1);
      expect(await totalOf(`/api/articles?tag=${tag}`)).toBe(1);
      // Published now, so it is the newest in the lists though it was written before others.
      expect((await slugsOf('/api/articles?limit=1'))[0]).toBe(draft.slug);
    });
  });

  describe('unpublishing', () => {
    it('should take an article out of every list (a moderator may), and keep its first publication time when it comes back', async () => {
      const tag = uniqueName('unpub-tag').toLowerCase();
      const article = await createArticle(t, author, { tagList: [tag] });
      await createComment(t, reader, article.slug, 'kept');
      const all = await totalOf('/api/articles');
      await put(article.slug, reader, { status: 'unpublished' }).expect(403);
      const res = await put(article.slug, moderator, { status: 'unpublished' }).expect(200);
      expect(res.body.article).toMatchObject({ status: 'unpublished', publishedAt: article.publishedAt });
      expect(await placesShowing(article.slug, tag, reader)).toEqual([]);
      expect(await totalOf('/api/articles')).toBe(all - 1);
      await get(`/api/articles/${article.slug}`).expect(404, NOT_FOUND);
      const audit: { type: string; details: unknown }[] = await t.dataSource.query(
        "SELECT type, details FROM audit_events WHERE target_type = 'article' AND target_id = ?",
        [article.slug],
      );
      expect(audit.map((event) => event.type)).toEqual(['content.unpublished']);
      // A moderator takes down; only the author (or an admin) edits or publishes again.
      await put(article.slug, moderator, { status: 'published' }).expect(403);
      await put(article.slug, moderator, { status: 'draft', title: 'Edited' }).expect(403);

      const back = await put(article.slug, author, { status: 'published' }).expect(200);
      expect(back.body.article.publishedAt).toBe(article.publishedAt);
      expect(await totalOf('/api/articles')).toBe(all);
      expect((await get(`/api/articles/${article.slug}/comments`).expect(200)).body.comments).toHaveLength(1);
    });

    it("should not let a moderator withdraw an article that is not published (that is the author's call)", async () => {
      const publishAt = new Date(Date.now() + 60_000).toISOString();
      const scheduled = await createArticle(t, author, { status: 'scheduled', publishAt });
      await put(scheduled.slug, moderator, { status: 'draft' }).expect(403);
      await put(scheduled.slug, author, { status: 'draft' }).expect(200);
    });

    it('should count a deleted draft out of nothing', async () => {
      const all = await totalOf('/api/articles');
      const draft = await createArticle(t, author, { status: 'draft', tagList: ['x'] });
      await request(t.http)
        .delete(`/api/articles/${draft.slug}`)
        .set(...auth(author))
        .expect(204);
      expect(await totalOf('/api/articles')).toBe(all);
    });
  });

  describe('validation', () => {
    it.each([
      [{ status: 'live' }, 'status'],
      [{ status: 'unpublished' }, 'status'],
      [{ status: 'scheduled' }, 'publishAt'],
      [{ status: 'scheduled', publishAt: '2020-01-01T00:00:00Z' }, 'publishAt'],
      [{ status: 'scheduled', publishAt: 'tomorrow' }, 'publishAt'],
      [{ publishAt: '2099-01-01T00:00:00Z' }, 'publishAt'],
      [{ status: 'draft', unpublishAt: '2099-01-01T00:00:00Z' }, 'unpublishAt'],
      [{ unpublishAt: '2020-01-01T00:00:00Z' }, 'unpublishAt'],
      [
        { status: 'scheduled', publishAt: '2099-01-02T00:00:00Z', unpublishAt: '2099-01-01T00:00:00Z' },
        'unpublishAt',
      ],
    ])('should answer 422 for %j on create, naming %s', async (fields, field) => {
      const article = { title: uniqueName('Invalid'), description: 'd', body: 'b', ...fields };
      const res = await request(t.http)
        .post('/api/articles')
        .set(...auth(author))
        .send({ article })
        .expect(422);
      expect(Object.keys(res.body.errors)).toEqual([field]);
    });

    it('should refuse a transition the state machine does not have', async () => {
      const draft = await createArticle(t, author, { status: 'draft' });
      const res = await put(draft.slug, author, { status: 'unpublished' }).expect(422);
      expect(res.body).toEqual({ errors: { status: ['cannot change from draft to unpublished'] } });
    });
  });

  describe('scheduling', () => {
    it('should publish a scheduled article within seconds of publishAt, and unpublish it at unpublishAt', async () => {
      const tag = uniqueName('sched-tag').toLowerCase();
      const publishAt = new Date(Date.now() + 1500).toISOString();
      const unpublishAt = new Date(Date.now() + 4000).toISOString();
      const article = await createArticle(t, author, {
        status: 'scheduled',
        publishAt,
        unpublishAt,
        tagList: [tag],
      });
      expect(article).toMatchObject({ status: 'scheduled', publishAt, unpublishAt, publishedAt: null });
      expect(await slugsOf(`/api/articles?tag=${tag}`)).toEqual([]);
      await waitFor(
        async () => (await slugsOf(`/api/articles?tag=${tag}`)).length === 1,
        10_000,
        'publication',
      );
      const published = (await get(`/api/articles/${article.slug}`).expect(200)).body.article;
      expect(published).toMatchObject({ status: 'published', publishedAt: publishAt, publishAt: null });
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(publishAt));
      await waitFor(
        async () => (await slugsOf(`/api/articles?tag=${tag}`)).length === 0,
        10_000,
        'unpublication',
      );
      await get(`/api/articles/${article.slug}`).expect(404);
      expect((await get(`/api/articles/${article.slug}`, author).expect(200)).body.article.status).toBe(
        'unpublished',
      );
    }, 30_000);

    it('should keep both an edit and the publication that races it', async () => {
      const publishAt = new Date(Date.now() + 1000);
      const article = await createArticle(t, author, {
        status: 'scheduled',
        publishAt: publishAt.toISOString(),
      });
      let last = '';
      // Edits through the moment of publication, each one racing the job.
      while (Date.now() < publishAt.getTime() + 1000) {
        last = `${article.description} ${Date.now()}`;
        await put(article.slug, author, { description: last }).expect(200);
      }
      await waitFor(
        async () => (await get(`/api/articles/${article.slug}`)).status === 200,
        10_000,
        'publication',
      );
      const published = (await get(`/api/articles/${article.slug}`).expect(200)).body.article;
      expect(published).toMatchObject({ status: 'published', description: last, title: article.title });
    }, 20_000);

    it('should not publish an article rescheduled later, nor one put back to draft, at the old time', async () => {
      const soon = new Date(Date.now() + 1000).toISOString();
      const later = new Date(Date.now() + 60_000).toISOString();
      const [moved, withdrawn] = await Promise.all([
        createArticle(t, author, { status: 'scheduled', publishAt: soon }),
        createArticle(t, author, { status: 'scheduled', publishAt: soon }),
      ]);
      await put(moved.slug, author, { publishAt: later }).expect(200);
      await put(withdrawn.slug, author, { status: 'draft' }).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const statuses = await Promise.all(
        [moved, withdrawn].map(
          async (a) => (await get(`/api/articles/${a.slug}`, author).expect(200)).body.article.status,
        ),
      );
      expect(statuses).toEqual(['scheduled', 'draft']);
    }, 20_000);
  });
});
