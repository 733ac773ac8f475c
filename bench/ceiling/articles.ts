import {
  ANONYMOUS,
  type ArticleQueries,
  firstRow,
  type ListFilter,
  type Statement,
  tagNamesOf,
} from './article-queries';
import type { Db } from './db';
import { HttpError, notFound, pagination } from './http';
import {
  article,
  ArticleJson,
  ArticleRow,
  articleSummary,
  ArticleSummaryJson,
  isVisibleTo,
  tagsIn,
} from './mappers';
import { FOLLOWED_AUTHORS_SQL } from '../../src/users/follows.repository';

export interface ArticleListJson {
  articles: ArticleSummaryJson[];
  articlesCount: number;
}

/** The article reads: lists (no filter, tag, author), the feed and single articles. */
export class Articles {
  constructor(
    private readonly db: Db,
    private readonly queries: ArticleQueries,
  ) {}

  /** GET /api/articles: no filter, or one of tag and author (the shapes Folio serves from counters). */
  list(query: URLSearchParams, viewerId = ANONYMOUS): Promise<ArticleListJson> {
    const tag = query.get('tag');
    const author = query.get('author');
    if (query.has('favorited') || (tag !== null && author !== null))
      throw new HttpError(501, { query: ['this filter is not in the ceiling server'] });
    if (tag !== null) return this.page({ kind: 'tag', tag: tag.trim().toLowerCase() }, query, viewerId);
    if (author !== null) return this.page({ kind: 'author', author }, query, viewerId);
    return this.page({ kind: 'all' }, query, viewerId);
  }

  /** The total from the followed authors' counters, then the page from each author's own newest articles. */
  async feed(query: URLSearchParams, viewerId: number): Promise<ArticleListJson> {
    const { limit, offset } = pagination(query);
    const authors = await this.db.all<{ id: number; articles: number | string }>(FOLLOWED_AUTHORS_SQL, [
      viewerId,
    ]);
    const articlesCount = authors.reduce((sum, author) => sum + Number(author.articles), 0);
    if (limit === 0 || offset >= articlesCount) return { articles: [], articlesCount };
    const writers = authors
      .filter((author) => Number(author.articles) > 0)
      .map((author) => Number(author.id));
    return {
      articles: await this.summaries(this.queries.feedPage(viewerId, writers, limit, offset)),
      articlesCount,
    };
  }

  async get(slug: string, viewerId = ANONYMOUS): Promise<{ article: ArticleJson }> {
    const row = await firstRow<ArticleRow>(this.db, this.queries.bySlug(slug, viewerId));
    if (!row || !isVisibleTo(viewerId, row)) throw notFound('article');
    if (this.queries.oneTripReads) return { article: article(row, tagsIn(row.tagNames)) };
    const tags = await tagNamesOf(this.db, [Number(row.id)]);
    return { article: article(row, tags.get(Number(row.id)) ?? []) };
  }

  private page(filter: ListFilter, query: URLSearchParams, viewerId: number): Promise<ArticleListJson> {
    return this.queries.oneTripReads
      ? this.pageWithTotal(filter, query, viewerId)
      : this.pageAfterTotal(filter, query, viewerId);
  }

  /** The page carrying its total (counted apart only when the page is empty), its rows their tags. */
  private async pageWithTotal(
    filter: ListFilter,
    query: URLSearchParams,
    viewerId: number,
  ): Promise<ArticleListJson> {
    const { limit, offset } = pagination(query);
    if (limit === 0) return { articles: [], articlesCount: await this.total(filter) };
    const { sql, params } = this.queries.page(filter, limit, offset, viewerId);
    const rows = await this.db.all<ArticleRow>(sql, params);
    const carried = rows[0]?.articlesCount;
    return {
      articles: rows.map((row) => articleSummary(row, tagsIn(row.tagNames))),
      articlesCount: carried === undefined || carried === null ? await this.total(filter) : Number(carried),
    };
  }

  /** The total first; the page query only when the page can hold anything; then the page's tags. */
  private async pageAfterTotal(
    filter: ListFilter,
    query: URLSearchParams,
    viewerId: number,
  ): Promise<ArticleListJson> {
    const { limit, offset } = pagination(query);
    const articlesCount = await this.total(filter);
    if (limit === 0 || offset >= articlesCount) return { articles: [], articlesCount };
    return {
      articles: await this.summaries(this.queries.page(filter, limit, offset, viewerId)),
      articlesCount,
    };
  }

  private async total(filter: ListFilter): Promise<number> {
    const total = await firstRow<{ count: number | string | null }>(this.db, this.queries.count(filter));
    return Number(total?.count ?? 0);
  }

  /** The page's rows, with their tags (from the rows, or from one more query). */
  private async summaries({ sql, params }: Statement): Promise<ArticleSummaryJson[]> {
    const rows = await this.db.all<ArticleRow>(sql, params);
    if (this.queries.oneTripReads) return rows.map((row) => articleSummary(row, tagsIn(row.tagNames)));
    const tags = await tagNamesOf(
      this.db,
      rows.map((row) => Number(row.id)),
    );
    return rows.map((row) => articleSummary(row, tags.get(Number(row.id)) ?? []));
  }
}
