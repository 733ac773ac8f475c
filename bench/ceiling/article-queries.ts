import type { Queryable } from './db';
import type { ArticleRow, CommentRow } from './mappers';
import { MinimalSql } from './minimal-sql';
import { SameSql } from './same-sql';
import type { ArticleQueries, Statement } from './statements';

export { ANONYMOUS, type ArticleQueries, type ListFilter, type Statement } from './statements';

/**
 * Which SQL the ceiling sends. `same`: Folio's own statements (imported from Folio's SQL modules), so that the
 * ceiling differs from Folio only in what surrounds the queries: it measures the framework. `minimal`: the plainest
 * correct SQL for each read, written by hand for Folio's schema: the limit users care about.
 */
export type SqlMode = 'same' | 'minimal';
export const SQL_MODES: readonly SqlMode[] = ['same', 'minimal'];

export function articleQueries(engine: 'mysql' | 'sqlite', mode: SqlMode): ArticleQueries {
  return mode === 'same' ? new SameSql(engine) : new MinimalSql(engine);
}

export async function firstRow<T extends ArticleRow | CommentRow | object>(
  db: Queryable,
  { sql, params }: Statement,
): Promise<T | undefined> {
  const [row] = await db.all<T>(sql, params);
  return row;
}

/** Tag names per article, in each article's order, in one query. */
export async function tagNamesOf(db: Queryable, articleIds: number[]): Promise<Map<number, string[]>> {
  const byArticle = new Map<number, string[]>(articleIds.map((id) => [id, []]));
  if (articleIds.length === 0) return byArticle;
  const rows = await db.all<{ articleId: number; name: string }>(
    `SELECT link.article_id AS articleId, tag.name AS name FROM article_tags link
     INNER JOIN tags tag ON tag.id = link.tag_id WHERE link.article_id IN (${articleIds.map(() => '?').join(', ')})
     ORDER BY link.article_id ASC, link.position ASC`,
    articleIds,
  );
  for (const row of rows) byArticle.get(Number(row.articleId))?.push(row.name);
  return byArticle;
}
