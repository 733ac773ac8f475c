import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import { fromSqlTimestamp, toSqlTimestamp } from '../../database/timestamps';

/** An article or a comment in its author's trash. */
export interface TrashRow {
  kind: 'article' | 'comment';
  id: number;
  /** The article's slug and title (a comment's article's). */
  slug: string;
  title: string;
  /** A comment's text; null for an article. */
  body: string | null;
  deletedAt: Date;
  deletedBy: number | null;
  authorId: number;
}

const PURGED_TABLES = ['articles', 'comments'] as const;

/**
 * The trash of articles and comments: an author's trash as one list (newest deletion first, each side read down
 * its (author_id, deleted_at, id) index), and the purge of what has been there too long.
 */
@Injectable()
export class TrashRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({ params: [1, 20, 0] })
  async findPage(authorId: number, limit: number, offset: number): Promise<TrashRow[]> {
    const reach = limit + offset;
    const rows = await this.db.query<TrashRow>(
      `SELECT * FROM (
         SELECT * FROM (SELECT 'article' AS kind, id, slug, title, NULL AS body, deleted_at AS deletedAt,
             deleted_by AS deletedBy, author_id AS authorId
           FROM articles WHERE author_id = ? AND deleted_at IS NOT NULL
           ORDER BY deleted_at DESC, id DESC LIMIT ?) trashed_articles
         UNION ALL
         SELECT * FROM (SELECT 'comment' AS kind, c.id, a.slug, a.title, c.body, c.deleted_at AS deletedAt,
             c.deleted_by AS deletedBy, c.author_id AS authorId
           FROM comments c INNER JOIN articles a ON a.id = c.article_id
           WHERE c.author_id = ? AND c.deleted_at IS NOT NULL
           ORDER BY c.deleted_at DESC, c.id DESC LIMIT ?) trashed_comments
       ) trash ORDER BY deletedAt DESC, kind, id DESC LIMIT ? OFFSET ?`,
      [authorId, reach, authorId, reach, limit, offset],
    );
    return rows.map((row) => ({
      ...row,
      id: Number(row.id),
      deletedAt: fromSqlTimestamp(row.deletedAt),
      deletedBy: row.deletedBy === null ? null : Number(row.deletedBy),
      authorId: Number(row.authorId),
    }));
  }

  @GenerateSql({ params: [1] })
  async count(authorId: number): Promise<number> {
    const [row] = await this.db.query<{ count: number | string }>(
      `SELECT (SELECT COUNT(*) FROM articles WHERE author_id = ? AND deleted_at IS NOT NULL)
         + (SELECT COUNT(*) FROM comments WHERE author_id = ? AND deleted_at IS NOT NULL) AS count`,
      [authorId, authorId],
    );
    return Number(row?.count ?? 0);
  }

  /**
   * Deletes up to `limit` rows of `table` in the trash since before `cutoff`, oldest first; what hangs off an
   * article (comments, favorites, tag links, revisions) goes with it by its cascading foreign key. Answers how many
   * went; a row restored since the SELECT stays (the DELETE checks again).
   */
  @GenerateSql(
    { name: 'articles', params: ['articles', new Date(0), 100] },
    { name: 'comments', params: ['comments', new Date(0), 100] },
  )
  async purge(table: (typeof PURGED_TABLES)[number], cutoff: Date, limit: number): Promise<number> {
    if (!PURGED_TABLES.includes(table)) throw new Error(`not a table with a trash: ${table}`);
    const before = toSqlTimestamp(cutoff);
    const rows = await this.db.query<{ id: number }>(
      `SELECT id FROM ${table} WHERE deleted_at < ? ORDER BY deleted_at LIMIT ?`,
      [before, limit],
    );
    if (rows.length === 0) return 0;
    const { affectedRows } = await this.db.execute(
      `DELETE FROM ${table} WHERE id IN (${rows.map(() => '?').join(', ')}) AND deleted_at < ?`,
      [...rows.map((row) => Number(row.id)), before],
    );
    return affectedRows;
  }
}
