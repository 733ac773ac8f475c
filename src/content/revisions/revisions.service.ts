import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { notFound } from '../../common/errors/http-errors';
import { contentConfig } from '../../config/configuration';
import type { Transaction } from '../../database/sql-executor';
import { toIsoTimestamp } from '../../database/timestamps';
import { OnDomainEventWithin } from '../../events/on-domain-event.decorator';
import { authorize } from '../../policy/policy';
import type { Actor } from '../../policy/roles';
import { ArticleVersionReplaced } from '../articles/article.events';
import { ArticlesQueryService } from '../articles/articles-query.service';
import { ArticlesService } from '../articles/articles.service';
import type { SingleArticleResponseDto } from '../articles/dto/article-response.dto';
import type { RevisionListResponseDto, RevisionResponseDto, RevisionSummaryDto } from './dto/revision.dto';
import { lineDiff, listDiff } from './line-diff';
import { RevisionRow, RevisionsRepository, type RevisionSummaryRow } from './revisions.repository';

/**
 * Past versions of articles: kept by every edit of the title, description, body or tags (in its transaction), read
 * by the author, moderators and admins (`article.history`), and restored as a new edit, never a rewrite of history.
 */
@Injectable()
export class RevisionsService {
  constructor(
    private readonly revisions: RevisionsRepository,
    private readonly queries: ArticlesQueryService,
    private readonly articles: ArticlesService,
    @Inject(contentConfig.KEY) private readonly config: ConfigType<typeof contentConfig>,
  ) {}

  @OnDomainEventWithin(ArticleVersionReplaced)
  async keep(event: ArticleVersionReplaced, tx: Transaction): Promise<void> {
    await this.revisions.insert(event.articleId, event.previous, event.at, tx);
    await this.revisions.prune(event.articleId, this.config.revisionsMax, tx);
  }

  async list(
    slug: string,
    actor: Actor,
    { limit, offset }: PaginationQueryDto,
  ): Promise<RevisionListResponseDto> {
    const articleId = await this.historyOf(slug, actor);
    const rows = await this.revisions.findByArticle(articleId, limit, offset);
    const count = rows.length < limit && (rows.length > 0 || offset === 0) ? offset + rows.length : undefined;
    return {
      revisions: rows.map(toSummary),
      revisionsCount: count ?? (await this.revisions.countByArticle(articleId)),
    };
  }

  async findOne(slug: string, id: number, actor: Actor): Promise<RevisionResponseDto> {
    const revision = await this.revisionOrFail(slug, id, actor);
    const { article: current } = await this.queries.findOne(slug, actor);
    return {
      revision: {
        ...toSummary(revision),
        description: revision.description,
        body: revision.body,
        tagList: revision.tagList,
        diff: {
          title: lineDiff(revision.title, current.title),
          description: lineDiff(revision.description, current.description),
          body: lineDiff(revision.body, current.body),
          tagList: listDiff(revision.tagList, current.tagList),
        },
      },
    };
  }

  /** The revision's text becomes the article's again, as an edit by `actor` (which keeps the current version). */
  async restore(slug: string, id: number, actor: Actor): Promise<SingleArticleResponseDto> {
    const { title, description, body, tagList } = await this.revisionOrFail(slug, id, actor);
    return this.articles.update(slug, actor, { title, description, body, tagList });
  }

  private async revisionOrFail(slug: string, id: number, actor: Actor): Promise<RevisionRow> {
    const revision = await this.revisions.findOne(await this.historyOf(slug, actor), id);
    if (!revision) throw notFound('revision');
    return revision;
  }

  /** The article's id, once the actor may see it (404) and read its history (403). */
  private async historyOf(slug: string, actor: Actor): Promise<number> {
    const article = await this.queries.findVisibleOrFail(slug, actor);
    authorize(actor, 'article.history', article.authorId);
    return article.id;
  }
}

function toSummary(row: RevisionSummaryRow): RevisionSummaryDto {
  return {
    id: row.id,
    title: row.title,
    editor: row.editorUsername,
    createdAt: toIsoTimestamp(row.writtenAt),
    replacedAt: toIsoTimestamp(row.replacedAt),
  };
}
