import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { runWrite } from '../../database/sql-writes';
import { ARTICLE_TOTAL_SHARDS } from './entities/article-total.entity';

/** Counts an article in (+1) or out (-1) of the total and its author's count, inside the caller's transaction. */
export async function countArticle(manager: EntityManager, authorId: number, delta: 1 | -1): Promise<void> {
  await runWrite(manager, 'UPDATE users SET articles_count = articles_count + ? WHERE id = ?', [
    delta,
    authorId,
  ]);
  await runWrite(manager, 'UPDATE article_totals SET articles = articles + ? WHERE shard = ?', [
    delta,
    randomInt(ARTICLE_TOTAL_SHARDS),
  ]);
}
