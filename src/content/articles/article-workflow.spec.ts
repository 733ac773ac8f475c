import { HttpException } from '@nestjs/common';
import {
  initialWorkflow,
  isListed,
  nextWorkflow,
  publishedOnSchedule,
  restoredWorkflow,
  trashedWorkflow,
  unpublishedOnSchedule,
  type ArticleStatus,
  type Workflow,
  type WorkflowRequest,
} from './article-workflow';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const minutes = (n: number): Date => new Date(NOW.getTime() + n * 60_000);
const FIRST_PUBLISHED = new Date('2026-01-01T00:00:00.000Z');

const DRAFT: Workflow = {
  status: 'draft',
  publishedAt: null,
  listedAt: null,
  publishAt: null,
  unpublishAt: null,
};
const SCHEDULED: Workflow = { ...DRAFT, status: 'scheduled', publishAt: minutes(60) };
const PUBLISHED: Workflow = {
  status: 'published',
  publishedAt: FIRST_PUBLISHED,
  listedAt: FIRST_PUBLISHED,
  publishAt: null,
  unpublishAt: null,
};
const UNPUBLISHED: Workflow = { ...PUBLISHED, status: 'unpublished', listedAt: null };
const CURRENT: Record<ArticleStatus, Workflow> = {
  draft: DRAFT,
  scheduled: SCHEDULED,
  published: PUBLISHED,
  unpublished: UNPUBLISHED,
};

/** The 422 a call threw: its status and the fields its body names. */
function refusal(run: () => unknown): { status: number; fields: string[] } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpException);
    const http = error as HttpException;
    const body = http.getResponse() as { errors: Record<string, string[]> };
    for (const messages of Object.values(body.errors)) expect(messages).toEqual([expect.any(String)]);
    return { status: http.getStatus(), fields: Object.keys(body.errors) };
  }
  throw new Error('expected the workflow to refuse');
}

const refusedOn = (field: string) => ({ status: 422, fields: [field] });

describe('article workflow', () => {
  it('should list published articles only', () => {
    expect(isListed('published')).toBe(true);
    for (const status of ['draft', 'scheduled', 'unpublished'] as const) expect(isListed(status)).toBe(false);
  });

  describe('initialWorkflow', () => {
    it('should publish a new article at once when the request says nothing (RealWorld clients)', () => {
      expect(initialWorkflow({}, NOW)).toEqual({
        status: 'published',
        publishedAt: NOW,
        listedAt: NOW,
        publishAt: null,
        unpublishAt: null,
      });
    });

    it('should keep a draft unlisted and never published', () => {
      expect(initialWorkflow({ status: 'draft' }, NOW)).toEqual(DRAFT);
    });

    it('should refuse a new article that is unpublished already, naming status', () => {
      expect(refusal(() => initialWorkflow({ status: 'unpublished' }, NOW))).toEqual(refusedOn('status'));
    });

    it('should schedule an article for a time in the future, unlisted until then', () => {
      expect(initialWorkflow({ status: 'scheduled', publishAt: minutes(60) }, NOW)).toEqual(SCHEDULED);
    });

    it.each([
      ['without a time', {}],
      ['with a null time', { publishAt: null }],
      ['for now', { publishAt: NOW }],
      ['for a time past', { publishAt: minutes(-1) }],
    ])('should refuse a schedule %s, naming publishAt', (_case, request: WorkflowRequest) => {
      expect(refusal(() => initialWorkflow({ status: 'scheduled', ...request }, NOW))).toEqual(
        refusedOn('publishAt'),
      );
    });

    it.each(['draft', 'published'] as const)('should refuse publishAt for a %s article', (status) => {
      expect(refusal(() => initialWorkflow({ status, publishAt: minutes(60) }, NOW))).toEqual(
        refusedOn('publishAt'),
      );
    });

    it('should refuse publishAt without a status: the default is published', () => {
      expect(refusal(() => initialWorkflow({ publishAt: minutes(60) }, NOW))).toEqual(refusedOn('publishAt'));
    });

    it('should take an unpublishAt later than the publication, for a published or a scheduled article', () => {
      expect(initialWorkflow({ unpublishAt: minutes(1) }, NOW)).toMatchObject({
        status: 'published',
        unpublishAt: minutes(1),
      });
      expect(
        initialWorkflow({ status: 'scheduled', publishAt: minutes(60), unpublishAt: minutes(61) }, NOW),
      ).toEqual({ ...SCHEDULED, unpublishAt: minutes(61) });
    });

    it.each([
      ['a published article, now', { unpublishAt: NOW }],
      ['a published article, in the past', { unpublishAt: minutes(-5) }],
      [
        'a scheduled article, at its publication',
        { status: 'scheduled', publishAt: minutes(60), unpublishAt: minutes(60) },
      ],
      [
        'a scheduled article, before its publication',
        { status: 'scheduled', publishAt: minutes(60), unpublishAt: minutes(30) },
      ],
    ] as [string, WorkflowRequest][])(
      'should refuse an unpublishAt not later than the publication of %s',
      (_case, request) => {
        expect(refusal(() => initialWorkflow(request, NOW))).toEqual(refusedOn('unpublishAt'));
      },
    );

    it('should refuse an unpublishAt for a draft, and take a null one', () => {
      expect(refusal(() => initialWorkflow({ status: 'draft', unpublishAt: minutes(60) }, NOW))).toEqual(
        refusedOn('unpublishAt'),
      );
      expect(initialWorkflow({ status: 'draft', unpublishAt: null, publishAt: null }, NOW)).toEqual(DRAFT);
    });
  });

  describe('nextWorkflow', () => {
    it('should refuse moving a publication time past the stored unpublication time', () => {
      const expiring = { ...SCHEDULED, unpublishAt: minutes(90) };
      expect(refusal(() => nextWorkflow(expiring, { publishAt: minutes(120) }, NOW))).toEqual(
        refusedOn('unpublishAt'),
      );
      expect(nextWorkflow(expiring, { publishAt: minutes(80) }, NOW).publishAt).toEqual(minutes(80));
    });

    it.each([
      ['draft', 'scheduled'],
      ['draft', 'published'],
      ['scheduled', 'draft'],
      ['scheduled', 'published'],
      ['published', 'unpublished'],
      ['published', 'draft'],
      ['unpublished', 'draft'],
      ['unpublished', 'scheduled'],
      ['unpublished', 'published'],
    ] as [ArticleStatus, ArticleStatus][])('should allow %s → %s', (from, to) => {
      const request: WorkflowRequest =
        to === 'scheduled' ? { status: to, publishAt: minutes(30) } : { status: to };
      const next = nextWorkflow(CURRENT[from], request, NOW);
      expect(next.status).toBe(to);
      expect(next.listedAt === null).toBe(to !== 'published');
      expect(next.publishAt === null).toBe(to !== 'scheduled');
    });

    it.each([
      ['draft', 'unpublished'],
      ['scheduled', 'unpublished'],
      ['published', 'scheduled'],
    ] as [ArticleStatus, ArticleStatus][])('should refuse %s → %s with 422 naming status', (from, to) => {
      const request: WorkflowRequest =
        to === 'scheduled' ? { status: to, publishAt: minutes(30) } : { status: to };
      expect(refusal(() => nextWorkflow(CURRENT[from], request, NOW))).toEqual(refusedOn('status'));
    });

    it.each(Object.keys(CURRENT) as ArticleStatus[])(
      'should answer the same object when a %s article is asked nothing, or its own status',
      (status) => {
        const current = CURRENT[status];
        expect(nextWorkflow(current, {}, NOW)).toBe(current);
        expect(nextWorkflow(current, { status }, NOW)).toBe(current);
      },
    );

    it('should answer the same object when the times repeat the current ones (equal, not identical, Dates)', () => {
      const current = { ...PUBLISHED, unpublishAt: minutes(90) };
      expect(nextWorkflow(current, { status: 'published', unpublishAt: minutes(90) }, NOW)).toBe(current);
      const scheduled = { ...SCHEDULED };
      expect(nextWorkflow(scheduled, { publishAt: minutes(60) }, NOW)).toBe(scheduled);
    });

    it('should publish a draft now, listed at its publication', () => {
      expect(nextWorkflow(DRAFT, { status: 'published' }, NOW)).toEqual({
        status: 'published',
        publishedAt: NOW,
        listedAt: NOW,
        publishAt: null,
        unpublishAt: null,
      });
    });

    it('should keep the first publication time when an article is published again', () => {
      const republished = nextWorkflow(UNPUBLISHED, { status: 'published' }, NOW);
      expect(republished).toMatchObject({
        status: 'published',
        publishedAt: FIRST_PUBLISHED,
        listedAt: FIRST_PUBLISHED,
      });
      const backFromDraft = nextWorkflow(
        nextWorkflow(PUBLISHED, { status: 'draft' }, NOW),
        { status: 'published' },
        NOW,
      );
      expect(backFromDraft.publishedAt).toEqual(FIRST_PUBLISHED);
    });

    it('should take an article out of the lists, keeping when it was first published', () => {
      expect(nextWorkflow(PUBLISHED, { status: 'unpublished' }, NOW)).toEqual(UNPUBLISHED);
      expect(nextWorkflow(PUBLISHED, { status: 'draft' }, NOW)).toEqual({ ...UNPUBLISHED, status: 'draft' });
    });

    it('should drop the unpublication time of an article taken out of the lists, and keep it while published', () => {
      const expiring = { ...PUBLISHED, unpublishAt: minutes(90) };
      expect(nextWorkflow(expiring, { status: 'unpublished' }, NOW).unpublishAt).toBeNull();
      expect(nextWorkflow(expiring, { status: 'draft' }, NOW).unpublishAt).toBeNull();
      const scheduled = { ...SCHEDULED, unpublishAt: minutes(90) };
      expect(nextWorkflow(scheduled, { status: 'published' }, NOW)).toEqual({
        status: 'published',
        publishedAt: NOW,
        listedAt: NOW,
        publishAt: null,
        unpublishAt: minutes(90),
      });
    });

    it('should clear a time sent as null', () => {
      expect(nextWorkflow({ ...PUBLISHED, unpublishAt: minutes(90) }, { unpublishAt: null }, NOW)).toEqual(
        PUBLISHED,
      );
    });

    it('should need a future publishAt to schedule, naming publishAt', () => {
      expect(refusal(() => nextWorkflow(DRAFT, { status: 'scheduled' }, NOW))).toEqual(
        refusedOn('publishAt'),
      );
      expect(refusal(() => nextWorkflow(DRAFT, { status: 'scheduled', publishAt: NOW }, NOW))).toEqual(
        refusedOn('publishAt'),
      );
      expect(refusal(() => nextWorkflow(SCHEDULED, { publishAt: minutes(-1) }, NOW))).toEqual(
        refusedOn('publishAt'),
      );
      expect(refusal(() => nextWorkflow(SCHEDULED, { publishAt: null }, NOW))).toEqual(
        refusedOn('publishAt'),
      );
    });

    it('should reschedule a scheduled article to another future time', () => {
      expect(nextWorkflow(SCHEDULED, { publishAt: minutes(120) }, NOW)).toEqual({
        ...SCHEDULED,
        publishAt: minutes(120),
      });
    });

    it.each(['draft', 'published', 'unpublished'] as const)(
      'should refuse publishAt for an article that stays or becomes %s',
      (status) => {
        expect(refusal(() => nextWorkflow(PUBLISHED, { status, publishAt: minutes(60) }, NOW))).toEqual(
          refusedOn('publishAt'),
        );
      },
    );

    it('should refuse an unpublishAt not later than the publication, and for a draft or an unpublished article', () => {
      expect(refusal(() => nextWorkflow(PUBLISHED, { unpublishAt: minutes(-1) }, NOW))).toEqual(
        refusedOn('unpublishAt'),
      );
      expect(refusal(() => nextWorkflow(SCHEDULED, { unpublishAt: minutes(59) }, NOW))).toEqual(
        refusedOn('unpublishAt'),
      );
      expect(nextWorkflow(SCHEDULED, { unpublishAt: minutes(61) }, NOW).unpublishAt).toEqual(minutes(61));
      expect(
        refusal(() => nextWorkflow(PUBLISHED, { status: 'draft', unpublishAt: minutes(60) }, NOW)),
      ).toEqual(refusedOn('unpublishAt'));
      expect(refusal(() => nextWorkflow(UNPUBLISHED, { unpublishAt: minutes(60) }, NOW))).toEqual(
        refusedOn('unpublishAt'),
      );
    });

    it('should not fail an edit of a scheduled article whose publishAt has just passed (the job is due)', () => {
      const due = { ...SCHEDULED, publishAt: minutes(-1), unpublishAt: minutes(30) };
      expect(nextWorkflow(due, {}, NOW)).toBe(due);
      expect(nextWorkflow(due, { status: 'scheduled' }, NOW)).toBe(due);
      // Moving it elsewhere is still possible; only a newly given time is checked.
      expect(nextWorkflow(due, { status: 'draft' }, NOW)).toMatchObject({ status: 'draft', publishAt: null });
      expect(nextWorkflow(due, { publishAt: minutes(10) }, NOW).publishAt).toEqual(minutes(10));
    });

    it('should not check a stored unpublishAt again once it passed', () => {
      const overdue = { ...PUBLISHED, unpublishAt: minutes(-1) };
      expect(nextWorkflow(overdue, { status: 'published' }, NOW)).toBe(overdue);
    });
  });

  describe('on schedule', () => {
    it('should publish a due scheduled article listed at its publishAt, not at the time the job ran', () => {
      const due = { ...SCHEDULED, publishAt: minutes(-10), unpublishAt: minutes(30) };
      expect(publishedOnSchedule(due)).toEqual({
        status: 'published',
        publishedAt: minutes(-10),
        listedAt: minutes(-10),
        publishAt: null,
        unpublishAt: minutes(30),
      });
    });

    it('should keep the first publication time of an article scheduled again', () => {
      const rescheduled = nextWorkflow(UNPUBLISHED, { status: 'scheduled', publishAt: minutes(5) }, NOW);
      expect(publishedOnSchedule(rescheduled)).toMatchObject({
        status: 'published',
        publishedAt: FIRST_PUBLISHED,
        listedAt: FIRST_PUBLISHED,
        publishAt: null,
      });
    });

    it('should unpublish a due article, out of the lists, its unpublishAt spent and its publication kept', () => {
      const expiring = { ...PUBLISHED, unpublishAt: minutes(-1) };
      expect(unpublishedOnSchedule(expiring)).toEqual(UNPUBLISHED);
    });
  });

  describe('the trash', () => {
    it.each(Object.keys(CURRENT) as ArticleStatus[])(
      'should take a %s article out of the lists, keeping its status and times for the restore',
      (status) => {
        expect(trashedWorkflow(CURRENT[status])).toEqual({ ...CURRENT[status], listedAt: null });
      },
    );

    it('should list a published article again at its publication time, not at the restore', () => {
      const expiring = { ...PUBLISHED, unpublishAt: minutes(90) };
      expect(restoredWorkflow(trashedWorkflow(expiring), NOW)).toEqual(expiring);
      expect(restoredWorkflow(trashedWorkflow(PUBLISHED), NOW).listedAt).toEqual(FIRST_PUBLISHED);
    });

    it.each(['draft', 'unpublished'] as const)('should keep a %s article unlisted', (status) => {
      expect(restoredWorkflow(trashedWorkflow(CURRENT[status]), NOW)).toEqual(CURRENT[status]);
    });

    it('should keep a scheduled article whose publishAt is still ahead scheduled and unlisted', () => {
      const scheduled = { ...SCHEDULED, unpublishAt: minutes(120) };
      expect(restoredWorkflow(trashedWorkflow(scheduled), NOW)).toEqual(scheduled);
    });

    it.each([
      ['passed while it was in the trash', minutes(-30)],
      ['is exactly now', NOW],
    ])(
      'should publish a scheduled article whose publishAt %s, listed at its publishAt',
      (_case, publishAt) => {
        const due = { ...SCHEDULED, publishAt, unpublishAt: minutes(60) };
        expect(restoredWorkflow(trashedWorkflow(due), NOW)).toEqual({
          status: 'published',
          publishedAt: publishAt,
          listedAt: publishAt,
          publishAt: null,
          unpublishAt: minutes(60),
        });
      },
    );

    it('should unpublish a published article whose unpublishAt passed while it was in the trash', () => {
      const expired = { ...PUBLISHED, unpublishAt: minutes(-1) };
      expect(restoredWorkflow(trashedWorkflow(expired), NOW)).toEqual(UNPUBLISHED);
    });

    it('should publish then unpublish a scheduled article whose publishAt and unpublishAt both passed', () => {
      const both = { ...SCHEDULED, publishAt: minutes(-60), unpublishAt: minutes(-30) };
      expect(restoredWorkflow(trashedWorkflow(both), NOW)).toEqual({
        status: 'unpublished',
        publishedAt: minutes(-60),
        listedAt: null,
        publishAt: null,
        unpublishAt: null,
      });
    });
  });
});
