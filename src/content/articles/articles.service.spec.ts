import { fakeDatabase, fakeEvents, rejection, TX, uniqueViolation } from '../../../test/support/unit-doubles';
import type { TagsService } from '../tags/tags.service';
import type { Transaction } from '../../database/sql-executor';
import type { DomainEvent } from '../../events/domain-event';
import type { Actor } from '../../policy/roles';
import type { UsersService } from '../../users/users.service';
import type { ArticleListing } from './article-listing.service';
import type { Workflow } from './article-workflow';
import { ArticleChanged, ArticleCreated, ArticleTextWritten, ArticleVersionReplaced } from './article.events';
import type { ArticlesQueryService } from './articles-query.service';
import type { ArticlesRepository, StoredArticle } from './articles.repository';
import { ArticlesService } from './articles.service';

const AUTHOR = { id: 7, profile: { username: 'jake', bio: null, image: null } };
const AS_AUTHOR: Actor = { id: 7, role: 'user' };
const OTHER_USER: Actor = { id: 8, role: 'user' };
const MODERATOR: Actor = { id: 9, role: 'moderator' };
const ADMIN: Actor = { id: 10, role: 'admin' };
const NEW_ARTICLE = { title: 'How to train your dragon', description: 'Ever wonder how?', body: 'Believe' };

const NOT_FOUND = { status: 404, body: { errors: { article: ['not found'] } } };
const FORBIDDEN = { status: 403, body: { errors: { article: ['forbidden'] } } };
const DRAFT: Partial<StoredArticle> = { status: 'draft', publishedAt: null, listedAt: null };
/** In the trash, put there by its author: out of the lists, its status kept. */
const TRASHED: Partial<StoredArticle> = {
  deletedAt: new Date('2026-01-02T00:00:00.000Z'),
  deletedBy: AUTHOR.id,
  listedAt: null,
};
const inAnHour = (): Date => new Date(Date.now() + 3_600_000);

/** fakeEvents, plus what the service publishes inside a transaction (publishWithin), with that transaction. */
function fakeEventsWithin() {
  const events = fakeEvents();
  const publishedWithin: { tx: Transaction; event: DomainEvent }[] = [];
  const publishWithin = jest.fn(async (tx: Transaction, event: DomainEvent) => {
    publishedWithin.push({ tx, event });
  });
  return Object.assign(events, { publishedWithin, publishWithin });
}

const stored = (fields: Partial<StoredArticle> = {}): StoredArticle => ({
  id: 3,
  slug: 'how-to-train-your-dragon',
  title: 'How to train your dragon',
  description: 'Ever wonder how?',
  body: 'Believe',
  authorId: AUTHOR.id,
  editedBy: AUTHOR.id,
  deletedAt: null,
  deletedBy: null,
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  updatedAt: new Date('2026-01-01T00:00:00.000Z'),
  status: 'published',
  publishedAt: new Date('2026-01-01T00:00:00.000Z'),
  listedAt: new Date('2026-01-01T00:00:00.000Z'),
  publishAt: null,
  unpublishAt: null,
  ...fields,
});

describe('ArticlesService', () => {
  let articles: jest.Mocked<ArticlesRepository>;
  let tags: jest.Mocked<Pick<TagsService, 'link' | 'replace' | 'namesByArticle'>>;
  let users: jest.Mocked<Pick<UsersService, 'countArticle'>>;
  let queries: jest.Mocked<Pick<ArticlesQueryService, 'findOne'>>;
  let listing: jest.Mocked<Pick<ArticleListing, 'apply' | 'scheduleJobs'>>;
  let events: ReturnType<typeof fakeEventsWithin>;
  let database: ReturnType<typeof fakeDatabase>;
  let service: ArticlesService;

  beforeEach(() => {
    articles = {
      insert: jest.fn().mockResolvedValue(3),
      addToTotal: jest.fn(),
      findStoredBySlug: jest.fn().mockResolvedValue(stored()),
      isSlugTakenByAnother: jest.fn().mockResolvedValue(false),
      findStoredForUpdate: jest.fn(async () => stored()),
      update: jest.fn(),
    } as unknown as jest.Mocked<ArticlesRepository>;
    tags = {
      link: jest.fn(async (_article, names: string[], _tx) => names),
      replace: jest.fn(async (_article, names: string[], _tx) => names),
      namesByArticle: jest.fn().mockResolvedValue(new Map([[3, ['dragons']]])),
    };
    users = { countArticle: jest.fn() };
    queries = { findOne: jest.fn().mockResolvedValue({ article: { slug: 'answer' } }) };
    listing = { apply: jest.fn(), scheduleJobs: jest.fn() };
    events = fakeEventsWithin();
    database = fakeDatabase();
    service = new ArticlesService(
      articles,
      tags as unknown as TagsService,
      users as unknown as UsersService,
      queries as unknown as ArticlesQueryService,
      database,
      events,
      listing as unknown as ArticleListing,
    );
  });

  describe('create', () => {
    it('should count, insert and tag in one transaction, publish ArticleCreated and answer from what it wrote', async () => {
      const { article } = await service.create(AUTHOR, { ...NEW_ARTICLE, tagList: ['dragons'] });
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(users.countArticle).toHaveBeenCalledWith(AUTHOR.id, 1, TX);
      expect(articles.addToTotal).toHaveBeenCalledWith(1, TX);
      expect(articles.insert).toHaveBeenCalledWith(
        expect.objectContaining({ slug: 'how-to-train-your-dragon', authorId: AUTHOR.id }),
        TX,
      );
      expect(tags.link).toHaveBeenCalledWith({ id: 3, listedAt: expect.any(Date) }, ['dragons'], TX);
      expect(events.published).toEqual([
        expect.objectContaining({
          article: { id: 3, slug: 'how-to-train-your-dragon', authorId: 7 },
          actorId: 7,
        }),
      ]);
      expect(events.published[0]).toBeInstanceOf(ArticleCreated);
      expect(article).toMatchObject({
        slug: 'how-to-train-your-dragon',
        favoritesCount: 0,
        tagList: ['dragons'],
        status: 'published',
      });
      expect(queries.findOne).not.toHaveBeenCalled();
    });

    it('should write, link, publish and answer a given publication time', async () => {
      const at = new Date('2026-10-01T09:30:00.000Z');
      const { article } = await service.create(AUTHOR, { ...NEW_ARTICLE, tagList: ['dragons'] }, at);
      expect(articles.insert).toHaveBeenCalledWith(expect.objectContaining({ createdAt: at }), TX);
      expect(articles.insert).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'published', publishedAt: at, listedAt: at, publishAt: null }),
        TX,
      );
      expect(tags.link).toHaveBeenCalledWith({ id: 3, listedAt: at }, ['dragons'], TX);
      expect(events.published[0]).toMatchObject({ at });
      expect(article).toMatchObject({
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        publishedAt: at.toISOString(),
      });
    });

    it('should write a draft unlisted and count it nowhere: not the author, not the total, not its tags', async () => {
      const { article } = await service.create(AUTHOR, {
        ...NEW_ARTICLE,
        tagList: ['dragons'],
        status: 'draft',
      });
      expect(users.countArticle).not.toHaveBeenCalled();
      expect(articles.addToTotal).not.toHaveBeenCalled();
      expect(articles.insert).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'draft', publishedAt: null, listedAt: null }),
        TX,
      );
      expect(tags.link).toHaveBeenCalledWith({ id: 3, listedAt: null }, ['dragons'], TX);
      expect(listing.scheduleJobs).toHaveBeenCalledWith(3, expect.objectContaining({ status: 'draft' }), TX);
      expect(events.published).toEqual([expect.any(ArticleCreated)]);
      expect(article).toMatchObject({ status: 'draft', publishedAt: null, publishAt: null });
    });

    it('should write a scheduled article unlisted and schedule its publication in the same transaction', async () => {
      const publishAt = inAnHour();
      const { article } = await service.create(AUTHOR, { ...NEW_ARTICLE, status: 'scheduled', publishAt });
      expect(users.countArticle).not.toHaveBeenCalled();
      expect(articles.addToTotal).not.toHaveBeenCalled();
      const workflow: Workflow = {
        status: 'scheduled',
        publishedAt: null,
        listedAt: null,
        publishAt,
        unpublishAt: null,
      };
      expect(articles.insert).toHaveBeenCalledWith(expect.objectContaining(workflow), TX);
      expect(listing.scheduleJobs).toHaveBeenCalledWith(3, workflow, TX);
      expect(article).toMatchObject({ status: 'scheduled', publishAt: publishAt.toISOString() });
    });

    it('should refuse an unpublished new article or a schedule in the past with 422, writing nothing', async () => {
      expect(await rejection(service.create(AUTHOR, { ...NEW_ARTICLE, status: 'unpublished' }))).toEqual({
        status: 422,
        body: { errors: { status: [expect.any(String)] } },
      });
      const past = new Date(Date.now() - 1000);
      expect(
        await rejection(service.create(AUTHOR, { ...NEW_ARTICLE, status: 'scheduled', publishAt: past })),
      ).toEqual({ status: 422, body: { errors: { publishAt: [expect.any(String)] } } });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should retry with a suffixed slug when the unique index refuses the plain one', async () => {
      articles.insert.mockRejectedValueOnce(uniqueViolation('UQ_articles_slug'));
      const { article } = await service.create(AUTHOR, NEW_ARTICLE);
      expect(database.transaction).toHaveBeenCalledTimes(2);
      expect(article.slug).toMatch(/^how-to-train-your-dragon-[0-9a-z]{6,7}$/);
    });

    it('should give up after five refused slugs and not publish anything', async () => {
      articles.insert.mockRejectedValue(uniqueViolation('UQ_articles_slug'));
      await expect(service.create(AUTHOR, NEW_ARTICLE)).rejects.toThrow('Duplicate entry');
      expect(database.transaction).toHaveBeenCalledTimes(5);
      expect(events.published).toEqual([]);
    });

    it('should not retry other failures', async () => {
      articles.insert.mockRejectedValueOnce(uniqueViolation('UQ_users_email'));
      await expect(service.create(AUTHOR, NEW_ARTICLE)).rejects.toThrow();
      expect(database.transaction).toHaveBeenCalledTimes(1);
    });

    it('should never give an article the slug of the feed route', async () => {
      const { article } = await service.create(AUTHOR, { ...NEW_ARTICLE, title: 'Feed' });
      expect(article.slug).toMatch(/^feed-[0-9a-z]{6,7}$/);
    });
  });

  describe('update', () => {
    it("should answer 404 for an unknown slug and 403 to another user's update", async () => {
      articles.findStoredBySlug.mockResolvedValueOnce(null);
      expect(await rejection(service.update('nope', AS_AUTHOR, { body: 'x' }))).toEqual(NOT_FOUND);
      expect(await rejection(service.update('how-to-train-your-dragon', OTHER_USER, { body: 'x' }))).toEqual(
        FORBIDDEN,
      );
      expect(database.transaction).not.toHaveBeenCalled();
    });

    it("should answer 404, not 403, to another user's update of a draft they may not see", async () => {
      articles.findStoredBySlug.mockResolvedValue(stored(DRAFT));
      expect(await rejection(service.update('how-to-train-your-dragon', OTHER_USER, { body: 'x' }))).toEqual(
        NOT_FOUND,
      );
      expect(
        await rejection(service.update('how-to-train-your-dragon', OTHER_USER, { status: 'published' })),
      ).toEqual(NOT_FOUND);
      expect(database.transaction).not.toHaveBeenCalled();
    });

    it("should let an admin update another's article, publishing the change as the admin's", async () => {
      await service.update('how-to-train-your-dragon', ADMIN, { body: 'Moderated' });
      expect(articles.update).toHaveBeenCalledWith(3, { body: 'Moderated' }, expect.any(Date), ADMIN.id, TX);
      expect(events.published).toEqual([expect.any(ArticleChanged)]);
      expect(events.published[0]).toMatchObject({
        article: { id: 3, slug: 'how-to-train-your-dragon', authorId: 7 },
        fields: ['body'],
        actorId: ADMIN.id,
      });
      expect(queries.findOne).toHaveBeenCalledWith('how-to-train-your-dragon', ADMIN);
    });

    it("should answer 403 to a moderator's update of another's article, writing nothing", async () => {
      expect(
        await rejection(service.update('how-to-train-your-dragon', MODERATOR, { body: 'Moderated' })),
      ).toEqual({ status: 403, body: { errors: { article: ['forbidden'] } } });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should write nothing and publish nothing when nothing changes', async () => {
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { body: 'Believe', tagList: ['dragons'] });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
      expect(queries.findOne).toHaveBeenCalledWith('how-to-train-your-dragon', AS_AUTHOR);
    });

    it('should write nothing when the workflow fields repeat the current ones', async () => {
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { status: 'published', unpublishAt: null });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(listing.apply).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should give a new title a new slug and publish the change with the previous slug', async () => {
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { title: 'Dragons revisited' });
      expect(articles.findStoredForUpdate).toHaveBeenCalledWith(3, TX);
      expect(listing.apply).not.toHaveBeenCalled();
      expect(articles.update).toHaveBeenCalledWith(
        3,
        { title: 'Dragons revisited', slug: 'dragons-revisited' },
        expect.any(Date),
        AS_AUTHOR.id,
        TX,
      );
      const [event] = events.published as ArticleChanged[];
      expect(event).toBeInstanceOf(ArticleChanged);
      expect(event).toMatchObject({
        article: { id: 3, slug: 'dragons-revisited', authorId: 7 },
        previousSlug: 'how-to-train-your-dragon',
        fields: ['title'],
        actorId: 7,
      });
      expect(queries.findOne).toHaveBeenCalledWith('dragons-revisited', AS_AUTHOR);
    });

    it('should keep the slug when the new title slugifies as the old one did', async () => {
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { title: 'How to Train Your Dragon!' });
      expect(articles.update).toHaveBeenCalledWith(
        3,
        { title: 'How to Train Your Dragon!' },
        expect.any(Date),
        AS_AUTHOR.id,
        TX,
      );
    });

    it('should suffix a new slug that another article already has', async () => {
      articles.isSlugTakenByAnother.mockResolvedValueOnce(true);
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { title: 'Taken' });
      const [[, changes]] = articles.update.mock.calls;
      expect(changes.slug).toMatch(/^taken-[0-9a-z]{6,7}$/);
    });

    it('should replace the tags only when they changed, and move updatedAt past the stored one', async () => {
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { tagList: ['training'] });
      expect(tags.replace).toHaveBeenCalledWith({ id: 3, listedAt: stored().listedAt }, ['training'], TX);
      const [[, , at]] = articles.update.mock.calls;
      expect(at.getTime()).toBeGreaterThan(stored().updatedAt.getTime());
    });

    it('should answer 404 when the article is deleted before the write takes its lock', async () => {
      articles.findStoredForUpdate.mockResolvedValueOnce(null);
      expect(
        (await rejection(service.update('how-to-train-your-dragon', AS_AUTHOR, { body: 'x' }))).status,
      ).toBe(404);
      expect(articles.update).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should answer 404 to new tags for an article deleted before the write takes its lock, touching no tag', async () => {
      articles.findStoredForUpdate.mockResolvedValueOnce(null);
      expect(
        await rejection(service.update('how-to-train-your-dragon', AS_AUTHOR, { tagList: ['brand-new'] })),
      ).toEqual(NOT_FOUND);
      expect(tags.replace).not.toHaveBeenCalled();
      expect(articles.update).not.toHaveBeenCalled();
      expect(queries.findOne).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it.each([
      ['its author', AS_AUTHOR],
      ['an admin', ADMIN],
    ])('should answer 404 to %s for an article in the trash, writing nothing', async (_who, actor) => {
      articles.findStoredBySlug.mockResolvedValue(stored(TRASHED));
      expect(await rejection(service.update('how-to-train-your-dragon', actor, { body: 'x' }))).toEqual(
        NOT_FOUND,
      );
      expect(
        await rejection(service.update('how-to-train-your-dragon', actor, { status: 'unpublished' })),
      ).toEqual(NOT_FOUND);
      expect(database.transaction).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should answer 404 when the article is moved to the trash before the write takes its lock', async () => {
      articles.findStoredForUpdate.mockImplementation(async () => stored(TRASHED));
      expect(
        await rejection(
          service.update('how-to-train-your-dragon', AS_AUTHOR, {
            body: 'x',
            tagList: ['new'],
            status: 'draft',
          }),
        ),
      ).toEqual(NOT_FOUND);
      expect(articles.update).not.toHaveBeenCalled();
      expect(tags.replace).not.toHaveBeenCalled();
      expect(listing.apply).not.toHaveBeenCalled();
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
      expect(queries.findOne).not.toHaveBeenCalled();
    });

    it("should publish a draft through the listing, under the row's lock, and publish the change as 'status'", async () => {
      articles.findStoredBySlug.mockResolvedValue(stored(DRAFT));
      articles.findStoredForUpdate.mockImplementation(async () => stored(DRAFT));
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { status: 'published' });
      expect(listing.apply).toHaveBeenCalledWith(
        expect.objectContaining({ id: 3, status: 'draft' }),
        {
          status: 'published',
          publishedAt: expect.any(Date),
          listedAt: expect.any(Date),
          publishAt: null,
          unpublishAt: null,
        },
        TX,
      );
      const [[, next]] = listing.apply.mock.calls;
      expect(next.listedAt).toEqual(next.publishedAt);
      expect(articles.update).not.toHaveBeenCalled();
      expect(events.published).toEqual([expect.any(ArticleChanged)]);
      expect(events.published[0]).toMatchObject({ fields: ['status'], actorId: AS_AUTHOR.id });
      expect(queries.findOne).toHaveBeenCalledWith('how-to-train-your-dragon', AS_AUTHOR);
    });

    it('should change the content and the workflow in one transaction, the new tags linked as the article is now listed', async () => {
      articles.findStoredBySlug.mockResolvedValue(stored(DRAFT));
      articles.findStoredForUpdate.mockImplementation(async () => stored(DRAFT));
      await service.update('how-to-train-your-dragon', AS_AUTHOR, {
        body: 'Published at last',
        tagList: ['training'],
        status: 'published',
      });
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(listing.apply).toHaveBeenCalledTimes(1);
      expect(articles.update).toHaveBeenCalledWith(
        3,
        { body: 'Published at last' },
        expect.any(Date),
        AS_AUTHOR.id,
        TX,
      );
      const [[, next]] = listing.apply.mock.calls;
      expect(tags.replace).toHaveBeenCalledWith({ id: 3, listedAt: next.listedAt }, ['training'], TX);
      expect(next.listedAt).not.toBeNull();
      expect(events.published[0]).toMatchObject({ fields: ['body', 'tagList', 'status'] });
    });

    it('should link the new tags of an article taken down unlisted', async () => {
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { tagList: ['training'], status: 'draft' });
      expect(listing.apply).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'published' }),
        expect.objectContaining({ status: 'draft', listedAt: null }),
        TX,
      );
      expect(tags.replace).toHaveBeenCalledWith({ id: 3, listedAt: null }, ['training'], TX);
    });

    it('should decide the workflow on the row as locked: a publication that happened meanwhile is kept', async () => {
      const publishAt = new Date(Date.now() + 60_000);
      articles.findStoredBySlug.mockResolvedValue(stored({ ...DRAFT, status: 'scheduled', publishAt }));
      // The job runner published it between the read and the lock.
      articles.findStoredForUpdate.mockImplementation(async () => stored());
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { body: 'Edited' });
      expect(listing.apply).not.toHaveBeenCalled();
      expect(articles.update).toHaveBeenCalledWith(3, { body: 'Edited' }, expect.any(Date), AS_AUTHOR.id, TX);
      expect(events.published[0]).toMatchObject({ fields: ['body'] });
    });

    it('should refuse a transition the workflow does not allow with 422 before writing anything', async () => {
      articles.findStoredBySlug.mockResolvedValue(stored(DRAFT));
      expect(
        await rejection(service.update('how-to-train-your-dragon', AS_AUTHOR, { status: 'unpublished' })),
      ).toEqual({ status: 422, body: { errors: { status: [expect.any(String)] } } });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it("should let a moderator take another's article down, and nothing more", async () => {
      await service.update('how-to-train-your-dragon', MODERATOR, { status: 'unpublished' });
      expect(listing.apply).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'published' }),
        expect.objectContaining({ status: 'unpublished', listedAt: null }),
        TX,
      );
      expect(events.published[0]).toMatchObject({ fields: ['status'], actorId: MODERATOR.id });
      listing.apply.mockClear();
      expect(
        await rejection(
          service.update('how-to-train-your-dragon', MODERATOR, { status: 'unpublished', body: 'Moderated' }),
        ),
      ).toEqual(FORBIDDEN);
      expect(
        await rejection(service.update('how-to-train-your-dragon', MODERATOR, { status: 'published' })),
      ).toEqual(FORBIDDEN);
      expect(
        await rejection(service.update('how-to-train-your-dragon', OTHER_USER, { status: 'unpublished' })),
      ).toEqual(FORBIDDEN);
      expect(listing.apply).not.toHaveBeenCalled();
    });
  });

  describe('update: the version an edit replaces', () => {
    /** The row as locked differs from the one read first: a concurrent edit by an admin landed in between. */
    const locked = stored({
      title: 'How to train your dragon',
      description: 'Ever wonder how, again?',
      body: 'Believe, as the admin left it',
      editedBy: ADMIN.id,
      updatedAt: new Date('2026-01-05T00:00:00.000Z'),
    });

    beforeEach(() => {
      articles.findStoredForUpdate.mockImplementation(async () => locked);
      // The tags as read inside the transaction differ from the ones read before it.
      tags.namesByArticle.mockImplementation(
        async (ids: number[], tx?: Transaction) =>
          new Map(ids.map((id) => [id, tx === TX ? ['dragons', 'admin-tag'] : ['dragons']])),
      );
    });

    it("should publish the locked row's version once, within the transaction and before the write, and store the caller as editor", async () => {
      let inTransaction = false;
      database.transaction.mockImplementation(async (work) => {
        inTransaction = true;
        try {
          return await work(TX);
        } finally {
          inTransaction = false;
        }
      });
      const publishedInTransaction: boolean[] = [];
      events.publishWithin.mockImplementation(async (tx, event) => {
        publishedInTransaction.push(inTransaction);
        events.publishedWithin.push({ tx, event });
      });

      await service.update('how-to-train-your-dragon', AS_AUTHOR, { body: 'Believe harder' });

      // The version it replaces, then the new text for the search index.
      expect(events.publishWithin).toHaveBeenCalledTimes(2);
      expect(publishedInTransaction).toEqual([true, true]);
      const [{ tx, event }, indexed] = events.publishedWithin;
      expect(indexed).toEqual({ tx: TX, event: expect.any(ArticleTextWritten) });
      expect((indexed.event as ArticleTextWritten).text).toEqual({
        title: locked.title,
        description: locked.description,
        body: 'Believe harder',
      });
      expect((indexed.event as ArticleTextWritten).isNew).toBe(false);
      expect(tx).toBe(TX);
      expect(event).toBeInstanceOf(ArticleVersionReplaced);
      expect(tags.namesByArticle).toHaveBeenCalledWith([3], TX);
      expect(articles.update).toHaveBeenCalledTimes(1);
      const [[id, columns, at, editorId, executor]] = articles.update.mock.calls;
      expect([id, columns, editorId, executor]).toEqual([3, { body: 'Believe harder' }, AS_AUTHOR.id, TX]);
      const replaced = event as ArticleVersionReplaced;
      expect(replaced).toMatchObject({ articleId: 3, actorId: AS_AUTHOR.id, at });
      expect(replaced.previous).toEqual({
        title: locked.title,
        description: locked.description,
        body: locked.body,
        tagList: ['dragons', 'admin-tag'],
        editorId: ADMIN.id,
        writtenAt: locked.updatedAt,
      });
      // Kept before the row changes, and the after-commit ArticleChanged stays the only event published outside.
      expect(events.publishWithin.mock.invocationCallOrder[0]).toBeLessThan(
        articles.update.mock.invocationCallOrder[0],
      );
      expect(events.published).toEqual([expect.any(ArticleChanged)]);
    });

    it('should keep the version of an edit that changes only the tags, with the tags before the edit', async () => {
      await service.update('how-to-train-your-dragon', ADMIN, { tagList: ['training'] });
      // Only the version: the text the search index holds did not change.
      expect(events.publishedWithin).toEqual([{ tx: TX, event: expect.any(ArticleVersionReplaced) }]);
      const [{ event }] = events.publishedWithin;
      expect((event as ArticleVersionReplaced).previous.tagList).toEqual(['dragons', 'admin-tag']);
      expect(event.actorId).toBe(ADMIN.id);
      expect(articles.update).toHaveBeenCalledWith(3, {}, expect.any(Date), ADMIN.id, TX);
      expect(tags.replace).toHaveBeenCalledWith({ id: 3, listedAt: locked.listedAt }, ['training'], TX);
      expect(
        events.publishWithin.mock.invocationCallOrder[0] < tags.replace.mock.invocationCallOrder[0],
      ).toBe(true);
    });

    it('should keep a null editor as null (an account gone)', async () => {
      articles.findStoredForUpdate.mockImplementation(async () => stored({ editedBy: null }));
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { title: 'Dragons revisited' });
      const [{ event }] = events.publishedWithin;
      expect((event as ArticleVersionReplaced).previous).toMatchObject({
        title: 'How to train your dragon',
        editorId: null,
      });
    });

    it('should publish nothing within, and write no content, for a status-only change', async () => {
      articles.findStoredBySlug.mockResolvedValue(stored(DRAFT));
      articles.findStoredForUpdate.mockImplementation(async () => stored(DRAFT));
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { status: 'published' });
      expect(listing.apply).toHaveBeenCalledTimes(1);
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(articles.update).not.toHaveBeenCalled();
      expect(events.published).toEqual([expect.any(ArticleChanged)]);
    });

    it("should publish nothing within for a moderator's take-down", async () => {
      await service.update('how-to-train-your-dragon', MODERATOR, { status: 'unpublished' });
      expect(listing.apply).toHaveBeenCalledTimes(1);
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(articles.update).not.toHaveBeenCalled();
    });

    it('should publish nothing within for an edit that changes nothing', async () => {
      articles.findStoredForUpdate.mockImplementation(async () => stored());
      await service.update('how-to-train-your-dragon', AS_AUTHOR, {
        title: 'How to train your dragon',
        description: 'Ever wonder how?',
        body: 'Believe',
        tagList: ['dragons'],
      });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should fail the edit, writing nothing more and publishing nothing after, when keeping the version fails', async () => {
      events.publishWithin.mockRejectedValueOnce(new Error('revisions are down'));
      await expect(
        service.update('how-to-train-your-dragon', AS_AUTHOR, { body: 'Believe harder' }),
      ).rejects.toThrow('revisions are down');
      expect(articles.update).not.toHaveBeenCalled();
      expect(tags.replace).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
      expect(queries.findOne).not.toHaveBeenCalled();
    });

    it('should publish the version again in the transaction retried with a suffixed slug', async () => {
      articles.update.mockRejectedValueOnce(uniqueViolation('UQ_articles_slug'));
      await service.update('how-to-train-your-dragon', AS_AUTHOR, { title: 'Dragons revisited' });
      expect(database.transaction).toHaveBeenCalledTimes(2);
      // The first attempt's version (it failed on the slug), then the second's version and its new text.
      expect(events.publishedWithin.map(({ tx, event }) => [tx, event.constructor.name])).toEqual([
        [TX, 'ArticleVersionReplaced'],
        [TX, 'ArticleVersionReplaced'],
        [TX, 'ArticleTextWritten'],
      ]);
      expect(articles.update).toHaveBeenCalledTimes(2);
      expect(articles.update.mock.calls[1][3]).toBe(AS_AUTHOR.id);
      expect(events.published).toEqual([expect.any(ArticleChanged)]);
    });
  });
});
