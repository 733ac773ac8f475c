import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResponseCache } from '../../cache/response-cache.service';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { notFound } from '../../common/errors/http-errors';
import { normaliseTag } from '../tags/tag-name';
import { TagsService } from '../tags/tags.service';
import {
  allIds,
  articleBySlug,
  AUTHOR_ARTICLES,
  authorIds,
  countOf,
  FOLLOWED_AUTHORS,
  feedIds,
  filteredIds,
  PageIds,
  pageOf,
  TAG_ARTICLES,
  tagIds,
  TOTAL_ARTICLES,
} from './article-read-sql';
import { ArticleRow, toArticleDto, toArticleSummaryDto } from './article-row';
import { MultipleArticlesResponseDto, SingleArticleResponseDto } from './dto/article-response.dto';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';
import { articleScope, LISTS_SCOPE } from '../cache-scopes';

/** No viewer id is ever 0, so anonymous reads can share the per-viewer subqueries. */
const ANONYMOUS = 0;

/**
 * The read side of articles. Every read costs a fixed number of queries whatever the page size: the total
 * (from counters for the common shapes: all, one tag, one author, the feed), one page query and one for the tags.
 * Responses that are the same for every anonymous caller go through the response cache.
 */
@Injectable()
export class ArticlesQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly cache: ResponseCache,
  ) {}

  list(query: ListArticlesQueryDto, viewerId?: number): Promise<MultipleArticlesResponseDto> {
    const { tag, author, favorited, limit, offset } = query;
    const key = `articles:${JSON.stringify([tag, author, favorited, limit, offset])}`;
    return this.cache.readShared(viewerId, key, LISTS_SCOPE, () => this.listFromDatabase(query, viewerId));
  }

  async feed(query: PaginationQueryDto, viewerId: number): Promise<MultipleArticlesResponseDto> {
    const authors = await this.dataSource.query<{ id: number; articles: number | string }[]>(
      FOLLOWED_AUTHORS,
      [viewerId],
    );
    const total = authors.reduce((sum, author) => sum + Number(author.articles), 0);
    const ids = feedIds(
      viewerId,
      authors.filter((author) => Number(author.articles) > 0).map((author) => Number(author.id)),
      query.offset + query.limit,
    );
    return this.page(ids, async () => total, query, viewerId);
  }

  findBySlugOrFail(slug: string, viewerId?: number): Promise<SingleArticleResponseDto> {
    return this.cache.readShared(viewerId, `article:${slug}`, articleScope(slug), () =>
      this.findInDatabase(slug, viewerId),
    );
  }

  private listFromDatabase(
    query: ListArticlesQueryDto,
    viewerId?: number,
  ): Promise<MultipleArticlesResponseDto> {
    const { tag, author, favorited } = query;
    const filters = [tag, author, favorited].filter((value) => value !== undefined).length;
    if (filters === 0) return this.page(allIds(), () => this.count(TOTAL_ARTICLES, []), query, viewerId);
    if (filters === 1 && tag !== undefined) {
      return this.page(tagIds(tag), () => this.count(TAG_ARTICLES, [normaliseTag(tag)]), query, viewerId);
    }
    if (filters === 1 && author !== undefined) {
      return this.page(authorIds(author), () => this.count(AUTHOR_ARTICLES, [author]), query, viewerId);
    }
    const ids = filteredIds(query);
    const counted = countOf(ids);
    return this.page(ids, () => this.count(counted.text, counted.params), query, viewerId);
  }

  private async findInDatabase(slug: string, viewerId = ANONYMOUS): Promise<SingleArticleResponseDto> {
    const { text, params } = articleBySlug(slug, viewerId);
    const [row] = await this.dataSource.query<ArticleRow[]>(text, params);
    // Exactly this slug: MySQL's collation would also match other cases and accents.
    if (!row || row.slug !== slug) throw notFound('article');
    const id = Number(row.id);
    const tags = await this.tags.namesByArticle([id]);
    return { article: toArticleDto(row, tags.get(id) ?? []) };
  }

  private async page(
    ids: PageIds,
    count: () => Promise<number>,
    { limit, offset }: PaginationQueryDto,
    viewerId = ANONYMOUS,
  ): Promise<MultipleArticlesResponseDto> {
    const articlesCount = await count();
    if (limit === 0 || offset >= articlesCount) return { articles: [], articlesCount };
    const { text, params } = pageOf(ids, limit, offset, viewerId);
    const rows = await this.dataSource.query<ArticleRow[]>(text, params);
    const tags = await this.tags.namesByArticle(rows.map((row) => Number(row.id)));
    return {
      articles: rows.map((row) => toArticleSummaryDto(row, tags.get(Number(row.id)) ?? [])),
      articlesCount,
    };
  }

  private async count(text: string, params: unknown[]): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number | string | null }[]>(text, params);
    return Number(row?.count ?? 0);
  }
}
