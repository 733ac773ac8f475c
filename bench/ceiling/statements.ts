/** What both ceilings' SQL builders answer (bench/ceiling/article-queries.ts chooses one). */
import type { SearchQuery } from '../../src/content/search/search-text';

/** No viewer: an anonymous caller. */
export const ANONYMOUS = 0;

export interface Statement {
  sql: string;
  params: unknown[];
}

/** A list's filter: no filter, one tag (normalised) or one author. */
export type ListFilter = { kind: 'all' } | { kind: 'tag'; tag: string } | { kind: 'author'; author: string };

/** The sorts a cursor of GET /api/articles pages through by key (relevance pages by position, and needs q). */
export const KEYSET_SORTS = ['newest', 'oldest', 'favorites', 'updated'] as const;
export type KeysetSort = (typeof KEYSET_SORTS)[number];

/** Where a cursor page starts: after the article with this sort key (ISO 8601 time, or a favorites count) and id. */
export interface KeysetStart {
  key: string | number;
  id: number;
}

/** A row's place in its sort, for the next page's cursor. */
export interface SortedRow {
  id: number | string;
  sortKey: Date | string | number;
}

/** The statements of the benchmarked reads; each returns rows shaped as ArticleRow or CommentRow. */
export interface ArticleQueries {
  /**
   * true (Folio's statements): page, feed and article rows carry their tags (`tagNames`, hex-encoded names,
   * comma-separated), pages of all/tag/author their total (`articlesCount`, counted apart only for an empty page),
   * and comments are read by the article's slug in one statement. false: a statement per part (count, page, tags;
   * the article's id, then its comments).
   */
  readonly oneTripReads: boolean;
  /** The list's total from its counter (a row with `count`). */
  count(filter: ListFilter): Statement;
  page(filter: ListFilter, limit: number, offset: number, viewerId: number): Statement;
  /** The page of the followed authors' articles (`authorIds`: those who have written any). */
  feedPage(viewerId: number, authorIds: number[], limit: number, offset: number): Statement;
  bySlug(slug: string, viewerId: number): Statement;
  /** By the article's slug when oneTripReads (rows with a NULL id: an article without comments), else by its id. */
  comments(article: string | number, viewerId: number): Statement;
  /**
   * At most `limit` published articles in `sort`'s order, after `start` (the first ones without), each with its
   * `sortKey`: a cursor page of GET /api/articles (its total comes from count({ kind: 'all' })).
   */
  keysetPage(sort: KeysetSort, start: KeysetStart | undefined, limit: number, viewerId: number): Statement;
  /** The cursor of the page that follows `row` (base64url JSON, as Folio writes it). */
  cursorAfter(sort: KeysetSort, row: SortedRow): string;
  /** How many published articles a search matches (`count`); null: none can (the search has no indexed word). */
  searchCount(search: SearchQuery | null): Statement | null;
  /**
   * A page of a search's matches, most relevant first (ties: newest id first); null: none can match. Without
   * oneTripReads the rows carry their `body` (for the snippets), else the bodies are read as Folio reads them.
   */
  searchPage(search: SearchQuery | null, limit: number, offset: number, viewerId: number): Statement | null;
}
