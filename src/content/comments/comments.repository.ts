import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import { fromSqlTimestamp, toSqlTimestamp } from '../../database/timestamps';
import { viewerFollowsSql } from '../../users/follows.repository';
import type { Sql } from '../../database/sql';
import type { ArticleVisibility } from '../articles/article-visibility';
import type { ArticleStatus } from '../articles/article-workflow';
import type { CommentRow } from './comment-row';

/** What deciding a delete or a restore needs to know of a comment. */
export interface StoredComment {
  authorId: number;
  deletedAt: Date | null;
  deletedBy: number | null;
}

export interface NewCommentRow {
  body: string;
  articleId: number;
  authorId: number;
  createdAt: Date;
}

/**
 * The comments of the article with this slug in one round trip: the article's row comes first in the join, so an
 * article without comments is one row with a NULL comment id, and no rows means no such article (or one in the
 * trash). Comments in the trash are left out. `following` is a
 * subquery only for a signed-in viewer. Unordered: an ORDER BY across the outer join costs MySQL a temporary table
 * and a filesort (EXPLAIN), so the caller puts them newest first (byNewest).
 */
export function commentsBySlugSql(slug: string, viewerId: number, onlyId?: number): Sql {
  const following = viewerFollowsSql('c.author_id', viewerId);
  const only = onlyId === undefined ? '' : ' AND c.id = ?';
  return {
    text: `SELECT a.status AS articleStatus, a.author_id AS articleAuthorId, c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
         u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage, ${following.text} AS following
       FROM articles a LEFT JOIN comments c ON c.article_id = a.id AND c.deleted_at IS NULL${only}
         LEFT JOIN users u ON u.id = c.author_id
       WHERE a.slug = ? AND a.deleted_at IS NULL`,
    params: [...following.params, ...(onlyId === undefined ? [] : [onlyId]), slug],
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
   * An article's comments (or only the one with id `onlyId`), newest first, with their authors and whether the
   * viewer follows them; null when there is no article with this slug.
   */
  @GenerateSql(
    { name: 'anonymous', params: ['how-to-train-your-dragon', 0] },
    { name: 'signed in', params: ['how-to-train-your-dragon', 2] },
    { name: 'one comment', params: ['how-to-train-your-dragon', 2, 1] },
  )
  async findByArticleSlug(
    slug: string,
    viewerId: number,
    onlyId?: number,
  ): Promise<{ article: ArticleVisibility; comments: CommentRow[] } | null> {
    const { text, params } = commentsBySlugSql(slug, viewerId, onlyId);
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
  /** The new comment's id; null when its article is gone or in the trash (checked by the INSERT itself). */
  async insert(comment: NewCommentRow): Promise<number | null> {
    const at = toSqlTimestamp(comment.createdAt);
    const { insertId, affectedRows } = await this.db.execute(
      `INSERT INTO comments (body, article_id, author_id, created_at, updated_at)
       SELECT ?, id, ?, ?, ? FROM articles WHERE id = ? AND deleted_at IS NULL`,
      [comment.body, comment.authorId, at, at, comment.articleId],
    );
    return affectedRows === 0 ? null : insertId;
  }

  /** The comment's author and trash state, when the comment exists on that article. */
  @GenerateSql({ params: [1, 2] })
  async findOnArticle(id: number, articleId: number): Promise<StoredComment | null> {
    const [row] = await this.db.query<StoredComment>(
      `SELECT author_id AS authorId, deleted_at AS deletedAt, deleted_by AS deletedBy
       FROM comments WHERE id = ? AND article_id = ?`,
      [id, articleId],
    );
    if (!row) return null;
    const deletedBy = row.deletedBy === null ? null : Number(row.deletedBy);
    const deletedAt = row.deletedAt === null ? null : fromSqlTimestamp(row.deletedAt);
    return { authorId: Number(row.authorId), deletedAt, deletedBy };
  }

  /** Puts the comment in the trash; false when it is there already. */
  @GenerateSql({ params: [1, new Date(0), 2] })
  async moveToTrash(id: number, at: Date, actorId: number): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      'UPDATE comments SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL',
      [toSqlTimestamp(at), actorId, id],
    );
    return affectedRows > 0;
  }

  /** Takes the comment out of the trash; false when it is not there. */
  @GenerateSql({ params: [1] })
  async restore(id: number): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      'UPDATE comments SET deleted_at = NULL, deleted_by = NULL WHERE id = ? AND deleted_at IS NOT NULL',
      [id],
    );
    return affectedRows > 0;
  }
}
