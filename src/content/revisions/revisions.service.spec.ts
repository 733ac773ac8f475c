import { EVENT_LISTENER_METADATA } from '@nestjs/event-emitter';
import { rejection, TX } from '../../../test/support/unit-doubles';
import type { ConfigType } from '@nestjs/config';
import { forbidden, notFound } from '../../common/errors/http-errors';
import type { contentConfig } from '../../config/configuration';
import type { Actor } from '../../policy/roles';
import type { ArticleStatus } from '../articles/article-workflow';
import { ArticleVersionReplaced, type ArticleVersion } from '../articles/article.events';
import type { ArticlesQueryService } from '../articles/articles-query.service';
import type { ArticlesService } from '../articles/articles.service';
import type { SingleArticleResponseDto } from '../articles/dto/article-response.dto';
import { lineDiff } from './line-diff';
import type { RevisionRow, RevisionsRepository } from './revisions.repository';
import { RevisionsService } from './revisions.service';

const SLUG = 'how-to-train-your-dragon';
const AUTHOR: Actor = { id: 7, role: 'user' };
const OTHER_USER: Actor = { id: 8, role: 'user' };
const MODERATOR: Actor = { id: 9, role: 'moderator' };
const ADMIN: Actor = { id: 10, role: 'admin' };

const ARTICLE_NOT_FOUND = { status: 404, body: { errors: { article: ['not found'] } } };
const REVISION_NOT_FOUND = { status: 404, body: { errors: { revision: ['not found'] } } };
const FORBIDDEN = { status: 403, body: { errors: { article: ['forbidden'] } } };

const revision = (id: number, fields: Partial<RevisionRow> = {}): RevisionRow => ({
  id,
  title: `Version ${id}`,
  description: 'Ever wonder how?',
  body: 'First line\nSecond line\nThird line',
  tagList: ['dragons'],
  editorUsername: 'jake',
  writtenAt: new Date(`2026-01-0${id}T00:00:00.000Z`),
  replacedAt: new Date(`2026-01-0${id + 1}T00:00:00.000Z`),
  ...fields,
});

const current = (fields: Partial<SingleArticleResponseDto['article']> = {}): SingleArticleResponseDto =>
  ({
    article: {
      slug: SLUG,
      title: 'How to train your dragon',
      description: 'Ever wonder how?',
      body: 'First line\nThe second line\nThird line\nA fourth line',
      tagList: ['dragons', 'training'],
      ...fields,
    },
  }) as SingleArticleResponseDto;

describe('RevisionsService', () => {
  let revisions: jest.Mocked<
    Pick<RevisionsRepository, 'insert' | 'prune' | 'findByArticle' | 'countByArticle' | 'findOne'>
  >;
  let queries: jest.Mocked<Pick<ArticlesQueryService, 'findVisibleOrFail' | 'findOne'>>;
  let articles: jest.Mocked<Pick<ArticlesService, 'update'>>;
  let service: RevisionsService;
  const config: ConfigType<typeof contentConfig> = { revisionsMax: 3, trashRetentionMs: 30 * 86_400_000 };

  const visible = (fields: { status?: ArticleStatus; authorId?: number } = {}) =>
    queries.findVisibleOrFail.mockResolvedValue({
      id: 3,
      status: 'published',
      authorId: AUTHOR.id,
      ...fields,
    });

  beforeEach(() => {
    revisions = {
      insert: jest.fn(),
      prune: jest.fn(),
      findByArticle: jest.fn().mockResolvedValue([]),
      countByArticle: jest.fn().mockResolvedValue(0),
      findOne: jest.fn().mockResolvedValue(null),
    };
    queries = { findVisibleOrFail: jest.fn(), findOne: jest.fn().mockResolvedValue(current()) };
    articles = { update: jest.fn() };
    visible();
    service = new RevisionsService(
      revisions as unknown as RevisionsRepository,
      queries as unknown as ArticlesQueryService,
      articles as unknown as ArticlesService,
      config,
    );
  });

  describe('keep', () => {
    const previous: ArticleVersion = {
      title: 'How to train your dragon',
      description: 'Ever wonder how?',
      body: 'Believe',
      tagList: ['dragons'],
      editorId: AUTHOR.id,
      writtenAt: new Date('2026-01-01T00:00:00.000Z'),
    };
    const at = new Date('2026-01-02T00:00:00.000Z');

    it('should insert the replaced version, then prune to the configured maximum, both in the transaction', async () => {
      await service.keep(new ArticleVersionReplaced(3, previous, ADMIN.id, at), TX);
      expect(revisions.insert).toHaveBeenCalledWith(3, previous, at, TX);
      expect(revisions.prune).toHaveBeenCalledWith(3, config.revisionsMax, TX);
      expect(revisions.insert.mock.invocationCallOrder[0]).toBeLessThan(
        revisions.prune.mock.invocationCallOrder[0],
      );
    });

    it('should fail (and so fail the edit) when the insert fails, pruning nothing', async () => {
      revisions.insert.mockRejectedValueOnce(new Error('disk full'));
      await expect(service.keep(new ArticleVersionReplaced(3, previous, AUTHOR.id, at), TX)).rejects.toThrow(
        'disk full',
      );
      expect(revisions.prune).not.toHaveBeenCalled();
    });

    it("should listen to ArticleVersionReplaced inside the edit's transaction, its errors not suppressed", () => {
      expect(Reflect.getMetadata(EVENT_LISTENER_METADATA, RevisionsService.prototype.keep)).toEqual([
        {
          event: 'ArticleVersionReplaced:within-transaction',
          options: expect.objectContaining({ suppressErrors: false }),
        },
      ]);
    });
  });

  describe('list', () => {
    const page = (limit: number, offset: number) => ({ limit, offset });

    it('should let a 404 for an article the caller may not see through, reading no revision', async () => {
      queries.findVisibleOrFail.mockRejectedValue(notFound('article'));
      expect(await rejection(service.list('nope', AUTHOR, page(20, 0)))).toEqual(ARTICLE_NOT_FOUND);
      expect(queries.findVisibleOrFail).toHaveBeenCalledWith('nope', AUTHOR);
      expect(revisions.findByArticle).not.toHaveBeenCalled();
      expect(revisions.countByArticle).not.toHaveBeenCalled();
    });

    it('should answer 403 to a user who is not the author, reading no revision', async () => {
      expect(await rejection(service.list(SLUG, OTHER_USER, page(20, 0)))).toEqual(FORBIDDEN);
      expect(revisions.findByArticle).not.toHaveBeenCalled();
      visible({ status: 'draft' });
      expect(await rejection(service.list(SLUG, OTHER_USER, page(20, 0)))).toEqual(FORBIDDEN);
    });

    it.each([
      ['the author', AUTHOR],
      ['a moderator', MODERATOR],
      ['an admin', ADMIN],
    ])("should list an article's revisions, newest first as stored, to %s", async (_who, actor) => {
      revisions.findByArticle.mockResolvedValue([revision(2, { editorUsername: null }), revision(1)]);
      const answer = await service.list(SLUG, actor, page(20, 0));
      expect(queries.findVisibleOrFail).toHaveBeenCalledWith(SLUG, actor);
      expect(revisions.findByArticle).toHaveBeenCalledWith(3, 20, 0);
      expect(answer).toEqual({
        revisions: [
          {
            id: 2,
            title: 'Version 2',
            editor: null,
            createdAt: '2026-01-02T00:00:00.000Z',
            replacedAt: '2026-01-03T00:00:00.000Z',
          },
          {
            id: 1,
            title: 'Version 1',
            editor: 'jake',
            createdAt: '2026-01-01T00:00:00.000Z',
            replacedAt: '2026-01-02T00:00:00.000Z',
          },
        ],
        revisionsCount: 2,
      });
    });

    it("should let a moderator and an admin list another's draft they may see", async () => {
      visible({ status: 'draft' });
      await service.list(SLUG, MODERATOR, page(20, 0));
      await service.list(SLUG, ADMIN, page(20, 0));
      expect(revisions.findByArticle).toHaveBeenCalledTimes(2);
    });

    it('should count from the page, without a count query, when a first page is short', async () => {
      revisions.findByArticle.mockResolvedValue([revision(2), revision(1)]);
      expect((await service.list(SLUG, AUTHOR, page(5, 0))).revisionsCount).toBe(2);
      revisions.findByArticle.mockResolvedValue([]);
      expect(await service.list(SLUG, AUTHOR, page(5, 0))).toEqual({ revisions: [], revisionsCount: 0 });
      expect(revisions.countByArticle).not.toHaveBeenCalled();
    });

    it('should count from the page when a later page is short but not empty', async () => {
      revisions.findByArticle.mockResolvedValue([revision(1)]);
      expect((await service.list(SLUG, AUTHOR, page(5, 10))).revisionsCount).toBe(11);
      expect(revisions.findByArticle).toHaveBeenCalledWith(3, 5, 10);
      expect(revisions.countByArticle).not.toHaveBeenCalled();
    });

    it('should run the count query when the page is full', async () => {
      revisions.findByArticle.mockResolvedValue([revision(3), revision(2)]);
      revisions.countByArticle.mockResolvedValue(7);
      const answer = await service.list(SLUG, AUTHOR, page(2, 0));
      expect(revisions.countByArticle).toHaveBeenCalledWith(3);
      expect(answer.revisionsCount).toBe(7);
      expect(answer.revisions.map(({ id }) => id)).toEqual([3, 2]);
    });

    it('should run the count query for an empty page past the start, and for a page of no size', async () => {
      revisions.countByArticle.mockResolvedValue(4);
      expect(await service.list(SLUG, AUTHOR, page(5, 20))).toEqual({ revisions: [], revisionsCount: 4 });
      expect(await service.list(SLUG, AUTHOR, page(0, 0))).toEqual({ revisions: [], revisionsCount: 4 });
      expect(revisions.countByArticle).toHaveBeenCalledTimes(2);
    });
  });

  describe('findOne', () => {
    it("should answer 404 'revision' for an id the article has no revision of, reading no current article", async () => {
      expect(await rejection(service.findOne(SLUG, 99, AUTHOR))).toEqual(REVISION_NOT_FOUND);
      expect(revisions.findOne).toHaveBeenCalledWith(3, 99);
      expect(queries.findOne).not.toHaveBeenCalled();
    });

    it('should answer 404 for the article and 403 for a user who is not the author before reading the revision', async () => {
      queries.findVisibleOrFail.mockRejectedValueOnce(notFound('article'));
      expect(await rejection(service.findOne('nope', 1, AUTHOR))).toEqual(ARTICLE_NOT_FOUND);
      expect(await rejection(service.findOne(SLUG, 1, OTHER_USER))).toEqual(FORBIDDEN);
      expect(revisions.findOne).not.toHaveBeenCalled();
      expect(queries.findOne).not.toHaveBeenCalled();
    });

    it('should answer the revision with a line diff from it to the current article', async () => {
      revisions.findOne.mockResolvedValue(revision(2, { title: 'How to tame your dragon' }));
      const { revision: answer } = await service.findOne(SLUG, 2, MODERATOR);
      expect(queries.findOne).toHaveBeenCalledWith(SLUG, MODERATOR);
      expect(answer).toEqual({
        id: 2,
        title: 'How to tame your dragon',
        editor: 'jake',
        createdAt: '2026-01-02T00:00:00.000Z',
        replacedAt: '2026-01-03T00:00:00.000Z',
        description: 'Ever wonder how?',
        body: 'First line\nSecond line\nThird line',
        tagList: ['dragons'],
        diff: {
          title: [
            { op: '-', text: 'How to tame your dragon' },
            { op: '+', text: 'How to train your dragon' },
          ],
          description: [{ op: '=', text: 'Ever wonder how?' }],
          body: [
            { op: '=', text: 'First line' },
            { op: '-', text: 'Second line' },
            { op: '+', text: 'The second line' },
            { op: '=', text: 'Third line' },
            { op: '+', text: 'A fourth line' },
          ],
          tagList: [
            { op: '=', text: 'dragons' },
            { op: '+', text: 'training' },
          ],
        },
      });
    });

    it("should diff against the current article as the caller reads it (an article's own edit since)", async () => {
      revisions.findOne.mockResolvedValue(revision(1));
      queries.findOne.mockResolvedValue(
        current({ title: 'Version 1', body: 'Rewritten', tagList: ['dragons'] }),
      );
      const { revision: answer } = await service.findOne(SLUG, 1, AUTHOR);
      expect(answer.diff).toEqual({
        title: lineDiff('Version 1', 'Version 1'),
        description: lineDiff('Ever wonder how?', 'Ever wonder how?'),
        body: lineDiff('First line\nSecond line\nThird line', 'Rewritten'),
        tagList: [{ op: '=', text: 'dragons' }],
      });
      expect(answer.diff.body.filter(({ op }) => op === '-')).toHaveLength(3);
    });
  });

  describe('restore', () => {
    const restored = { article: { slug: 'version-2' } } as SingleArticleResponseDto;

    it("should edit the article back to the revision's title, description, body and tags, answering the edit", async () => {
      revisions.findOne.mockResolvedValue(revision(2, { tagList: ['dragons', 'old'] }));
      articles.update.mockResolvedValue(restored);
      expect(await service.restore(SLUG, 2, AUTHOR)).toBe(restored);
      expect(revisions.findOne).toHaveBeenCalledWith(3, 2);
      expect(articles.update).toHaveBeenCalledTimes(1);
      expect(articles.update).toHaveBeenCalledWith(SLUG, AUTHOR, {
        title: 'Version 2',
        description: 'Ever wonder how?',
        body: 'First line\nSecond line\nThird line',
        tagList: ['dragons', 'old'],
      });
      const [[, , dto]] = articles.update.mock.calls;
      expect(Object.keys(dto).sort()).toEqual(['body', 'description', 'tagList', 'title']);
    });

    it("should answer 404 'revision' for an unknown id and 403 for a user who is not the author, editing nothing", async () => {
      expect(await rejection(service.restore(SLUG, 99, AUTHOR))).toEqual(REVISION_NOT_FOUND);
      expect(await rejection(service.restore(SLUG, 2, OTHER_USER))).toEqual(FORBIDDEN);
      queries.findVisibleOrFail.mockRejectedValueOnce(notFound('article'));
      expect(await rejection(service.restore('nope', 2, AUTHOR))).toEqual(ARTICLE_NOT_FOUND);
      expect(articles.update).not.toHaveBeenCalled();
    });

    it("should leave the edit's own decision to ArticlesService: a moderator's restore is refused there", async () => {
      revisions.findOne.mockResolvedValue(revision(2));
      articles.update.mockRejectedValue(forbidden('article'));
      expect(await rejection(service.restore(SLUG, 2, MODERATOR))).toEqual(FORBIDDEN);
      expect(articles.update).toHaveBeenCalledWith(SLUG, MODERATOR, expect.any(Object));
    });
  });
});
