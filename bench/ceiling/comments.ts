import { ANONYMOUS, type ArticleQueries } from './article-queries';
import type { Db } from './db';
import { notFound } from './http';
import { comment, CommentJson, CommentRow } from './mappers';

/** GET /api/articles/:slug/comments, newest first: in one statement, or the article's id, then its comments. */
export async function listComments(
  db: Db,
  queries: ArticleQueries,
  slug: string,
  viewerId = ANONYMOUS,
): Promise<{ comments: CommentJson[] }> {
  if (queries.oneTripReads) {
    const { sql, params } = queries.comments(slug, viewerId);
    const rows = await db.all<CommentRow | { id: null }>(sql, params);
    if (rows.length === 0) throw notFound('article');
    const found = rows.filter((row): row is CommentRow => row.id !== null);
    return { comments: found.sort((a, b) => Number(b.id) - Number(a.id)).map(comment) };
  }
  const [found] = await db.all<{ id: number }>('SELECT id FROM articles WHERE slug = ?', [slug]);
  if (!found) throw notFound('article');
  const { sql, params } = queries.comments(Number(found.id), viewerId);
  const rows = await db.all<CommentRow>(sql, params);
  return { comments: rows.map(comment) };
}
