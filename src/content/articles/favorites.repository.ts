import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import type { SqlExecutor } from '../../database/sql-executor';
import { toSqlTimestamp } from '../../database/timestamps';

/** favorites: one row per (user, article); the key makes a repeated favorite a no-op and keeps counts exact. */
@Injectable()
export class FavoritesRepository {
  constructor(private readonly db: Database) {}

  /** Answers whether a row was added (false when it was already there). */
  @GenerateSql({ params: [1, 2, new Date(0)] })
  async insert(
    userId: number,
    articleId: number,
    at: Date,
    executor: SqlExecutor = this.db,
  ): Promise<boolean> {
    const { affectedRows } = await executor.execute(
      `${executor.dialect.insertIgnore} favorites (user_id, article_id, created_at) VALUES (?, ?, ?)`,
      [userId, articleId, toSqlTimestamp(at)],
    );
    return affectedRows > 0;
  }

  /** Answers whether a row was removed. */
  @GenerateSql({ params: [1, 2] })
  async delete(userId: number, articleId: number, executor: SqlExecutor = this.db): Promise<boolean> {
    const { affectedRows } = await executor.execute(
      'DELETE FROM favorites WHERE user_id = ? AND article_id = ?',
      [userId, articleId],
    );
    return affectedRows > 0;
  }
}
