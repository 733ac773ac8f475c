import { unprocessable } from '../../common/errors/http-errors';

/**
 * - `draft`: being written; seen by its author (and moderators, admins) only;
 * - `scheduled`: published by the job runner at `publishAt`;
 * - `published`: public, in every list; unpublished by the job runner at `unpublishAt` when that is set;
 * - `unpublished`: taken down after having been published; seen as a draft is.
 */
export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** An article's workflow columns. `listedAt` (the lists' sort key) is `publishedAt` while published, else null. */
export interface Workflow {
  status: ArticleStatus;
  publishedAt: Date | null;
  listedAt: Date | null;
  publishAt: Date | null;
  unpublishAt: Date | null;
}

/** What a create or an update asks of the workflow; `null` clears a time. */
export interface WorkflowRequest {
  status?: ArticleStatus;
  publishAt?: Date | null;
  unpublishAt?: Date | null;
}

/** Which statuses an article may move to from each (staying where it is is always allowed). */
const NEXT: Record<ArticleStatus, readonly ArticleStatus[]> = {
  draft: ['scheduled', 'published'],
  scheduled: ['draft', 'published'],
  published: ['unpublished', 'draft'],
  unpublished: ['draft', 'scheduled', 'published'],
};

export const isListed = (status: ArticleStatus): boolean => status === 'published';

/** A new article's workflow: published at once unless the request says otherwise (RealWorld clients never do). */
export function initialWorkflow(request: WorkflowRequest, now: Date): Workflow {
  const status = request.status ?? 'published';
  if (status === 'unpublished')
    throw unprocessable({ status: ['must be draft, scheduled or published for a new article'] });
  checkTimes(status, request, request.publishAt ?? null, now);
  return settle(status, null, request.publishAt ?? null, request.unpublishAt ?? null, now);
}

/** The workflow after an update; the same object when the request changes nothing. */
export function nextWorkflow(current: Workflow, request: WorkflowRequest, now: Date): Workflow {
  const status = request.status ?? current.status;
  if (status !== current.status && !NEXT[current.status].includes(status))
    throw unprocessable({ status: [`cannot change from ${current.status} to ${status}`] });
  const publishAt = request.publishAt !== undefined ? request.publishAt : current.publishAt;
  const keepsUnpublishAt = status === 'scheduled' || status === 'published';
  const unpublishAt =
    request.unpublishAt !== undefined ? request.unpublishAt : keepsUnpublishAt ? current.unpublishAt : null;
  // A time already stored is not checked again: an edit a moment after it passed must not fail.
  const newlyScheduled =
    status === 'scheduled' && (current.status !== 'scheduled' || request.publishAt !== undefined);
  checkTimes(
    status,
    {
      publishAt: newlyScheduled ? publishAt : request.publishAt,
      // A new publication time is checked against the stored unpublication time too.
      unpublishAt: request.unpublishAt !== undefined || !newlyScheduled ? request.unpublishAt : unpublishAt,
    },
    publishAt,
    now,
  );
  const next = settle(status, current.publishedAt, publishAt, unpublishAt, now);
  return sameWorkflow(current, next) ? current : next;
}

/** The workflow that scheduled publication gives a due article: published, listed at the scheduled time. */
export function publishedOnSchedule(current: Workflow): Workflow {
  const at = current.publishAt ?? new Date();
  const publishedAt = current.publishedAt ?? at;
  return { ...current, status: 'published', publishedAt, listedAt: publishedAt, publishAt: null };
}

/** The workflow that scheduled unpublication gives a due article. */
export function unpublishedOnSchedule(current: Workflow): Workflow {
  return { ...current, status: 'unpublished', listedAt: null, unpublishAt: null };
}

/** Out of the lists while in the trash; its status and times are kept for the restore. */
export function trashedWorkflow(current: Workflow): Workflow {
  return { ...current, listedAt: null };
}

/**
 * The workflow a restore gives: listed again if it is published, and what its schedule says should have happened
 * while it was in the trash happens now (a due publication, then a due unpublication).
 */
export function restoredWorkflow(current: Workflow, now: Date): Workflow {
  const isDue = (at: Date | null): boolean => at !== null && at.getTime() <= now.getTime();
  let next: Workflow = { ...current, listedAt: isListed(current.status) ? current.publishedAt : null };
  if (next.status === 'scheduled' && isDue(next.publishAt)) next = publishedOnSchedule(next);
  if (next.status === 'published' && isDue(next.unpublishAt)) next = unpublishedOnSchedule(next);
  return next;
}

/** The times a request gives (or, for `publishAt`, makes newly effective) must make sense now. */
function checkTimes(status: ArticleStatus, given: WorkflowRequest, publishAt: Date | null, now: Date): void {
  if (given.publishAt !== undefined && given.publishAt !== null) {
    if (status !== 'scheduled') throw unprocessable({ publishAt: ['is only for scheduled articles'] });
    if (given.publishAt <= now)
      throw unprocessable({ publishAt: ['must be a time in the future for a scheduled article'] });
  }
  if (status === 'scheduled' && publishAt === null)
    throw unprocessable({ publishAt: ['is required for a scheduled article'] });
  if (given.unpublishAt !== undefined && given.unpublishAt !== null) {
    if (status !== 'scheduled' && status !== 'published')
      throw unprocessable({ unpublishAt: ['is only for scheduled or published articles'] });
    const publication = status === 'scheduled' && publishAt !== null ? publishAt : now;
    if (given.unpublishAt <= publication)
      throw unprocessable({ unpublishAt: ['must be later than the publication'] });
  }
}

function settle(
  status: ArticleStatus,
  publishedBefore: Date | null,
  publishAt: Date | null,
  unpublishAt: Date | null,
  now: Date,
): Workflow {
  const publishedAt = status === 'published' ? (publishedBefore ?? now) : publishedBefore;
  return {
    status,
    publishedAt,
    listedAt: isListed(status) ? publishedAt : null,
    publishAt: status === 'scheduled' ? publishAt : null,
    unpublishAt,
  };
}

function sameWorkflow(a: Workflow, b: Workflow): boolean {
  const time = (d: Date | null): number | null => d?.getTime() ?? null;
  return (
    a.status === b.status &&
    time(a.publishedAt) === time(b.publishedAt) &&
    time(a.listedAt) === time(b.listedAt) &&
    time(a.publishAt) === time(b.publishAt) &&
    time(a.unpublishAt) === time(b.unpublishAt)
  );
}
