import { Test } from '@nestjs/testing';
import { QueryFailedError } from 'typeorm';
import { fakeEvents, rejection, uniqueViolation } from '../../../test/support/unit-doubles';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { notFound } from '../../common/errors/http-errors';
import { DomainEvents } from '../../events/domain-events.service';
import { EventsModule } from '../../events/events.module';
import { ArticleDeleted } from '../articles/article.events';
import { ArticlesQueryService } from '../articles/articles-query.service';
import { CommentDeleted } from '../comments/comment.events';
import { CommentsService } from '../comments/comments.service';
import { ReportResolved } from './report.events';
import { ReportsRepository, type ReportRow } from './reports.repository';
import { ReportsService } from './reports.service';

const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const REPORTER: AuthUser = {
  id: 42,
  token: 'jwt',
  sessionId: 'session-a',
  profile: { username: 'jake', bio: null, image: null },
  emailConfirmed: true,
  role: 'user',
};
const MODERATOR: AuthUser = {
  ...REPORTER,
  id: 9,
  profile: { ...REPORTER.profile, username: 'anna' },
  role: 'moderator',
};
const CREATED = new Date('2026-03-01T10:00:00.000Z');

const row = (fields: Partial<ReportRow> = {}): ReportRow => ({
  id: 5,
  targetType: 'article',
  targetId: 3,
  articleSlug: 'dragons',
  reason: 'Spam',
  status: 'open',
  reporter: 'jake',
  createdAt: CREATED,
  resolvedAt: null,
  resolver: null,
  resolutionNote: null,
  ...fields,
});

/** A repeated report as each engine refuses it (see db-errors.spec.ts): MySQL names the index, SQLite the columns. */
const REPEATED_REPORT = {
  mysql: uniqueViolation('UQ_reports_reporter_target'),
  sqlite: new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error(), {
      code: 'SQLITE_CONSTRAINT_UNIQUE',
      message: 'UNIQUE constraint failed: reports.reporter_id, reports.target_type, reports.target_id',
    }),
  ),
};

describe('ReportsService', () => {
  let reports: jest.Mocked<ReportsRepository>;
  let articles: jest.Mocked<Pick<ArticlesQueryService, 'findVisibleIdOrFail'>>;
  let comments: jest.Mocked<Pick<CommentsService, 'locate'>>;
  let events: ReturnType<typeof fakeEvents>;
  let service: ReportsService;

  beforeEach(() => {
    reports = {
      insert: jest.fn().mockResolvedValue(5),
      findById: jest.fn().mockResolvedValue(row()),
      findPage: jest.fn().mockResolvedValue({ reports: [], count: 0 }),
      close: jest.fn().mockResolvedValue(true),
      resolveTarget: jest.fn().mockResolvedValue(1),
    } as unknown as jest.Mocked<ReportsRepository>;
    articles = { findVisibleIdOrFail: jest.fn().mockResolvedValue(3) };
    comments = { locate: jest.fn().mockResolvedValue({ articleId: 3, authorId: 7 }) };
    events = fakeEvents();
    service = new ReportsService(
      reports,
      articles as unknown as ArticlesQueryService,
      comments as unknown as CommentsService,
      events,
    );
  });

  describe('reportArticle', () => {
    it("should file an open report of the article in the reporter's name and answer it as stored", async () => {
      const answer = await service.reportArticle('dragons', REPORTER, 'Spam');
      expect(articles.findVisibleIdOrFail).toHaveBeenCalledWith('dragons', REPORTER);
      expect(reports.insert).toHaveBeenCalledWith({
        reporterId: 42,
        targetType: 'article',
        targetId: 3,
        articleSlug: 'dragons',
        reason: 'Spam',
        createdAt: expect.any(Date),
      });
      expect(reports.findById).toHaveBeenCalledWith(5);
      expect(answer).toEqual({
        report: {
          id: 5,
          target: { type: 'article', slug: 'dragons' },
          reason: 'Spam',
          status: 'open',
          reporter: 'jake',
          createdAt: CREATED.toISOString(),
          resolvedAt: null,
          resolver: null,
          note: null,
        },
      });
    });

    it('should answer 404 for an unknown article (or one the reporter may not see), filing nothing', async () => {
      articles.findVisibleIdOrFail.mockRejectedValueOnce(notFound('article'));
      expect(await rejection(service.reportArticle('nope', REPORTER, 'Spam'))).toEqual({
        status: 404,
        body: { errors: { article: ['not found'] } },
      });
      expect(reports.insert).not.toHaveBeenCalled();
    });

    it.each(Object.entries(REPEATED_REPORT))(
      'should answer 409 when the reporter reported it already (as %s refuses the row)',
      async (_engine, error) => {
        reports.insert.mockRejectedValueOnce(error);
        expect(await rejection(service.reportArticle('dragons', REPORTER, 'Spam again'))).toEqual({
          status: 409,
          body: { errors: { report: ['you have reported this already'] } },
        });
        expect(reports.findById).not.toHaveBeenCalled();
      },
    );

    it('should let a violation of another unique index through as it is', async () => {
      const other = uniqueViolation('UQ_users_email');
      reports.insert.mockRejectedValueOnce(other);
      await expect(service.reportArticle('dragons', REPORTER, 'Spam')).rejects.toBe(other);
    });
  });

  describe('reportComment', () => {
    it('should file a report of the comment under the slug it was reported at', async () => {
      reports.findById.mockResolvedValueOnce(row({ targetType: 'comment', targetId: 11 }));
      const answer = await service.reportComment('dragons', 11, REPORTER, 'Rude');
      expect(comments.locate).toHaveBeenCalledWith('dragons', 11, REPORTER);
      expect(reports.insert).toHaveBeenCalledWith(
        expect.objectContaining({
          targetType: 'comment',
          targetId: 11,
          articleSlug: 'dragons',
          reason: 'Rude',
        }),
      );
      expect(answer.report.target).toEqual({ type: 'comment', slug: 'dragons', commentId: 11 });
    });

    it('should answer 404 for a comment not on the article, filing nothing', async () => {
      comments.locate.mockRejectedValueOnce(notFound('comment'));
      expect(await rejection(service.reportComment('dragons', 12, REPORTER, 'Rude'))).toEqual({
        status: 404,
        body: { errors: { comment: ['not found'] } },
      });
      expect(reports.insert).not.toHaveBeenCalled();
    });

    it.each(Object.entries(REPEATED_REPORT))(
      'should answer 409 to a repeated report of a comment (as %s refuses the row)',
      async (_engine, error) => {
        reports.insert.mockRejectedValueOnce(error);
        expect((await rejection(service.reportComment('dragons', 11, REPORTER, 'Rude'))).status).toBe(409);
      },
    );
  });

  describe('list', () => {
    it('should answer the page of the status asked for, with how many there are', async () => {
      reports.findPage.mockResolvedValueOnce({ reports: [row(), row({ id: 6 })], count: 14 });
      const answer = await service.list({ status: 'open', limit: 2, offset: 4 });
      expect(reports.findPage).toHaveBeenCalledWith({ status: 'open', limit: 2, offset: 4 });
      expect(answer.reportsCount).toBe(14);
      expect(answer.reports.map((report) => report.id)).toEqual([5, 6]);
    });
  });

  describe('resolve', () => {
    it('should close the open report, publish ReportResolved and answer it as stored', async () => {
      const resolvedAt = new Date('2026-03-02T09:00:00.000Z');
      reports.findById.mockResolvedValueOnce(
        row({ status: 'resolved', resolver: 'anna', resolvedAt, resolutionNote: 'Removed' }),
      );
      const answer = await service.resolve(5, MODERATOR, { status: 'resolved', note: 'Removed' }, CLIENT);
      expect(reports.close).toHaveBeenCalledWith(5, 'resolved', 9, 'Removed', expect.any(Date));
      expect(events.published).toEqual([expect.any(ReportResolved)]);
      expect(events.published[0]).toMatchObject({
        reportId: 5,
        status: 'resolved',
        actorId: 9,
        client: CLIENT,
      });
      expect(answer.report).toMatchObject({
        status: 'resolved',
        resolver: 'anna',
        resolvedAt: resolvedAt.toISOString(),
        note: 'Removed',
      });
    });

    it('should store no note when none is given', async () => {
      await service.resolve(5, MODERATOR, { status: 'dismissed' }, CLIENT);
      expect(reports.close).toHaveBeenCalledWith(5, 'dismissed', 9, null, expect.any(Date));
    });

    it('should answer 409 when the report is closed already, publishing nothing', async () => {
      reports.close.mockResolvedValueOnce(false);
      reports.findById.mockResolvedValueOnce(row({ status: 'dismissed' }));
      expect(await rejection(service.resolve(5, MODERATOR, { status: 'resolved' }, CLIENT))).toEqual({
        status: 409,
        body: { errors: { report: ['is already closed'] } },
      });
      expect(events.published).toEqual([]);
    });

    it('should answer 404 for an unknown report, publishing nothing', async () => {
      reports.close.mockResolvedValueOnce(false);
      reports.findById.mockResolvedValueOnce(null);
      expect(await rejection(service.resolve(99, MODERATOR, { status: 'resolved' }, CLIENT))).toEqual({
        status: 404,
        body: { errors: { report: ['not found'] } },
      });
      expect(reports.findById).toHaveBeenCalledWith(99);
      expect(events.published).toEqual([]);
    });
  });

  describe('content removed', () => {
    const at = new Date('2026-03-03T12:00:00.000Z');
    const article = { id: 3, slug: 'dragons', authorId: 7 };
    const comment = { id: 11, authorId: 7, article: { id: 3, slug: 'dragons' } };

    it("should resolve the open reports of an article a moderator removed, in the moderator's name", async () => {
      await service.articleRemoved(new ArticleDeleted(article, 9, at, CLIENT));
      expect(reports.resolveTarget).toHaveBeenCalledWith('article', 3, 9, at);
    });

    it('should leave the reports of an article its author deleted open', async () => {
      await service.articleRemoved(new ArticleDeleted(article, 7, at));
      expect(reports.resolveTarget).not.toHaveBeenCalled();
    });

    it("should resolve the open reports of a comment a moderator removed, in the moderator's name", async () => {
      await service.commentRemoved(new CommentDeleted(comment, 9, at, CLIENT));
      expect(reports.resolveTarget).toHaveBeenCalledWith('comment', 11, 9, at);
    });

    it('should leave the reports of a comment its author deleted open', async () => {
      await service.commentRemoved(new CommentDeleted(comment, 7, at));
      expect(reports.resolveTarget).not.toHaveBeenCalled();
    });

    it('should hear of removals published on the bus', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [EventsModule],
        providers: [
          ReportsService,
          { provide: ReportsRepository, useValue: reports },
          { provide: ArticlesQueryService, useValue: articles },
          { provide: CommentsService, useValue: comments },
        ],
      }).compile();
      await moduleRef.init();
      try {
        const bus = moduleRef.get(DomainEvents);
        await bus.publish(new ArticleDeleted(article, 9, at, CLIENT));
        await bus.publish(new CommentDeleted(comment, 10, at, CLIENT));
        expect(reports.resolveTarget.mock.calls).toEqual([
          ['article', 3, 9, at],
          ['comment', 11, 10, at],
        ]);
      } finally {
        await moduleRef.close();
      }
    });
  });
});
