import { fakeEvents, foreignKeyViolation, rejection } from '../../../test/support/unit-doubles';
import type { ArticlesQueryService } from '../articles/articles-query.service';
import type { ContentCache } from '../cache/content-cache.service';
import { CommentAdded, CommentDeleted } from './comment.events';
import type { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';

const AUTHOR = { id: 7, profile: { username: 'jane', bio: 'bio', image: null } };

describe('CommentsService', () => {
  let comments: jest.Mocked<CommentsRepository>;
  let articles: jest.Mocked<Pick<ArticlesQueryService, 'findIdOrFail'>>;
  let events: ReturnType<typeof fakeEvents>;
  let service: CommentsService;

  beforeEach(() => {
    comments = {
      insert: jest.fn().mockResolvedValue(11),
      findAuthorId: jest.fn().mockResolvedValue(7),
      delete: jest.fn(),
      findByArticleSlug: jest.fn().mockResolvedValue([]),
    } as unknown as jest.Mocked<CommentsRepository>;
    articles = { findIdOrFail: jest.fn().mockResolvedValue(3) };
    events = fakeEvents();
    const cache = {
      comments: (_s: unknown, _v: unknown, load: () => unknown) => load(),
    } as unknown as ContentCache;
    service = new CommentsService(comments, articles as unknown as ArticlesQueryService, cache, events);
  });

  it('should answer a new comment from what it wrote and publish CommentAdded', async () => {
    const { comment } = await service.create('dragons', AUTHOR, { body: 'First!' });
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

  it('should let other failures of the insert through, publishing nothing', async () => {
    comments.insert.mockRejectedValue(new Error('disk full'));
    await expect(service.create('dragons', AUTHOR, { body: 'x' })).rejects.toThrow('disk full');
    expect(events.published).toEqual([]);
  });

  it('should let only the author delete a comment, and answer 404 for one not on this article', async () => {
    comments.findAuthorId.mockResolvedValueOnce(8);
    expect(await rejection(service.remove('dragons', 11, 7))).toEqual({
      status: 403,
      body: { errors: { comment: ['forbidden'] } },
    });
    comments.findAuthorId.mockResolvedValueOnce(null);
    expect(await rejection(service.remove('dragons', 11, 7))).toEqual({
      status: 404,
      body: { errors: { comment: ['not found'] } },
    });
    expect(comments.delete).not.toHaveBeenCalled();
  });

  it('should delete the author’s comment and publish CommentDeleted', async () => {
    await service.remove('dragons', 11, 7);
    expect(comments.delete).toHaveBeenCalledWith(11);
    expect(events.published).toEqual([expect.any(CommentDeleted)]);
  });

  it('should list for an anonymous viewer as viewer 0', async () => {
    await service.findAll('dragons');
    expect(comments.findByArticleSlug).toHaveBeenCalledWith('dragons', 0);
  });

  it('should answer 404 when no article has the slug', async () => {
    comments.findByArticleSlug.mockResolvedValueOnce(null);
    expect((await rejection(service.findAll('nope'))).status).toBe(404);
  });
});
