import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ARTICLE_TOTAL_SHARDS = 16;

/**
 * The number of articles, spread over a few rows so that concurrent writers rarely wait on the same row;
 * the total is their sum. Keeps GET /api/articles' articlesCount exact without counting every article.
 */
@Entity('article_totals')
export class ArticleTotal {
  @PrimaryColumn({ type: 'integer' })
  shard: number;

  @Column({ type: 'integer', default: 0 })
  articles: number;
}
