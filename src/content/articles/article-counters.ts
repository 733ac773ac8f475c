import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { ARTICLE_TOTAL_SHARDS, ArticleTotal } from './entities/article-total.entity';

/** Counts an article in (+1) or out (-1) of the total and its author's count, inside the caller's transaction. */
export async function countArticle(manager: EntityManager, authorId: number, delta: 1 | -1): Promise<void> {
  await manager.increment(User, { id: authorId }, 'articlesCount', delta);
  await manager.increment(ArticleTotal, { shard: randomInt(ARTICLE_TOTAL_SHARDS) }, 'articles', delta);
}
