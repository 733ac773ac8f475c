import { Injectable, OnModuleInit } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { DomainEvents } from '../../events/domain-events.service';
import { PermanentJobError } from '../../jobs/job-handler';
import { JobRunner } from '../../jobs/job-runner.service';
import { ArticleListing, PUBLISH_JOB, UNPUBLISH_JOB } from './article-listing.service';
import { publishedOnSchedule, unpublishedOnSchedule, type Workflow } from './article-workflow';
import { ArticleChanged } from './article.events';
import { ArticlesRepository, type StoredArticle } from './articles.repository';

/**
 * Publishes scheduled articles and unpublishes expiring ones when their time comes, as jobs of the job runner (so
 * with several instances each job runs on one, and a time missed while every instance was down is caught up on
 * start). Each job re-reads the article under its row lock and does nothing unless the change is still due: a job
 * run twice, or made stale by a reschedule or a manual publication, changes nothing. An article in the trash waits:
 * its restore applies what fell due meanwhile.
 */
@Injectable()
export class ArticleSchedule implements OnModuleInit {
  constructor(
    private readonly runner: JobRunner,
    private readonly articles: ArticlesRepository,
    private readonly listing: ArticleListing,
    private readonly database: Database,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.runner.handle(PUBLISH_JOB, async (payload) => {
      await this.applyIfDue(
        articleIdOf(payload),
        (a, now) => a.status === 'scheduled' && isDue(a.publishAt, now) && a.deletedAt === null,
        publishedOnSchedule,
      );
    });
    this.runner.handle(UNPUBLISH_JOB, async (payload) => {
      await this.applyIfDue(
        articleIdOf(payload),
        (a, now) => a.status === 'published' && isDue(a.unpublishAt, now) && a.deletedAt === null,
        unpublishedOnSchedule,
      );
    });
  }

  /** Answers whether it changed the article. */
  async applyIfDue(
    articleId: number,
    due: (article: StoredArticle, now: Date) => boolean,
    next: (current: Workflow) => Workflow,
  ): Promise<boolean> {
    const now = new Date();
    const changed = await this.database.transaction(async (tx) => {
      const article = await this.articles.findStoredForUpdate(articleId, tx);
      if (!article || !due(article, now)) return null;
      await this.listing.apply(article, next(article), tx);
      return article;
    });
    if (!changed) return false;
    const ref = { id: changed.id, slug: changed.slug, authorId: changed.authorId };
    await this.events.publish(new ArticleChanged(ref, changed.slug, ['status'], changed.authorId, now));
    return true;
  }
}

const isDue = (at: Date | null, now: Date): boolean => at !== null && at.getTime() <= now.getTime();

function articleIdOf(payload: unknown): number {
  const id = (payload as { articleId?: unknown } | null)?.articleId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    throw new PermanentJobError('payload names no article');
  return id;
}
