import { snippetHtml } from '../../src/content/search/search-snippet';
import { parseSearchQuery, SEARCH_QUERY_MAX, type SearchQuery } from '../../src/content/search/search-text';
import { SearchRepository } from '../../src/content/search/search.repository';
import type { Database } from '../../src/database/database.service';
import { ANONYMOUS, type ArticleQueries, firstRow } from './article-queries';
import type { Articles } from './articles';
import type { Db } from './db';
import { pagination, unprocessable } from './http';
import type { ArticleRow, ArticleSummaryJson } from './mappers';

/** As Folio's SearchService: how much of a text a snippet looks through. */
const SNIPPET_SCAN_CHARS = 20_000;

export interface SearchJson {
  results: { article: ArticleSummaryJson; snippet: string }[];
  resultsCount: number;
}

/**
 * GET /api/search?q=&limit=&offset=: the page of matches, most relevant first, each with a snippet of its body (or
 * description, or title) made by Folio's snippetHtml; the total beside it. Folio's statements (oneTripReads) carry
 * no bodies: they are read after the page as Folio reads them (its SearchRepository, over this server's driver).
 * The minimal statements carry them.
 */
export class Search {
  private readonly bodies: SearchRepository | null;

  constructor(
    private readonly db: Db,
    private readonly queries: ArticleQueries,
    private readonly articles: Articles,
  ) {
    const database = { query: (sql: string, params: readonly unknown[] = []) => db.all(sql, [...params]) };
    this.bodies = queries.oneTripReads ? new SearchRepository(database as unknown as Database) : null;
  }

  async search(query: URLSearchParams, viewerId = ANONYMOUS): Promise<SearchJson> {
    const q = searchText(query);
    const { limit, offset } = pagination(query);
    const parsed = parseSearchQuery(q);
    const { rows, total } = await this.rowsWithTotal(parsed, limit, offset, viewerId);
    const summaries = await this.articles.withTags(rows);
    const bodies = this.bodies && (await this.bodies.findTexts(summaries.map((article) => article.slug)));
    const scanned = (text: string): string => text.slice(0, SNIPPET_SCAN_CHARS);
    return {
      results: summaries.map((article, i) => {
        const body = bodies ? (bodies.get(article.slug)?.body ?? '') : (rows[i].body ?? '');
        const candidates = [body, article.description, article.title].map(scanned);
        return { article, snippet: parsed ? snippetHtml(candidates, parsed) : '' };
      }),
      resultsCount: total,
    };
  }

  /**
   * Folio's statements carry the total on the rows (a page past the end counts apart, as Folio does); the minimal
   * ones count beside the page.
   */
  private async rowsWithTotal(
    search: SearchQuery | null,
    limit: number,
    offset: number,
    viewerId: number,
  ): Promise<{ rows: ArticleRow[]; total: number }> {
    const page = limit === 0 ? null : this.queries.searchPage(search, limit, offset, viewerId);
    const countRows = async (): Promise<number> => {
      const count = this.queries.searchCount(search);
      return count
        ? Number((await firstRow<{ count: number | string | null }>(this.db, count))?.count ?? 0)
        : 0;
    };
    const findRows = (): Promise<ArticleRow[]> =>
      page ? this.db.all<ArticleRow>(page.sql, page.params) : Promise.resolve([]);
    if (!this.queries.oneTripReads) {
      const [rows, total] = await Promise.all([findRows(), countRows()]);
      return { rows, total };
    }
    const rows = await findRows();
    const carried = rows[0]?.articlesCount;
    return { rows, total: carried === undefined || carried === null ? await countRows() : Number(carried) };
  }
}

/** `q`: one string, 1 to SEARCH_QUERY_MAX characters (Folio's SearchQueryDto). */
function searchText(query: URLSearchParams): string {
  const values = query.getAll('q');
  if (values.length !== 1) throw unprocessable('q', 'must be a single string');
  const [q] = values;
  if (q.length === 0) throw unprocessable('q', "can't be blank");
  if ([...q].length > SEARCH_QUERY_MAX)
    throw unprocessable('q', `is too long (maximum is ${SEARCH_QUERY_MAX} characters)`);
  return q;
}
