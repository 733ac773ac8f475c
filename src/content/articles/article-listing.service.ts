import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../database/sql-executor';
import { JobQueue } from '../../jobs/job-queue.service';
import { UsersService } from '../../users/users.service';
import { TagsService } from '../tags/tags.service';
import type { Workflow } from './article-workflow';
import { ArticlesRepository, type StoredArticle } from './articles.repository';

export const PUBLISH_JOB = 'article.publish';
export const UNPUBLISH_JOB = 'article.unpublish';

/** A due-time job's payload: which article, and the time it was due at (a later reschedule makes it stale). */
export interface ScheduleJobPayload {
  articleId: number;
}

/**
 * Stores an article's workflow change inside the caller's transaction (which holds the article's row lock): the
 * counters of published articles (total, author, tags) count it in or out when it enters or leaves the lists, its
 * tag links take its new sort key, and each new due time gets its job, added with the transaction.
 */
@Injectable()
export class ArticleListing {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly tags: TagsService,
    private readonly users: UsersService,
    private readonly queue: JobQueue,
  ) {}

  async apply(before: StoredArticle, next: Workflow, tx: Transaction): Promise<void> {
    const wasListed = before.listedAt !== null;
    const isListed = next.listedAt !== null;
    await this.articles.setWorkflow(before.id, next, tx);
    if (wasListed !== isListed) {
      const delta = isListed ? 1 : -1;
      await this.users.countArticle(before.authorId, delta, tx);
      await this.articles.addToTotal(delta, tx);
    }
    if (wasListed !== isListed || before.listedAt?.getTime() !== next.listedAt?.getTime())
      await this.tags.setListed(before, next.listedAt, tx);
    await this.scheduleJobs(before.id, next, tx, before);
  }

  /** A job for each due time the workflow has and `before` did not have (jobs of stale times find nothing to do). */
  async scheduleJobs(articleId: number, next: Workflow, tx: Transaction, before?: Workflow): Promise<void> {
    const due: [string, Date | null, Date | null | undefined][] = [
      [PUBLISH_JOB, next.publishAt, before?.publishAt],
      [UNPUBLISH_JOB, next.unpublishAt, before?.unpublishAt],
    ];
    for (const [type, at, previous] of due) {
      if (at === null || at.getTime() === previous?.getTime()) continue;
      const payload: ScheduleJobPayload = { articleId };
      await this.queue.enqueue(type, payload, {
        runAt: at,
        dedupeKey: `${type}:${articleId}:${at.getTime()}`,
        executor: tx,
      });
    }
  }
}
