import { ANONYMOUS } from './article-queries';
import type { Db } from './db';
import { notFound } from './http';
import { comment, CommentJson, CommentRow } from './mappers';

const COMMENT_COLUMNS = `c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  (SELECT COUNT(*) FROM follows mfo WHERE mfo.following_id = c.author_id AND mfo.follower_id = ?) AS following`;

/** GET /api/articles/:slug/comments, newest first: the article's id, then its comments. */
export async function listComments(
  db: Db,
  slug: string,
  viewerId = ANONYMOUS,
): Promise<{ comments: CommentJson[] }> {
  const [found] = await db.all<{ id: number }>('SELECT id FROM articles WHERE slug = ? LIMIT 1', [slug]);
  if (!found) throw notFound('article');
  const rows = await db.all<CommentRow>(
    `SELECT ${COMMENT_COLUMNS} FROM comments c INNER JOIN users u ON u.id = c.author_id
     WHERE c.article_id = ? ORDER BY c.id DESC`,
    [viewerId, found.id],
  );
  return { comments: rows.map(comment) };
}
