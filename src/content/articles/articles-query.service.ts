import { Injectable } from '@nestjs/common';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { notFound } from '../../common/errors/http-errors';
import { NO_VIEWER } from '../../users/follows.repository';
import { ProfilesService } from '../../users/profiles.service';
import { ContentCache } from '../cache/content-cache.service';
import type { Actor } from '../../policy/roles';
import { pickFields, parseFields } from './article-fields';
import { ArticleFilter, feedFilter, listFilter, type OwnFilter } from './article-filter';
import { articleQuery, encodeCursor, type ArticleQuery } from './article-query';
import { narrows, type PageStart, type QueryFilter } from './article-query.sql';
import type { SearchQuery } from '../search/search-text';
import { isVisibleTo, type ArticleVisibility } from './article-visibility';
import { toArticleDto, toArticleSummaryDto } from './article-row';
import { ArticlesRepository, type QueryRow } from './articles.repository';
import { MultipleArticlesResponseDto, SingleArticleResponseDto } from './dto/article-response.dto';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';
import type { OwnArticlesQueryDto } from './dto/own-articles-query.dto';

/**
 * The read side of articles. Every read costs a fixed number of queries whatever the page size: an article is one
 * query, its tags included; a page of all articles, of one tag or of one author is one query carrying its total
 * (from counters), plus a count only when the page is empty; the feed is the followed authors, then the page.
 * Responses that are the same for every anonymous caller go through the content cache.
 */
@Injectable()
export class ArticlesQueryService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly profiles: ProfilesService,
    private readonly cache: ContentCache,
  ) {}

  findAll(query: ListArticlesQueryDto, viewerId?: number): Promise<MultipleArticlesResponseDto> {
    const fields = parseFields(query.fields);
    const beyond = articleQuery(query);
    return this.cache.articleList(listKey(query), viewerId, async () => {
      const page = beyond
        ? await this.queryPage(beyond, query, viewerId)
        : await this.page(listFilter(query), () => this.articles.count(listFilter(query)), query, viewerId);
      return fields ? { ...page, articles: page.articles.map((a) => pickFields(a, fields)) } : page;
    });
  }

  /**
   * A page of a full-text search, most relevant first (GET /api/search), uncached: the caller caches the answer it
   * makes of it.
   */
  searchPage(
    text: SearchQuery | null,
    page: PaginationQueryDto,
    viewerId?: number,
  ): Promise<MultipleArticlesResponseDto> {
    return this.queryPage(
      { filter: { kind: 'query', sort: 'relevance', text }, cursor: false },
      page,
      viewerId,
    );
  }

  /**
   * A page beyond RealWorld's filters: the rows in the sort's order (one more than the page when a cursor is asked
   * for, to know whether another page follows), and the total (from the counters when nothing narrows the list).
   */
  private async queryPage(
    { filter, start, cursor }: ArticleQuery,
    { limit, offset }: PaginationQueryDto,
    viewerId = NO_VIEWER,
  ): Promise<MultipleArticlesResponseDto> {
    const from = start ?? (offset > 0 ? { position: offset } : undefined);
    const { rows, total } = await this.rowsWithTotal(filter, from, limit + (cursor ? 1 : 0), viewerId);
    const page = rows.slice(0, limit);
    const answer = { articles: page.map((row) => toArticleSummaryDto(row)), articlesCount: total };
    if (!cursor) return answer;
    const last = page[page.length - 1];
    const position = (from && 'position' in from ? from.position : 0) + page.length;
    const nextCursor = rows.length > limit && last ? encodeCursor(filter.sort, last, position) : null;
    return { ...answer, nextCursor };
  }

  /** A search's rows carry its total (counted apart only for an empty page); other filters count beside the page. */
  private async rowsWithTotal(
    filter: QueryFilter,
    from: PageStart | undefined,
    limit: number,
    viewerId: number,
  ): Promise<{ rows: QueryRow[]; total: number }> {
    const findPage = (): Promise<QueryRow[]> =>
      limit === 0 ? Promise.resolve([]) : this.articles.findQueryPage(filter, from, limit, viewerId);
    const count = (): Promise<number> =>
      narrows(filter) ? this.articles.countQuery(filter) : this.articles.count({ kind: 'all' });
    if (filter.text) {
      const rows = await findPage();
      const carried = rows[0]?.articlesCount;
      return { rows, total: carried === undefined || carried === null ? await count() : Number(carried) };
    }
    // Both at once and awaited together: one failing must not leave the other's failure unhandled (a crash).
    const [rows, total] = await Promise.all([findPage(), count()]);
    return { rows, total };
  }

  async feed(query: PaginationQueryDto, viewerId: number): Promise<MultipleArticlesResponseDto> {
    const { filter, total } = feedFilter(viewerId, await this.profiles.followedAuthors(viewerId), query);
    if (query.offset >= total) return { articles: [], articlesCount: total };
    return this.page(filter, total, query, viewerId);
  }

  /** 404 for an article the viewer may not see (article-visibility.ts). */
  findOne(slug: string, viewer?: Actor): Promise<SingleArticleResponseDto> {
    return this.cache.article(slug, viewer?.id, async () => {
      const row = await this.articles.findBySlug(slug, viewer?.id ?? NO_VIEWER);
      if (!row || !isVisibleTo(viewer, { status: row.status, authorId: Number(row.authorId) }))
        throw notFound('article');
      return { article: toArticleDto(row) };
    });
  }

  /** The id of an article the viewer may see, for the routes under it (comments, favorites, reports). */
  async findVisibleIdOrFail(slug: string, viewer: Actor | undefined): Promise<number> {
    return (await this.findVisibleOrFail(slug, viewer)).id;
  }

  /** The id, author and status of an article the viewer may see. */
  async findVisibleOrFail(
    slug: string,
    viewer: Actor | undefined,
  ): Promise<{ id: number } & ArticleVisibility> {
    const article = await this.articles.findIdBySlug(slug);
    if (article === null || !isVisibleTo(viewer, article)) throw notFound('article');
    return article;
  }

  /** The caller's own articles in any status, or in one (GET /api/user/articles). */
  mine(authorId: number, query: OwnArticlesQueryDto): Promise<MultipleArticlesResponseDto> {
    const filter: OwnFilter = { kind: 'own', authorId, status: query.status };
    return this.page(filter, () => this.articles.count(filter), query, authorId);
  }

  /** The page's rows with the total: known already, carried by the rows, or else counted. */
  private async page(
    filter: ArticleFilter,
    total: number | (() => Promise<number>),
    { limit, offset }: PaginationQueryDto,
    viewerId = NO_VIEWER,
  ): Promise<MultipleArticlesResponseDto> {
    const count = (): Promise<number> => (typeof total === 'number' ? Promise.resolve(total) : total());
    if (limit === 0) return { articles: [], articlesCount: await count() };
    const rows = await this.articles.findPage(filter, limit, offset, viewerId);
    const carried = typeof total === 'number' ? undefined : rows[0]?.articlesCount;
    return {
      articles: rows.map((row) => toArticleSummaryDto(row)),
      articlesCount: carried === undefined || carried === null ? await count() : Number(carried),
    };
  }
}

/** The cache key of a list: every parameter that shapes the answer. */
function listKey(query: ListArticlesQueryDto): unknown[] {
  const { tag, author, favorited, q, tags, tagMatch, createdFrom, createdTo, updatedFrom, updatedTo } = query;
  const { sort, fields, cursor, limit, offset } = query;
  const dates = [createdFrom, createdTo, updatedFrom, updatedTo].map((date) =>
    date === undefined ? undefined : new Date(date).getTime(),
  );
  // RealWorld's five first, as before, so its lists keep their keys.
  return [tag, author, favorited, limit, offset, q, tags, tagMatch, ...dates, sort, fields, cursor];
}
