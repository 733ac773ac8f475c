import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import { toSqlTimestamp } from '../../database/timestamps';
import { viewerFollowsSql } from '../../users/follows.repository';
import type { CommentRow } from './comment-row';

export interface NewCommentRow {
  body: string;
  articleId: number;
  authorId: number;
  createdAt: Date;
}

/** An article's comments, newest first; `following` is a subquery only for a signed-in viewer. */
export function commentsSql(articleId: number, viewerId: number): { text: string; params: number[] } {
  const following = viewerFollowsSql('c.author_id', viewerId);
  return {
    text: `SELECT c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
         u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage, ${following.text} AS following
       FROM comments c INNER JOIN users u ON u.id = c.author_id WHERE c.article_id = ? ORDER BY c.id DESC`,
    params: [...following.params, articleId],
  };
}

/** comments: each belongs to one article and goes with it. */
@Injectable()
export class CommentsRepository {
  constructor(private readonly db: Database) {}

  /** An article's comments, newest first, with their authors and whether the viewer follows them. */
  @GenerateSql({ name: 'anonymous', params: [1, 0] }, { name: 'signed in', params: [1, 2] })
  findByArticle(articleId: number, viewerId: number): Promise<CommentRow[]> {
    const { text, params } = commentsSql(articleId, viewerId);
    return this.db.query<CommentRow>(text, params);
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
