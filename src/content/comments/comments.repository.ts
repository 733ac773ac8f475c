import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import { toSqlTimestamp } from '../../database/timestamps';
import { viewerFollowsSql } from '../../users/follows.repository';
import type { Sql } from '../../database/sql';
import type { ArticleVisibility } from '../articles/article-visibility';
import type { ArticleStatus } from '../articles/article-workflow';
import type { CommentRow } from './comment-row';

export interface NewCommentRow {
  body: string;
  articleId: number;
  authorId: number;
  createdAt: Date;
}

/**
 * The comments of the article with this slug in one round trip: the article's row comes first in the join, so an
 * article without comments is one row with a NULL comment id, and no rows means no such article. `following` is a
 * subquery only for a signed-in viewer. Unordered: an ORDER BY across the outer join costs MySQL a temporary table
 * and a filesort (EXPLAIN), so the caller puts them newest first (byNewest).
 */
export function commentsBySlugSql(slug: string, viewerId: number): Sql {
  const following = viewerFollowsSql('c.author_id', viewerId);
  return {
    text: `SELECT a.status AS articleStatus, a.author_id AS articleAuthorId, c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
         u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage, ${following.text} AS following
       FROM articles a LEFT JOIN comments c ON c.article_id = a.id LEFT JOIN users u ON u.id = c.author_id
       WHERE a.slug = ?`,
    params: [...following.params, slug],
  };
}

/** Newest first: comment ids grow with time. */
function byNewest(a: { id: number | string }, b: { id: number | string }): number {
  return Number(b.id) - Number(a.id);
}

/** comments: each belongs to one article and goes with it. */
@Injectable()
export class CommentsRepository {
  constructor(private readonly db: Database) {}

  /**
   * An article's comments, newest first, with their authors and whether the viewer follows them; null when there
   * is no article with this slug.
   */
  @GenerateSql(
    { name: 'anonymous', params: ['how-to-train-your-dragon', 0] },
    { name: 'signed in', params: ['how-to-train-your-dragon', 2] },
  )
  async findByArticleSlug(
    slug: string,
    viewerId: number,
  ): Promise<{ article: ArticleVisibility; comments: CommentRow[] } | null> {
    const { text, params } = commentsBySlugSql(slug, viewerId);
    type Row = (CommentRow | { id: null }) & {
      articleStatus: ArticleStatus;
      articleAuthorId: number | string;
    };
    const rows = await this.db.query<Row>(text, params);
    if (rows.length === 0) return null;
    return {
      article: { status: rows[0].articleStatus, authorId: Number(rows[0].articleAuthorId) },
      comments: rows.filter((row): row is Row & CommentRow => row.id !== null).sort(byNewest),
    };
  }

  @GenerateSql({
    params: [{ body: 'Thank you so much!', articleId: 1, authorId: 2, createdAt: new Date(0) }],
  })
  async insert(comment: NewCommentRow): Promise<number> {
    const at = toSqlTimestamp(comment.createdAt);
    const { insertId } = await this.db.execute(
      'INSERT INTO comments (body, article_id, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      [comment.body, comment.articleId, comment.authorId, at, at],
    );
    return insertId;
  }

  /** The comment's author, when the comment exists on that article. */
  @GenerateSql({ params: [1, 2] })
  async findAuthorId(id: number, articleId: number): Promise<number | null> {
    const [row] = await this.db.query<{ authorId: number }>(
      'SELECT author_id AS authorId FROM comments WHERE id = ? AND article_id = ?',
      [id, articleId],
    );
    return row ? Number(row.authorId) : null;
  }

  @GenerateSql({ params: [1] })
  async delete(id: number): Promise<void> {
    await this.db.execute('DELETE FROM comments WHERE id = ?', [id]);
  }
}
