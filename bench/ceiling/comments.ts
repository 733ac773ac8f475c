import { ANONYMOUS, type ArticleQueries } from './article-queries';
import type { Db } from './db';
import { notFound } from './http';
import {
  type ArticleStatus,
  type ArticleVisibility,
  comment,
  CommentJson,
  CommentRow,
  isVisibleTo,
} from './mappers';

/**
 * GET /api/articles/:slug/comments, newest first: in one statement, or the article's id, then its comments; 404 for
 * an article the viewer may not see.
 */
export async function listComments(
  db: Db,
  queries: ArticleQueries,
  slug: string,
  viewerId = ANONYMOUS,
): Promise<{ comments: CommentJson[] }> {
  if (queries.oneTripReads) {
    const { sql, params } = queries.comments(slug, viewerId);
    type Row = (CommentRow | { id: null }) & {
      articleStatus: ArticleStatus;
      articleAuthorId: number | string;
    };
    const rows = await db.all<Row>(sql, params);
    if (rows.length === 0) throw notFound('article');
    const { articleStatus: status, articleAuthorId: authorId } = rows[0];
    if (!isVisibleTo(viewerId, { status, authorId })) throw notFound('article');
    const found = rows.filter((row): row is Row & CommentRow => row.id !== null);
    return { comments: found.sort((a, b) => Number(b.id) - Number(a.id)).map(comment) };
  }
  const [found] = await db.all<{ id: number } & ArticleVisibility>(
    'SELECT id, status, author_id AS authorId FROM articles WHERE slug = ?',
    [slug],
  );
  if (!found || !isVisibleTo(viewerId, found)) throw notFound('article');
  const { sql, params } = queries.comments(Number(found.id), viewerId);
  const rows = await db.all<CommentRow>(sql, params);
  return { comments: rows.map(comment) };
}
