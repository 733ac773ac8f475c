import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { conflict, notFound } from '../../common/errors/http-errors';
import { isUniqueViolation } from '../../database/db-errors';
import { DomainEvents } from '../../events/domain-events.service';
import { OnDomainEvent } from '../../events/on-domain-event.decorator';
import { ArticleDeleted } from '../articles/article.events';
import { ArticlesQueryService } from '../articles/articles-query.service';
import { CommentDeleted } from '../comments/comment.events';
import { CommentsService } from '../comments/comments.service';
import {
  MultipleReportsResponseDto,
  ReportsQueryDto,
  ResolveReportDto,
  SingleReportResponseDto,
} from './dto/report.dto';
import type { ReportTargetType } from './entities/report.entity';
import { ReportResolved } from './report.events';
import { toReportDto } from './report.mapper';
import { ReportsRepository } from './reports.repository';

const REPEATED = {
  index: 'UQ_reports_reporter_target',
  columns: ['reporter_id', 'target_type', 'target_id'],
};

/** Reports of articles and comments by users, and their review by moderators (who are allowed by the policy). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly articles: ArticlesQueryService,
    private readonly comments: CommentsService,
    private readonly events: DomainEvents,
  ) {}

  async reportArticle(slug: string, reporter: AuthUser, reason: string): Promise<SingleReportResponseDto> {
    const articleId = await this.articles.findVisibleIdOrFail(slug, reporter);
    return this.file(reporter, 'article', articleId, slug, reason);
  }

  async reportComment(
    slug: string,
    id: number,
    reporter: AuthUser,
    reason: string,
  ): Promise<SingleReportResponseDto> {
    await this.comments.locate(slug, id, reporter);
    return this.file(reporter, 'comment', id, slug, reason);
  }

  async list(query: ReportsQueryDto): Promise<MultipleReportsResponseDto> {
    const { reports, count } = await this.reports.findPage(query);
    return { reports: reports.map(toReportDto), reportsCount: count };
  }

  /** Closing a closed report is a 409: two moderators do not both act on one. */
  async resolve(
    id: number,
    moderator: AuthUser,
    dto: ResolveReportDto,
    client: ClientInfo,
  ): Promise<SingleReportResponseDto> {
    const at = new Date();
    if (!(await this.reports.close(id, dto.status, moderator.id, dto.note ?? null, at))) {
      if (!(await this.reports.findById(id))) throw notFound('report');
      throw conflict({ report: ['is already closed'] });
    }
    await this.events.publish(new ReportResolved(id, dto.status, moderator.id, at, client));
    return this.findOneOrFail(id);
  }

  /** Content removed by someone other than its author resolves its open reports. */
  @OnDomainEvent(ArticleDeleted)
  async articleRemoved(event: ArticleDeleted): Promise<void> {
    if (event.actorId !== event.article.authorId)
      await this.reports.resolveTarget('article', event.article.id, event.actorId, event.at);
  }

  @OnDomainEvent(CommentDeleted)
  async commentRemoved(event: CommentDeleted): Promise<void> {
    if (event.actorId !== event.comment.authorId)
      await this.reports.resolveTarget('comment', event.comment.id, event.actorId, event.at);
  }

  private async file(
    reporter: AuthUser,
    targetType: ReportTargetType,
    targetId: number,
    articleSlug: string,
    reason: string,
  ): Promise<SingleReportResponseDto> {
    const report = {
      reporterId: reporter.id,
      targetType,
      targetId,
      articleSlug,
      reason,
      createdAt: new Date(),
    };
    const id = await this.reports.insert(report).catch((error: unknown) => {
      throw isUniqueViolation(error, REPEATED)
        ? conflict({ report: ['you have reported this already'] })
        : error;
    });
    return this.findOneOrFail(id);
  }

  private async findOneOrFail(id: number): Promise<SingleReportResponseDto> {
    const row = await this.reports.findById(id);
    if (!row) throw notFound('report');
    return { report: toReportDto(row) };
  }
}
