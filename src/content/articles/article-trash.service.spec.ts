import { fakeDatabase, fakeEvents, rejection, TX } from '../../../test/support/unit-doubles';
import type { ClientInfo } from '../../common/client-info';
import type { Actor } from '../../policy/roles';
import type { ArticleListing } from './article-listing.service';
import type { ArticleRow } from './article-row';
import { ArticleTrash } from './article-trash.service';
import { restoredWorkflow } from './article-workflow';
import { ArticleDeleted, ArticleRestored } from './article.events';
import type { ArticlesRepository, StoredArticle } from './articles.repository';

const AUTHOR_ID = 7;
const AS_AUTHOR: Actor = { id: AUTHOR_ID, role: 'user' };
const OTHER_USER: Actor = { id: 8, role: 'user' };
const MODERATOR: Actor = { id: 9, role: 'moderator' };
const ADMIN: Actor = { id: 10, role: 'admin' };
const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const SLUG = 'how-to-train-your-dragon';
const PUBLISHED_AT = new Date('2026-01-01T00:00:00.000Z');
const TRASHED_AT = new Date('2026-01-05T00:00:00.000Z');

const NOT_FOUND = { status: 404, body: { errors: { article: ['not found'] } } };
const FORBIDDEN = { status: 403, body: { errors: { article: ['forbidden'] } } };
const NOT_IN_TRASH = { status: 409, body: { errors: { article: ['is not in the trash'] } } };
const MODERATED = {
  status: 403,
  body: { errors: { article: ['was removed by a moderator, who alone can restore it'] } },
};
const DRAFT: Partial<StoredArticle> = { status: 'draft', publishedAt: null, listedAt: null };

const stored = (fields: Partial<StoredArticle> = {}): StoredArticle => ({
  id: 3,
  slug: SLUG,
  title: 'How to train your dragon',
  description: 'Ever wonder how?',
  body: 'Believe',
  authorId: AUTHOR_ID,
  editedBy: AUTHOR_ID,
  deletedAt: null,
  deletedBy: null,
  createdAt: PUBLISHED_AT,
  updatedAt: PUBLISHED_AT,
  status: 'published',
  publishedAt: PUBLISHED_AT,
  listedAt: PUBLISHED_AT,
  publishAt: null,
  unpublishAt: null,
  ...fields,
});

/** The article as the read query answers it to the restoring actor (favorited and followed by them). */
const READ: ArticleRow = {
  id: 3,
  slug: SLUG,
  title: 'How to train your dragon',
  description: 'Ever wonder how?',
  body: 'Believe',
  createdAt: '2026-01-01 00:00:00.000',
  updatedAt: '2026-01-01 00:00:00.000',
  authorId: AUTHOR_ID,
  status: 'published',
  publishedAt: '2026-01-01 00:00:00.000',
  publishAt: null,
  unpublishAt: null,
  authorUsername: 'jake',
  authorBio: null,
  authorImage: null,
  favoritesCount: 2,
  tagNames: Buffer.from('dragons', 'utf8').toString('hex'),
  favorited: 1,
  following: 1,
};

/** A published article in the trash (out of the lists), put there by `deletedBy`. */
const trashed = (deletedBy: number, fields: Partial<StoredArticle> = {}): StoredArticle =>
  stored({ deletedAt: TRASHED_AT, deletedBy, listedAt: null, ...fields });

describe('ArticleTrash', () => {
  let articles: jest.Mocked<
    Pick<ArticlesRepository, 'findStoredBySlug' | 'findStoredForUpdate' | 'setTrashed' | 'findBySlug'>
  >;
  let listing: jest.Mocked<Pick<ArticleListing, 'apply'>>;
  let database: ReturnType<typeof fakeDatabase>;
  let events: ReturnType<typeof fakeEvents>;
  let trash: ArticleTrash;

  /** The article as first read and as locked (the same unless a test says otherwise). */
  const given = (article: StoredArticle, locked: StoredArticle | null = article): void => {
    articles.findStoredBySlug.mockResolvedValue(article);
    articles.findStoredForUpdate.mockResolvedValue(locked);
  };

  beforeEach(() => {
    articles = {
      findStoredBySlug: jest.fn().mockResolvedValue(stored()),
      findStoredForUpdate: jest.fn().mockResolvedValue(stored()),
      setTrashed: jest.fn(),
      findBySlug: jest.fn().mockResolvedValue(READ),
    };
    listing = { apply: jest.fn() };
    database = fakeDatabase();
    events = fakeEvents();
    trash = new ArticleTrash(
      articles as unknown as ArticlesRepository,
      listing as unknown as ArticleListing,
      database,
      events,
    );
  });

  /** Nothing was written, read back or published. */
  const expectNothingDone = (): void => {
    expect(articles.setTrashed).not.toHaveBeenCalled();
    expect(listing.apply).not.toHaveBeenCalled();
    expect(articles.findBySlug).not.toHaveBeenCalled();
    expect(events.published).toEqual([]);
  };

  describe('moveToTrash', () => {
    it('should take the article out of the lists and into the trash in one transaction, then publish ArticleDeleted', async () => {
      const article = stored();
      given(article);
      await trash.moveToTrash(SLUG, AS_AUTHOR);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(articles.findStoredForUpdate).toHaveBeenCalledWith(3, TX);
      // ArticleListing uncounts an article whose listedAt goes to null; status and times stay for the restore.
      expect(listing.apply).toHaveBeenCalledWith(article, { ...article, listedAt: null }, TX);
      const next = listing.apply.mock.calls[0][1];
      expect(next).toMatchObject({ status: 'published', publishedAt: PUBLISHED_AT, listedAt: null });
      expect(articles.setTrashed).toHaveBeenCalledWith(3, expect.any(Date), AUTHOR_ID, TX);
      expect(events.published).toEqual([expect.any(ArticleDeleted)]);
      const [[, at]] = articles.setTrashed.mock.calls;
      expect(events.published[0]).toMatchObject({
        article: { id: 3, slug: SLUG, authorId: AUTHOR_ID },
        actorId: AUTHOR_ID,
        at,
        client: null,
      });
    });

    it('should apply the workflow of the row as locked: an article unpublished meanwhile stays unpublished', async () => {
      const locked = stored({ status: 'unpublished', listedAt: null });
      given(stored(), locked);
      await trash.moveToTrash(SLUG, AS_AUTHOR);
      expect(listing.apply).toHaveBeenCalledWith(
        locked,
        expect.objectContaining({ status: 'unpublished', listedAt: null }),
        TX,
      );
    });

    it('should answer 404 for an unknown slug, starting no transaction', async () => {
      articles.findStoredBySlug.mockResolvedValue(null);
      expect(await rejection(trash.moveToTrash('nope', MODERATOR))).toEqual(NOT_FOUND);
      expect(database.transaction).not.toHaveBeenCalled();
      expectNothingDone();
    });

    it.each([
      ['its author', AS_AUTHOR],
      ['a moderator', MODERATOR],
      ['an admin', ADMIN],
    ])('should answer 404 to %s for an article in the trash already', async (_who, actor) => {
      given(trashed(AUTHOR_ID));
      expect(await rejection(trash.moveToTrash(SLUG, actor))).toEqual(NOT_FOUND);
      expect(database.transaction).not.toHaveBeenCalled();
      expectNothingDone();
    });

    it("should answer 404, not 403, to another user's delete of a draft they may not see", async () => {
      given(stored(DRAFT));
      expect(await rejection(trash.moveToTrash(SLUG, OTHER_USER))).toEqual(NOT_FOUND);
      expect(database.transaction).not.toHaveBeenCalled();
      expectNothingDone();
    });

    it("should answer 403 to another user's delete of a published article, writing and publishing nothing", async () => {
      expect(await rejection(trash.moveToTrash(SLUG, OTHER_USER, CLIENT))).toEqual(FORBIDDEN);
      expect(database.transaction).not.toHaveBeenCalled();
      expectNothingDone();
    });

    it.each([
      ['gone', null],
      ['in the trash already (a concurrent delete won)', trashed(AUTHOR_ID)],
    ])(
      'should answer 404 when the locked row is %s, writing and publishing nothing',
      async (_case, locked) => {
        given(stored(), locked);
        expect(await rejection(trash.moveToTrash(SLUG, AS_AUTHOR))).toEqual(NOT_FOUND);
        expect(database.transaction).toHaveBeenCalledTimes(1);
        expectNothingDone();
      },
    );

    it.each([
      ['a moderator', MODERATOR],
      ['an admin', ADMIN],
    ])(
      "should let %s move another's article to the trash, publishing who removed it from where",
      async (_who, actor) => {
        await trash.moveToTrash(SLUG, actor, CLIENT);
        expect(articles.setTrashed).toHaveBeenCalledWith(3, expect.any(Date), actor.id, TX);
        expect(events.published).toEqual([expect.any(ArticleDeleted)]);
        expect(events.published[0]).toMatchObject({
          article: { id: 3, slug: SLUG, authorId: AUTHOR_ID },
          actorId: actor.id,
          client: CLIENT,
        });
      },
    );

    it('should let a moderator move a draft to the trash, its workflow left unlisted', async () => {
      given(stored(DRAFT));
      await trash.moveToTrash(SLUG, MODERATOR);
      expect(listing.apply).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'draft' }),
        expect.objectContaining({ status: 'draft', listedAt: null }),
        TX,
      );
      expect(articles.setTrashed).toHaveBeenCalledWith(3, expect.any(Date), MODERATOR.id, TX);
    });
  });

  describe('restore', () => {
    it('should take the article out of the trash and list it again in one transaction, then publish ArticleRestored', async () => {
      const article = trashed(AUTHOR_ID);
      given(article);
      await trash.restore(SLUG, AS_AUTHOR, CLIENT);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(articles.findStoredForUpdate).toHaveBeenCalledWith(3, TX);
      expect(articles.setTrashed).toHaveBeenCalledWith(3, null, null, TX);
      // Listed again at its publication: ArticleListing counts it back in.
      expect(listing.apply).toHaveBeenCalledWith(article, { ...article, listedAt: PUBLISHED_AT }, TX);
      expect(events.published).toEqual([expect.any(ArticleRestored)]);
      expect(events.published[0]).toMatchObject({
        article: { id: 3, slug: SLUG, authorId: AUTHOR_ID },
        actorId: AUTHOR_ID,
        at: expect.any(Date),
        client: CLIENT,
      });
    });

    it('should answer the article as the actor sees it, read in the transaction after the restore', async () => {
      given(trashed(AUTHOR_ID));
      const { article } = await trash.restore(SLUG, AS_AUTHOR);
      expect(articles.findBySlug).toHaveBeenCalledWith(SLUG, AS_AUTHOR.id, TX);
      const readAt = articles.findBySlug.mock.invocationCallOrder[0];
      expect(readAt).toBeGreaterThan(articles.setTrashed.mock.invocationCallOrder[0]);
      expect(readAt).toBeGreaterThan(listing.apply.mock.invocationCallOrder[0]);
      expect(article).toEqual({
        slug: SLUG,
        title: 'How to train your dragon',
        description: 'Ever wonder how?',
        body: 'Believe',
        tagList: ['dragons'],
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        favorited: true,
        favoritesCount: 2,
        author: { username: 'jake', bio: null, image: null, following: true },
        status: 'published',
        publishedAt: '2026-01-01T00:00:00.000Z',
        publishAt: null,
        unpublishAt: null,
      });
    });

    it('should answer 404 when the article cannot be read back', async () => {
      given(trashed(AUTHOR_ID));
      articles.findBySlug.mockResolvedValue(null);
      expect(await rejection(trash.restore(SLUG, AS_AUTHOR))).toEqual(NOT_FOUND);
    });

    it('should apply restoredWorkflow to the locked row: a publication that fell due in the trash happens now', async () => {
      const publishAt = new Date(Date.now() - 60_000);
      const locked = trashed(AUTHOR_ID, { ...DRAFT, status: 'scheduled', publishAt });
      given(locked);
      await trash.restore(SLUG, AS_AUTHOR);
      const [[before, next]] = listing.apply.mock.calls;
      expect(before).toBe(locked);
      expect(next).toMatchObject({
        status: 'published',
        publishedAt: publishAt,
        listedAt: publishAt,
        publishAt: null,
        unpublishAt: null,
      });
      const { at } = events.published[0] as ArticleRestored;
      expect(next).toEqual(restoredWorkflow(locked, at));
    });

    it.each([
      ['an unknown slug', null],
      ['an article in the trash', trashed(AUTHOR_ID)],
      ['an article out of the trash', stored()],
    ])('should answer 404 to a stranger for %s', async (_case, article) => {
      articles.findStoredBySlug.mockResolvedValue(article);
      expect(await rejection(trash.restore(SLUG, OTHER_USER))).toEqual(NOT_FOUND);
      expect(database.transaction).not.toHaveBeenCalled();
      expectNothingDone();
    });

    it.each([
      ['its author', AS_AUTHOR],
      ['a moderator', MODERATOR],
    ])('should answer 409 to %s for an article not in the trash', async (_who, actor) => {
      expect(await rejection(trash.restore(SLUG, actor))).toEqual(NOT_IN_TRASH);
      expectNothingDone();
    });

    it('should answer 409 when a concurrent restore won before the lock, writing nothing', async () => {
      given(trashed(AUTHOR_ID), stored());
      expect(await rejection(trash.restore(SLUG, AS_AUTHOR))).toEqual(NOT_IN_TRASH);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expectNothingDone();
    });

    it('should answer 404 when the article was purged before the lock', async () => {
      given(trashed(AUTHOR_ID), null);
      expect(await rejection(trash.restore(SLUG, AS_AUTHOR))).toEqual(NOT_FOUND);
      expectNothingDone();
    });

    it('should answer 403 to the author of an article a moderator moved to the trash', async () => {
      given(trashed(MODERATOR.id));
      expect(await rejection(trash.restore(SLUG, AS_AUTHOR, CLIENT))).toEqual(MODERATED);
      expect(database.transaction).not.toHaveBeenCalled();
      expectNothingDone();
    });

    it('should decide on the locked row too: a moderator who trashed it again meanwhile keeps the author out', async () => {
      given(trashed(AUTHOR_ID), trashed(MODERATOR.id));
      expect(await rejection(trash.restore(SLUG, AS_AUTHOR))).toEqual(MODERATED);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expectNothingDone();
    });

    it.each([
      ['a moderator', 'its author', MODERATOR, AUTHOR_ID],
      ['a moderator', 'an admin', MODERATOR, ADMIN.id],
      ['an admin', 'a moderator', ADMIN, MODERATOR.id],
      ['an admin', 'its author', ADMIN, AUTHOR_ID],
    ])('should let %s restore a draft %s moved to the trash', async (_who, _byWhom, actor, deletedBy) => {
      given(trashed(deletedBy, DRAFT));
      await trash.restore(SLUG, actor, CLIENT);
      expect(articles.setTrashed).toHaveBeenCalledWith(3, null, null, TX);
      expect(listing.apply).toHaveBeenCalledWith(
        expect.objectContaining({ deletedBy }),
        expect.objectContaining({ status: 'draft', listedAt: null }),
        TX,
      );
      expect(events.published[0]).toMatchObject({ actorId: actor.id, client: CLIENT });
      expect(articles.findBySlug).toHaveBeenCalledWith(SLUG, actor.id, TX);
    });
  });
});
