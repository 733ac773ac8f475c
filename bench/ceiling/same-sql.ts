import { articleBySlugSql, countSql, pageSql, type Sql } from '../../src/content/articles/article-pages.sql';
import { encodeCursor } from '../../src/content/articles/article-query';
import { queryCountSql, queryPageSql, type QueryFilter } from '../../src/content/articles/article-query.sql';
import { commentsBySlugSql } from '../../src/content/comments/comments.repository';
import type { SearchQuery } from '../../src/content/search/search-text';
import { dialectOf, type Dialect } from '../../src/database/dialect';
import type { ArticleQueries, KeysetSort, KeysetStart, ListFilter, SortedRow, Statement } from './statements';

/** Folio's own statements, built by Folio's own SQL functions: the ceiling that isolates the framework. */
export class SameSql implements ArticleQueries {
  readonly oneTripReads = true;
  private readonly dialect: Dialect;

  constructor(engine: 'mysql' | 'sqlite') {
    this.dialect = dialectOf(engine);
  }

  count(filter: ListFilter): Statement {
    return statement(countSql(filter, this.dialect));
  }

  page(filter: ListFilter, limit: number, offset: number, viewerId: number): Statement {
    return statement(pageSql(filter, limit, offset, viewerId, this.dialect));
  }

  feedPage(viewerId: number, authorIds: number[], limit: number, offset: number): Statement {
    const filter = { kind: 'feed' as const, followerId: viewerId, authorIds, reach: offset + limit };
    return statement(pageSql(filter, limit, offset, viewerId, this.dialect));
  }

  bySlug(slug: string, viewerId: number): Statement {
    return statement(articleBySlugSql(slug, viewerId, this.dialect));
  }

  comments(slug: string | number, viewerId: number): Statement {
    return statement(commentsBySlugSql(String(slug), viewerId));
  }

  /** As ArticlesQueryService.queryPage: a filter of the sort alone, the page after the cursor's key. */
  keysetPage(sort: KeysetSort, start: KeysetStart | undefined, limit: number, viewerId: number): Statement {
    return statement(queryPageSql({ kind: 'query', sort }, start, limit, viewerId, this.dialect));
  }

  cursorAfter(sort: KeysetSort, row: SortedRow): string {
    // The position only matters to relevance cursors.
    return encodeCursor(sort, { id: Number(row.id), sortKey: row.sortKey }, 0);
  }

  /** As GET /api/search asks ArticlesQueryService: q alone, sorted by relevance (no indexed word: `SELECT 0`). */
  searchCount(search: SearchQuery | null): Statement {
    return statement(queryCountSql(searchFilter(search), this.dialect));
  }

  searchPage(search: SearchQuery | null, limit: number, offset: number, viewerId: number): Statement {
    const start = offset > 0 ? { position: offset } : undefined;
    return statement(queryPageSql(searchFilter(search), start, limit, viewerId, this.dialect));
  }
}

function searchFilter(text: SearchQuery | null): QueryFilter {
  return { kind: 'query', sort: 'relevance', text };
}

function statement({ text, params }: Sql): Statement {
  return { sql: text, params };
}
