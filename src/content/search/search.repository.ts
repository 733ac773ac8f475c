import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import type { SqlExecutor } from '../../database/sql-executor';
import { indexRowSql } from './search.sql';

/** article_search, the full-text index of articles (search.sql.ts); its searches run through ArticlesRepository. */
@Injectable()
export class SearchRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({ params: [1, 'train dragon', 'believe dragon'] })
  async insert(
    articleId: number,
    titleTerms: string,
    bodyTerms: string,
    executor: SqlExecutor = this.db,
  ): Promise<void> {
    const [, insert] = indexRowSql(articleId, titleTerms, bodyTerms, executor.dialect.fullText);
    await executor.execute(insert.text, insert.params);
  }

  @GenerateSql({ params: [1, 'train dragon', 'believe dragon'] })
  async replace(
    articleId: number,
    titleTerms: string,
    bodyTerms: string,
    executor: SqlExecutor = this.db,
  ): Promise<void> {
    for (const { text, params } of indexRowSql(articleId, titleTerms, bodyTerms, executor.dialect.fullText))
      await executor.execute(text, params);
  }

  /** The bodies of these articles (by slug), for their snippets. */
  @GenerateSql({ params: [['how-to-train-your-dragon', 'how-to-train-your-cat']] })
  async findTexts(slugs: string[]): Promise<Map<string, { body: string }>> {
    if (slugs.length === 0) return new Map();
    const rows = await this.db.query<{ slug: string; body: string }>(
      `SELECT slug, body FROM articles WHERE slug IN (${slugs.map(() => '?').join(', ')})`,
      slugs,
    );
    return new Map(rows.map((row) => [row.slug, { body: row.body }]));
  }
}
