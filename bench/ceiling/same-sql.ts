import { articleBySlugSql, countSql, pageSql, type Sql } from '../../src/content/articles/article-pages.sql';
import { commentsBySlugSql } from '../../src/content/comments/comments.repository';
import { dialectOf, type Dialect } from '../../src/database/dialect';
import type { ArticleQueries, ListFilter, Statement } from './statements';

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
}

function statement({ text, params }: Sql): Statement {
  return { sql: text, params };
}
