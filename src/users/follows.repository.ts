import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { GenerateSql } from '../database/generate-sql.decorator';
import { toSqlTimestamp } from '../database/timestamps';
import type { Sql } from '../database/sql';

/** The viewer id bound for an anonymous caller: no user has it, so "follows the author" is 0 for everyone. */
export const NO_VIEWER = 0;

/**
 * For reads of other aggregates that show an author: whether the viewer follows the user whose id is in
 * `authorColumn` (1 or 0). For an anonymous caller (NO_VIEWER) that is 0 for everyone, so no subquery is sent.
 */
export function viewerFollowsSql(authorColumn: string, viewerId: number): Sql {
  if (viewerId === NO_VIEWER) return { text: '0', params: [] };
  return {
    text: `(SELECT COUNT(*) FROM follows vf WHERE vf.following_id = ${authorColumn} AND vf.follower_id = ?)`,
    params: [viewerId],
  };
}

/** The authors a user follows, with how many articles each has written (the feed's total is their sum). */
export const FOLLOWED_AUTHORS_SQL = `SELECT fu.id AS id, fu.articles_count AS articles FROM follows fo
  INNER JOIN users fu ON fu.id = fo.following_id WHERE fo.follower_id = ?`;

export interface FollowedAuthor {
  id: number;
  articles: number;
}

/** follows: (follower, following) pairs; the composite key makes a repeated follow a no-op. */
@Injectable()
export class FollowsRepository {
  constructor(private readonly db: Database) {}

  /** Answers whether a row was added (false when it was already there). */
  @GenerateSql({ params: [1, 2, new Date(0)] })
  async insert(followerId: number, followingId: number, at: Date): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      `${this.db.dialect.insertIgnore} follows (follower_id, following_id, created_at) VALUES (?, ?, ?)`,
      [followerId, followingId, toSqlTimestamp(at)],
    );
    return affectedRows > 0;
  }

  /** Answers whether a row was removed. */
  @GenerateSql({ params: [1, 2] })
  async delete(followerId: number, followingId: number): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      'DELETE FROM follows WHERE follower_id = ? AND following_id = ?',
      [followerId, followingId],
    );
    return affectedRows > 0;
  }

  @GenerateSql({ params: [1, 2] })
  async exists(followerId: number, followingId: number): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 AS found FROM follows WHERE follower_id = ? AND following_id = ?',
      [followerId, followingId],
    );
    return rows.length > 0;
  }

  @GenerateSql({ params: [1] })
  async findFollowedAuthors(followerId: number): Promise<FollowedAuthor[]> {
    const rows = await this.db.query<FollowedAuthor>(FOLLOWED_AUTHORS_SQL, [followerId]);
    return rows.map((row) => ({ id: Number(row.id), articles: Number(row.articles) }));
  }
}
