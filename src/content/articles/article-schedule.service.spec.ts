import { fakeDatabase, fakeEvents, TX } from '../../../test/support/unit-doubles';
import { PermanentJobError, type JobHandler } from '../../jobs/job-handler';
import type { JobRunner } from '../../jobs/job-runner.service';
import type { ClaimedJob } from '../../jobs/jobs.repository';
import { PUBLISH_JOB, UNPUBLISH_JOB, type ArticleListing } from './article-listing.service';
import { ArticleSchedule } from './article-schedule.service';
import { publishedOnSchedule, unpublishedOnSchedule } from './article-workflow';
import { ArticleChanged } from './article.events';
import type { ArticlesRepository, StoredArticle } from './articles.repository';

const minutesFromNow = (n: number): Date => new Date(Date.now() + n * 60_000);

const stored = (fields: Partial<StoredArticle> = {}): StoredArticle => ({
  id: 3,
  slug: 'how-to-train-your-dragon',
  title: 'How to train your dragon',
  description: 'Ever wonder how?',
  body: 'Believe',
  authorId: 7,
  editedBy: 7,
  deletedAt: null,
  deletedBy: null,
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  updatedAt: new Date('2026-01-01T00:00:00.000Z'),
  status: 'scheduled',
  publishedAt: null,
  listedAt: null,
  publishAt: minutesFromNow(-1),
  unpublishAt: null,
  ...fields,
});

/** Moved to the trash by its author: out of the lists, its status and times kept for a restore. */
const TRASHED: Partial<StoredArticle> = { deletedAt: minutesFromNow(-5), deletedBy: 7, listedAt: null };

const PUBLISHED: Partial<StoredArticle> = {
  status: 'published',
  publishedAt: new Date('2026-01-02T00:00:00.000Z'),
  listedAt: new Date('2026-01-02T00:00:00.000Z'),
  publishAt: null,
};

describe('ArticleSchedule', () => {
  let runner: jest.Mocked<Pick<JobRunner, 'handle'>>;
  let articles: jest.Mocked<Pick<ArticlesRepository, 'findStoredForUpdate'>>;
  let listing: jest.Mocked<Pick<ArticleListing, 'apply'>>;
  let database: ReturnType<typeof fakeDatabase>;
  let events: ReturnType<typeof fakeEvents>;
  let schedule: ArticleSchedule;

  beforeEach(() => {
    runner = { handle: jest.fn() };
    articles = { findStoredForUpdate: jest.fn().mockResolvedValue(null) };
    listing = { apply: jest.fn() };
    database = fakeDatabase();
    events = fakeEvents();
    schedule = new ArticleSchedule(
      runner as unknown as JobRunner,
      articles as unknown as ArticlesRepository,
      listing as unknown as ArticleListing,
      database,
      events,
    );
    schedule.onModuleInit();
  });

  /** Runs the handler the schedule registered for `type`, as the job runner would. */
  function run(type: string, payload: unknown): Promise<void> {
    const handler = runner.handle.mock.calls.find(([registered]) => registered === type)?.[1] as JobHandler;
    const job: ClaimedJob = { id: 1, type, payload, attempts: 1, maxAttempts: 5 };
    return handler(payload, job);
  }

  it('should handle the publication and the unpublication jobs', () => {
    expect(runner.handle.mock.calls.map(([type]) => type).sort()).toEqual(
      [PUBLISH_JOB, UNPUBLISH_JOB].sort(),
    );
  });

  describe('applyIfDue', () => {
    const always = (): boolean => true;

    it('should do nothing when the article is gone', async () => {
      expect(await schedule.applyIfDue(3, always, publishedOnSchedule)).toBe(false);
      expect(articles.findStoredForUpdate).toHaveBeenCalledWith(3, TX);
      expect(listing.apply).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should do nothing when the change is not due on the locked row', async () => {
      const article = stored();
      articles.findStoredForUpdate.mockResolvedValue(article);
      const due = jest.fn().mockReturnValue(false);
      expect(await schedule.applyIfDue(3, due, publishedOnSchedule)).toBe(false);
      expect(due).toHaveBeenCalledWith(article, expect.any(Date));
      expect(listing.apply).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should apply the next workflow in the transaction holding the lock, then publish the change', async () => {
      const article = stored();
      articles.findStoredForUpdate.mockResolvedValue(article);
      expect(await schedule.applyIfDue(3, always, publishedOnSchedule)).toBe(true);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(listing.apply).toHaveBeenCalledWith(article, publishedOnSchedule(article), TX);
      expect(events.published).toHaveLength(1);
    });
  });

  describe('the publication job', () => {
    it('should do nothing for an article that is gone', async () => {
      await run(PUBLISH_JOB, { articleId: 3 });
      expect(articles.findStoredForUpdate).toHaveBeenCalledWith(3, TX);
      expect(listing.apply).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it.each([
      ['still scheduled for later (rescheduled)', { publishAt: minutesFromNow(30) }],
      ['published already (the job ran twice, or the author published it)', PUBLISHED],
      ['a draft again', { status: 'draft', publishAt: null }],
      ['due but in the trash (its restore publishes it)', TRASHED],
    ] as [string, Partial<StoredArticle>][])('should do nothing for an article %s', async (_case, fields) => {
      articles.findStoredForUpdate.mockResolvedValue(stored(fields));
      await run(PUBLISH_JOB, { articleId: 3 });
      expect(listing.apply).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should publish a due scheduled article, listed at its publishAt, and publish one ArticleChanged of its status', async () => {
      const publishAt = minutesFromNow(-1);
      const article = stored({ publishAt });
      articles.findStoredForUpdate.mockResolvedValue(article);
      await run(PUBLISH_JOB, { articleId: 3 });
      expect(listing.apply).toHaveBeenCalledWith(
        article,
        expect.objectContaining({
          status: 'published',
          publishedAt: publishAt,
          listedAt: publishAt,
          publishAt: null,
          unpublishAt: null,
        }),
        TX,
      );
      expect(events.published).toEqual([expect.any(ArticleChanged)]);
      expect(events.published[0]).toMatchObject({
        article: { id: 3, slug: 'how-to-train-your-dragon', authorId: 7 },
        previousSlug: 'how-to-train-your-dragon',
        fields: ['status'],
        actorId: 7,
      });
    });

    it('should publish an article whose publishAt is exactly now', async () => {
      const article = stored({ publishAt: new Date() });
      articles.findStoredForUpdate.mockResolvedValue(article);
      await run(PUBLISH_JOB, { articleId: 3 });
      expect(listing.apply).toHaveBeenCalledTimes(1);
    });
  });

  describe('the unpublication job', () => {
    it.each([
      ['without an unpublishAt', { ...PUBLISHED, unpublishAt: null }],
      ['with its unpublishAt still ahead (moved later)', { ...PUBLISHED, unpublishAt: minutesFromNow(30) }],
      ['unpublished already', { ...PUBLISHED, status: 'unpublished', listedAt: null, unpublishAt: null }],
      ['still scheduled', { unpublishAt: minutesFromNow(-1) }],
      [
        'due but in the trash (its restore unpublishes it)',
        { ...PUBLISHED, unpublishAt: minutesFromNow(-1), ...TRASHED },
      ],
    ] as [string, Partial<StoredArticle>][])('should do nothing for an article %s', async (_case, fields) => {
      articles.findStoredForUpdate.mockResolvedValue(stored(fields));
      await run(UNPUBLISH_JOB, { articleId: 3 });
      expect(listing.apply).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should take a due published article out of the lists and publish one ArticleChanged of its status', async () => {
      const article = stored({ ...PUBLISHED, unpublishAt: minutesFromNow(-1) });
      articles.findStoredForUpdate.mockResolvedValue(article);
      await run(UNPUBLISH_JOB, { articleId: 3 });
      expect(listing.apply).toHaveBeenCalledWith(article, unpublishedOnSchedule(article), TX);
      expect(listing.apply.mock.calls[0][1]).toMatchObject({
        status: 'unpublished',
        listedAt: null,
        unpublishAt: null,
        publishedAt: PUBLISHED.publishedAt,
      });
      expect(events.published).toEqual([expect.any(ArticleChanged)]);
      expect(events.published[0]).toMatchObject({ fields: ['status'] });
    });
  });

  it.each([PUBLISH_JOB, UNPUBLISH_JOB])(
    'should fail a %s job whose payload names no article permanently, reading nothing',
    async (type) => {
      for (const payload of [{}, null, undefined, { articleId: '3' }, { articleId: 1.5 }, { id: 3 }])
        await expect(run(type, payload)).rejects.toBeInstanceOf(PermanentJobError);
      expect(database.transaction).not.toHaveBeenCalled();
      expect(articles.findStoredForUpdate).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    },
  );
});
