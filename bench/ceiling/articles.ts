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
import { cursorRequest, type CursorRequest } from './list-query';
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

type SortedArticleRow = ArticleRow & { sortKey: Date | string | number };

export interface ArticleListJson {
  articles: ArticleSummaryJson[];
  articlesCount: number;
  /** Cursor pages only: the next page's cursor, null on the last page. */
  nextCursor?: string | null;
}

/** The article reads: lists (no filter, tag, author), the feed and single articles. */
export class Articles {
  constructor(
    private readonly db: Db,
    private readonly queries: ArticleQueries,
  ) {}

  /**
   * GET /api/articles: no filter, or one of tag and author (the shapes Folio serves from counters); or a cursor page
   * of all articles in one of the keyset sorts.
   */
  list(query: URLSearchParams, viewerId = ANONYMOUS): Promise<ArticleListJson> {
    const cursor = cursorRequest(query, pagination(query).offset);
    if (cursor) return this.cursorPage(cursor, query, viewerId);
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

  /**
   * As Folio's queryPage: the total from the counters, and one row more than the page (read concurrently, as Folio
   * reads them), to know whether a next page exists; its cursor is the page's last row's.
   */
  private async cursorPage(
    { sort, start }: CursorRequest,
    query: URLSearchParams,
    viewerId: number,
  ): Promise<ArticleListJson> {
    const { limit } = pagination(query);
    const read = (): Promise<SortedArticleRow[]> => {
      const { sql, params } = this.queries.keysetPage(sort, start, limit + 1, viewerId);
      return this.db.all<SortedArticleRow>(sql, params);
    };
    const [articlesCount, rows] = await Promise.all([
      this.total({ kind: 'all' }),
      limit === 0 ? Promise.resolve([]) : read(),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      articles: await this.withTags(page),
      articlesCount,
      nextCursor: rows.length > limit && last ? this.queries.cursorAfter(sort, last) : null,
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
    return this.withTags(await this.db.all<ArticleRow>(sql, params));
  }

  /** Rows as summaries, their tags decoded from the rows (Folio's statements) or read in one more query. */
  async withTags(rows: ArticleRow[]): Promise<ArticleSummaryJson[]> {
    if (this.queries.oneTripReads) return rows.map((row) => articleSummary(row, tagsIn(row.tagNames)));
    const tags = await tagNamesOf(
      this.db,
      rows.map((row) => Number(row.id)),
    );
    return rows.map((row) => articleSummary(row, tags.get(Number(row.id)) ?? []));
  }
}
