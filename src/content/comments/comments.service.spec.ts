import { fakeEvents, foreignKeyViolation, rejection } from '../../../test/support/unit-doubles';
import type { ClientInfo } from '../../common/client-info';
import { notFound } from '../../common/errors/http-errors';
import type { Actor } from '../../policy/roles';
import type { ArticlesQueryService } from '../articles/articles-query.service';
import type { ContentCache } from '../cache/content-cache.service';
import { CommentAdded, CommentDeleted, CommentRestored } from './comment.events';
import type { CommentsRepository, StoredComment } from './comments.repository';
import { CommentsService } from './comments.service';

const AUTHOR = { id: 7, role: 'user' as const, profile: { username: 'jane', bio: 'bio', image: null } };
const AS_AUTHOR: Actor = { id: 7, role: 'user' };
const OTHER_USER: Actor = { id: 8, role: 'user' };
const MODERATOR: Actor = { id: 9, role: 'moderator' };
const ADMIN: Actor = { id: 10, role: 'admin' };
const NOT_FOUND = { status: 404, body: { errors: { article: ['not found'] } } };
const COMMENT_ROW = {
  id: 11,
  body: 'First!',
  createdAt: '2026-10-02 08:00:00.000',
  updatedAt: '2026-10-02 08:00:00.000',
  authorUsername: 'jane',
  authorBio: 'bio',
  authorImage: null,
  following: 0,
};
const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const COMMENT_NOT_FOUND = { status: 404, body: { errors: { comment: ['not found'] } } };
const NOT_IN_TRASH = { status: 409, body: { errors: { comment: ['is not in the trash'] } } };
const MODERATED = {
  status: 403,
  body: { errors: { comment: ['was removed by a moderator, who alone can restore it'] } },
};
const LIVE: StoredComment = { authorId: 7, deletedAt: null, deletedBy: null };
/** In the trash, put there by `deletedBy`. */
const trashed = (deletedBy: number): StoredComment => ({
  authorId: 7,
  deletedAt: new Date('2026-10-03T08:00:00.000Z'),
  deletedBy,
});

describe('CommentsService', () => {
  let comments: jest.Mocked<CommentsRepository>;
  let articles: jest.Mocked<Pick<ArticlesQueryService, 'findVisibleIdOrFail'>>;
  let events: ReturnType<typeof fakeEvents>;
  let service: CommentsService;

  beforeEach(() => {
    comments = {
      insert: jest.fn().mockResolvedValue(11),
      findOnArticle: jest.fn().mockResolvedValue(LIVE),
      moveToTrash: jest.fn().mockResolvedValue(true),
      restore: jest.fn().mockResolvedValue(true),
      findByArticleSlug: jest
        .fn()
        .mockResolvedValue({ article: { status: 'published', authorId: 7 }, comments: [] }),
    } as unknown as jest.Mocked<CommentsRepository>;
    articles = { findVisibleIdOrFail: jest.fn().mockResolvedValue(3) };
    events = fakeEvents();
    const cache = {
      comments: (_s: unknown, _v: unknown, load: () => unknown) => load(),
    } as unknown as ContentCache;
    service = new CommentsService(comments, articles as unknown as ArticlesQueryService, cache, events);
  });

  it('should answer a new comment from what it wrote and publish CommentAdded', async () => {
    const { comment } = await service.create('dragons', AUTHOR, { body: 'First!' });
    expect(articles.findVisibleIdOrFail).toHaveBeenCalledWith('dragons', AUTHOR);
    expect(comments.insert).toHaveBeenCalledWith({
      body: 'First!',
      articleId: 3,
      authorId: 7,
      createdAt: expect.any(Date),
    });
    expect(comment).toMatchObject({ id: 11, body: 'First!', author: { username: 'jane', following: false } });
    expect(events.published).toEqual([expect.any(CommentAdded)]);
    expect(events.published[0]).toMatchObject({
      comment: { id: 11, article: { id: 3, slug: 'dragons' } },
      actorId: 7,
    });
  });

  it('should write and answer a given time', async () => {
    const at = new Date('2026-10-02T08:00:00.000Z');
    const { comment } = await service.create('dragons', AUTHOR, { body: 'Later' }, at);
    expect(comments.insert).toHaveBeenCalledWith(expect.objectContaining({ createdAt: at }));
    expect(comment).toMatchObject({ createdAt: at.toISOString(), updatedAt: at.toISOString() });
    expect(events.published[0]).toMatchObject({ at });
  });

  it.each(['sqlite', 'mysql'] as const)(
    'should answer 404 when the article is deleted between the lookup and the insert (%s reports the missing parent)',
    async (engine) => {
      comments.insert.mockRejectedValue(foreignKeyViolation(engine));
      expect(await rejection(service.create('dragons', AUTHOR, { body: 'x' }))).toEqual({
        status: 404,
        body: { errors: { article: ['not found'] } },
      });
      expect(events.published).toEqual([]);
    },
  );

  it('should answer 404 when the insert finds the article gone or in the trash, publishing nothing', async () => {
    comments.insert.mockResolvedValueOnce(null);
    expect(await rejection(service.create('dragons', AUTHOR, { body: 'x' }))).toEqual(NOT_FOUND);
    expect(events.published).toEqual([]);
  });

  it('should answer 404 to a comment on an article the author may not see, writing nothing', async () => {
    articles.findVisibleIdOrFail.mockRejectedValueOnce(notFound('article'));
    expect(await rejection(service.create('a-draft', AUTHOR, { body: 'x' }))).toEqual(NOT_FOUND);
    expect(comments.insert).not.toHaveBeenCalled();
    expect(events.published).toEqual([]);
  });

  it('should let other failures of the insert through, publishing nothing', async () => {
    comments.insert.mockRejectedValue(new Error('disk full'));
    await expect(service.create('dragons', AUTHOR, { body: 'x' })).rejects.toThrow('disk full');
    expect(events.published).toEqual([]);
  });

  describe('remove', () => {
    it("should answer 403 to another user's delete, and 404 for a comment not on this article", async () => {
      expect(await rejection(service.remove('dragons', 11, OTHER_USER, CLIENT))).toEqual({
        status: 403,
        body: { errors: { comment: ['forbidden'] } },
      });
      comments.findOnArticle.mockResolvedValueOnce(null);
      expect(await rejection(service.remove('dragons', 11, AS_AUTHOR))).toEqual(COMMENT_NOT_FOUND);
      expect(comments.findOnArticle).toHaveBeenCalledWith(11, 3);
      expect(articles.findVisibleIdOrFail).toHaveBeenCalledWith('dragons', AS_AUTHOR);
      expect(comments.moveToTrash).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it.each([
      ['its author', AS_AUTHOR],
      ['a moderator', MODERATOR],
    ])('should answer 404 to %s for a comment in the trash already', async (_who, actor) => {
      comments.findOnArticle.mockResolvedValue(trashed(AUTHOR.id));
      expect(await rejection(service.remove('dragons', 11, actor))).toEqual(COMMENT_NOT_FOUND);
      expect(comments.moveToTrash).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should answer 404 when a concurrent delete moved it to the trash first, publishing nothing', async () => {
      comments.moveToTrash.mockResolvedValueOnce(false);
      expect(await rejection(service.remove('dragons', 11, AS_AUTHOR))).toEqual(COMMENT_NOT_FOUND);
      expect(events.published).toEqual([]);
    });

    it('should move the author’s comment to the trash and publish CommentDeleted at that time', async () => {
      await service.remove('dragons', 11, AS_AUTHOR);
      expect(comments.moveToTrash).toHaveBeenCalledWith(11, expect.any(Date), AS_AUTHOR.id);
      const [[, at]] = comments.moveToTrash.mock.calls;
      expect(events.published).toEqual([expect.any(CommentDeleted)]);
      expect(events.published[0]).toMatchObject({
        comment: { id: 11, authorId: 7, article: { id: 3, slug: 'dragons' } },
        actorId: 7,
        at,
        client: null,
      });
    });

    it.each([
      ['a moderator', MODERATOR],
      ['an admin', ADMIN],
    ])(
      "should let %s move another's comment to the trash, publishing who removed it from where",
      async (_who, actor) => {
        await service.remove('dragons', 11, actor, CLIENT);
        expect(comments.moveToTrash).toHaveBeenCalledWith(11, expect.any(Date), actor.id);
        expect(events.published).toEqual([expect.any(CommentDeleted)]);
        expect(events.published[0]).toMatchObject({
          comment: { id: 11, authorId: AUTHOR.id, article: { id: 3, slug: 'dragons' } },
          actorId: actor.id,
          client: CLIENT,
        });
      },
    );
  });

  describe('restore', () => {
    beforeEach(() => {
      comments.findOnArticle.mockResolvedValue(trashed(AUTHOR.id));
      comments.findByArticleSlug.mockResolvedValue({
        article: { status: 'published', authorId: 7 },
        comments: [COMMENT_ROW],
      });
    });

    it('should let its author restore what they moved to the trash, publish CommentRestored and answer the comment', async () => {
      const { comment } = await service.restore('dragons', 11, AS_AUTHOR, CLIENT);
      expect(articles.findVisibleIdOrFail).toHaveBeenCalledWith('dragons', AS_AUTHOR);
      expect(comments.findOnArticle).toHaveBeenCalledWith(11, 3);
      expect(comments.restore).toHaveBeenCalledWith(11);
      expect(events.published).toEqual([expect.any(CommentRestored)]);
      expect(events.published[0]).toMatchObject({
        comment: { id: 11, authorId: 7, article: { id: 3, slug: 'dragons' } },
        actorId: 7,
        at: expect.any(Date),
        client: CLIENT,
      });
      expect(comments.findByArticleSlug).toHaveBeenCalledWith('dragons', AS_AUTHOR.id, 11);
      expect(comment).toMatchObject({ id: 11, body: 'First!', author: { username: 'jane' } });
    });

    it.each([
      ['a moderator', 'its author', MODERATOR, AUTHOR.id],
      ['a moderator', 'another moderator', MODERATOR, 12],
      ['an admin', 'a moderator', ADMIN, MODERATOR.id],
    ])('should let %s restore a comment %s moved to the trash', async (_who, _byWhom, actor, deletedBy) => {
      comments.findOnArticle.mockResolvedValue(trashed(deletedBy));
      await service.restore('dragons', 11, actor, CLIENT);
      expect(comments.restore).toHaveBeenCalledWith(11);
      expect(events.published).toEqual([expect.any(CommentRestored)]);
      expect(events.published[0]).toMatchObject({ actorId: actor.id, comment: { authorId: AUTHOR.id } });
      expect(comments.findByArticleSlug).toHaveBeenCalledWith('dragons', actor.id, 11);
    });

    it('should answer 403 to the author of a comment a moderator moved to the trash', async () => {
      comments.findOnArticle.mockResolvedValue(trashed(MODERATOR.id));
      expect(await rejection(service.restore('dragons', 11, AS_AUTHOR))).toEqual(MODERATED);
      expect(comments.restore).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it.each([
      ['trashed by its author', AUTHOR.id],
      ['removed by a moderator', MODERATOR.id],
    ])('should answer 404 to a stranger for a comment %s', async (_case, deletedBy) => {
      comments.findOnArticle.mockResolvedValue(trashed(deletedBy));
      expect(await rejection(service.restore('dragons', 11, OTHER_USER))).toEqual(COMMENT_NOT_FOUND);
      expect(comments.restore).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should answer 404 naming the article for an article gone, in the trash or not visible, looking for no comment', async () => {
      articles.findVisibleIdOrFail.mockRejectedValueOnce(notFound('article'));
      expect(await rejection(service.restore('dragons', 11, MODERATOR))).toEqual(NOT_FOUND);
      expect(comments.findOnArticle).not.toHaveBeenCalled();
      expect(comments.restore).not.toHaveBeenCalled();
    });

    it('should answer 404 naming the comment when the article has no such comment', async () => {
      comments.findOnArticle.mockResolvedValue(null);
      expect(await rejection(service.restore('dragons', 12, MODERATOR))).toEqual(COMMENT_NOT_FOUND);
      expect(comments.restore).not.toHaveBeenCalled();
    });

    it.each([
      ['its author', AS_AUTHOR],
      ['a moderator', MODERATOR],
    ])('should answer 409 to %s for a comment not in the trash', async (_who, actor) => {
      comments.findOnArticle.mockResolvedValue(LIVE);
      expect(await rejection(service.restore('dragons', 11, actor))).toEqual(NOT_IN_TRASH);
      expect(comments.restore).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should answer 409 when a concurrent restore took it out of the trash first, publishing nothing', async () => {
      comments.restore.mockResolvedValueOnce(false);
      expect(await rejection(service.restore('dragons', 11, AS_AUTHOR))).toEqual(NOT_IN_TRASH);
      expect(events.published).toEqual([]);
      expect(comments.findByArticleSlug).not.toHaveBeenCalled();
    });

    it('should answer 404 naming the comment when it is gone again by the time it is read back', async () => {
      comments.findByArticleSlug.mockResolvedValueOnce({
        article: { status: 'published', authorId: 7 },
        comments: [],
      });
      expect(await rejection(service.restore('dragons', 11, AS_AUTHOR))).toEqual(COMMENT_NOT_FOUND);
      expect(comments.restore).toHaveBeenCalledWith(11);
    });
  });

  describe('locate', () => {
    it("should answer the comment's article and author", async () => {
      expect(await service.locate('dragons', 11, MODERATOR)).toEqual({ articleId: 3, authorId: 7 });
      expect(articles.findVisibleIdOrFail).toHaveBeenCalledWith('dragons', MODERATOR);
      expect(comments.findOnArticle).toHaveBeenCalledWith(11, 3);
    });

    it('should answer 404 naming the article when no article has the slug (or the viewer may not see it), looking for no comment', async () => {
      articles.findVisibleIdOrFail.mockRejectedValueOnce(notFound('article'));
      expect(await rejection(service.locate('nope', 11, OTHER_USER))).toEqual(NOT_FOUND);
      expect(comments.findOnArticle).not.toHaveBeenCalled();
    });

    it('should answer 404 naming the comment when the article has no such comment', async () => {
      comments.findOnArticle.mockResolvedValueOnce(null);
      expect(await rejection(service.locate('dragons', 12, AS_AUTHOR))).toEqual(COMMENT_NOT_FOUND);
    });

    it('should answer 404 naming the comment when it is in the trash, even to a moderator', async () => {
      comments.findOnArticle.mockResolvedValueOnce(trashed(AUTHOR.id));
      expect(await rejection(service.locate('dragons', 11, MODERATOR))).toEqual(COMMENT_NOT_FOUND);
    });
  });

  it('should list for an anonymous viewer as viewer 0, and for a signed-in one as themselves', async () => {
    comments.findByArticleSlug.mockResolvedValue({
      article: { status: 'published', authorId: 7 },
      comments: [COMMENT_ROW],
    });
    expect(await service.findAll('dragons')).toEqual({
      comments: [
        expect.objectContaining({
          id: 11,
          body: 'First!',
          author: expect.objectContaining({ username: 'jane' }),
        }),
      ],
    });
    expect(comments.findByArticleSlug).toHaveBeenCalledWith('dragons', 0);
    await service.findAll('dragons', OTHER_USER);
    expect(comments.findByArticleSlug).toHaveBeenLastCalledWith('dragons', OTHER_USER.id);
  });

  it('should answer 404 when no article has the slug', async () => {
    comments.findByArticleSlug.mockResolvedValueOnce(null);
    expect(await rejection(service.findAll('nope'))).toEqual(NOT_FOUND);
  });

  it.each(['draft', 'scheduled', 'unpublished'] as const)(
    'should answer 404 for the comments of a %s article to anyone but its author, a moderator and an admin',
    async (status) => {
      comments.findByArticleSlug.mockResolvedValue({
        article: { status, authorId: 7 },
        comments: [COMMENT_ROW],
      });
      expect(await rejection(service.findAll('dragons'))).toEqual(NOT_FOUND);
      expect(await rejection(service.findAll('dragons', OTHER_USER))).toEqual(NOT_FOUND);
      for (const viewer of [AS_AUTHOR, MODERATOR, ADMIN])
        expect((await service.findAll('dragons', viewer)).comments).toHaveLength(1);
    },
  );
});
