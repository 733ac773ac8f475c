import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { GenerateSql } from '../database/generate-sql.decorator';

type Row = Record<string, unknown>;

/**
 * Everything Folio holds about one account, table by table, for its export: one query per table whatever the
 * amount, each down an index starting with the account's id.
 */
@Injectable()
export class DataExportRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({ params: [1] })
  async account(userId: number): Promise<Row | null> {
    const [row] = await this.db.query<Row>(
      `SELECT username, email, bio, image, role, email_confirmed_at AS emailConfirmedAt, suspended_at AS suspendedAt,
         created_at AS createdAt, updated_at AS updatedAt
       FROM users WHERE id = ?`,
      [userId],
    );
    return row ?? null;
  }

  /** Every article of the author, in the trash or not, oldest first. */
  @GenerateSql({ params: [1] })
  articles(authorId: number): Promise<Row[]> {
    return this.db.query<Row>(
      `SELECT id, slug, title, description, body, status, created_at AS createdAt, updated_at AS updatedAt,
         published_at AS publishedAt, publish_at AS publishAt, unpublish_at AS unpublishAt,
         deleted_at AS deletedAt, favorites_count AS favoritesCount
       FROM articles WHERE author_id = ? ORDER BY created_at, id`,
      [authorId],
    );
  }

  @GenerateSql({ params: [1] })
  articleTags(authorId: number): Promise<Row[]> {
    return this.db.query<Row>(
      `SELECT l.article_id AS articleId, t.name AS name
       FROM articles a INNER JOIN article_tags l ON l.article_id = a.id INNER JOIN tags t ON t.id = l.tag_id
       WHERE a.author_id = ? ORDER BY l.article_id, l.position`,
      [authorId],
    );
  }

  @GenerateSql({ params: [1] })
  revisions(authorId: number): Promise<Row[]> {
    return this.db.query<Row>(
      `SELECT r.article_id AS articleId, r.title, r.description, r.body, r.tag_list AS tagList,
         e.username AS editor, r.written_at AS writtenAt, r.replaced_at AS replacedAt
       FROM articles a INNER JOIN article_revisions r ON r.article_id = a.id LEFT JOIN users e ON e.id = r.editor_id
       WHERE a.author_id = ? ORDER BY r.article_id, r.id`,
      [authorId],
    );
  }

  /** The account's comments anywhere, in the trash or not. */
  @GenerateSql({ params: [1] })
  comments(authorId: number): Promise<Row[]> {
    return this.db.query<Row>(
      `SELECT c.id, a.slug AS article, c.body, c.created_at AS createdAt, c.deleted_at AS deletedAt
       FROM comments c INNER JOIN articles a ON a.id = c.article_id
       WHERE c.author_id = ? ORDER BY c.id`,
      [authorId],
    );
  }

  @GenerateSql({ params: [1] })
  favorites(userId: number): Promise<Row[]> {
    return this.db.query<Row>(
      `SELECT a.slug AS article, f.created_at AS createdAt
       FROM favorites f INNER JOIN articles a ON a.id = f.article_id
       WHERE f.user_id = ? ORDER BY f.created_at, a.id`,
      [userId],
    );
  }

  /** Whom the account follows and who follows it. */
  @GenerateSql({ params: [1] })
  follows(userId: number): Promise<Row[]> {
    return this.db.query<Row>(
      `SELECT 'following' AS direction, u.username, f.created_at AS createdAt
         FROM follows f INNER JOIN users u ON u.id = f.following_id WHERE f.follower_id = ?
       UNION ALL
       SELECT 'follower' AS direction, u.username, f.created_at AS createdAt
         FROM follows f INNER JOIN users u ON u.id = f.follower_id WHERE f.following_id = ?`,
      [userId, userId],
    );
  }

  @GenerateSql({ params: [1] })
  sessions(userId: number): Promise<Row[]> {
    return this.db.query<Row>(
      `SELECT id, label, address, created_at AS createdAt, last_used_at AS lastUsedAt, expires_at AS expiresAt,
         revoked_at AS revokedAt, revoked_reason AS revokedReason
       FROM sessions WHERE user_id = ? ORDER BY created_at, id`,
      [userId],
    );
  }
}
