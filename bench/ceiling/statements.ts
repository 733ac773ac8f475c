/** What both ceilings' SQL builders answer (bench/ceiling/article-queries.ts chooses one). */

/** No viewer: an anonymous caller. */
export const ANONYMOUS = 0;

export interface Statement {
  sql: string;
  params: unknown[];
}

/** A list's filter: no filter, one tag (normalised) or one author. */
export type ListFilter = { kind: 'all' } | { kind: 'tag'; tag: string } | { kind: 'author'; author: string };

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
}
