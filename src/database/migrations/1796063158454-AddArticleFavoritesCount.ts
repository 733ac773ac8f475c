import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * articles.favorites_count: kept exact by favorite and unfavorite, so reading an article or a page no longer counts
 * its favorites (a popular article's cost was its popularity). Existing favorites are counted once here.
 */
export class AddArticleFavoritesCount1796063158454 implements MigrationInterface {
  name = 'AddArticleFavoritesCount1796063158454';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'articles',
      new TableColumn({ name: 'favorites_count', type: 'integer', default: 0 }),
    );
    await queryRunner.query(
      `UPDATE articles SET favorites_count = (SELECT COUNT(*) FROM favorites f WHERE f.article_id = articles.id)
       WHERE id IN (SELECT article_id FROM favorites)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('articles', 'favorites_count');
  }
}
