import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The indexes of the list's sorts by last change and by favorites (`sort=updated`, `sort=favorites`). */
export class AddArticleSortIndexes1796105000001 implements MigrationInterface {
  name = 'AddArticleSortIndexes1796105000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'articles',
      new TableIndex({ name: 'IDX_articles_updated', columnNames: ['updated_at', 'id'] }),
    );
    await queryRunner.createIndex(
      'articles',
      new TableIndex({ name: 'IDX_articles_favorites', columnNames: ['favorites_count', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('articles', 'IDX_articles_favorites');
    await queryRunner.dropIndex('articles', 'IDX_articles_updated');
  }
}
