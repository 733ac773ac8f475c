import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { timestampColumn } from './columns';

/**
 * The publishing workflow: an article's status, its publication and schedule times, and `listed_at`, the lists' sort
 * key (NULL while not published) that replaces created_at in the list indexes. Every existing article is published,
 * listed at its creation time, so every list keeps its order.
 */
export class AddArticleWorkflow1796086269798 implements MigrationInterface {
  name = 'AddArticleWorkflow1796086269798';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('articles', 'IDX_articles_created');
    await queryRunner.addColumn(
      'articles',
      new TableColumn({ name: 'status', type: 'varchar', length: '16', default: "'published'" }),
    );
    await queryRunner.addColumn(
      'articles',
      new TableColumn({ name: 'published_at', type: 'datetime', precision: 3, isNullable: true }),
    );
    await queryRunner.addColumn(
      'articles',
      new TableColumn({ name: 'listed_at', type: 'datetime', precision: 3, isNullable: true }),
    );
    await queryRunner.addColumn(
      'articles',
      new TableColumn({ name: 'publish_at', type: 'datetime', precision: 3, isNullable: true }),
    );
    await queryRunner.addColumn(
      'articles',
      new TableColumn({ name: 'unpublish_at', type: 'datetime', precision: 3, isNullable: true }),
    );
    await queryRunner.query('UPDATE articles SET published_at = created_at, listed_at = created_at');
    await queryRunner.createIndex(
      'articles',
      new TableIndex({ name: 'IDX_articles_unpublish', columnNames: ['unpublish_at'] }),
    );
    await queryRunner.createIndex(
      'articles',
      new TableIndex({ name: 'IDX_articles_status_publish', columnNames: ['status', 'publish_at'] }),
    );
    await queryRunner.createIndex(
      'articles',
      new TableIndex({ name: 'IDX_articles_author_listed', columnNames: ['author_id', 'listed_at', 'id'] }),
    );
    await queryRunner.createIndex(
      'articles',
      new TableIndex({ name: 'IDX_articles_listed', columnNames: ['listed_at', 'id'] }),
    );
    await queryRunner.createIndex(
      'articles',
      new TableIndex({
        name: 'IDX_articles_author_status',
        columnNames: ['author_id', 'status', 'created_at', 'id'],
      }),
    );
    await queryRunner.addColumn(
      'article_tags',
      new TableColumn({ name: 'listed_at', type: 'datetime', precision: 3, isNullable: true }),
    );
    await queryRunner.query(
      'UPDATE article_tags SET listed_at = (SELECT a.listed_at FROM articles a WHERE a.id = article_tags.article_id)',
    );
    await queryRunner.createIndex(
      'article_tags',
      new TableIndex({
        name: 'IDX_article_tags_tag_listed',
        columnNames: ['tag_id', 'listed_at', 'article_id'],
      }),
    );
    // Dropped only now: the tag_id foreign key needs an index starting with tag_id at every moment (MySQL).
    await queryRunner.dropIndex('article_tags', 'IDX_article_tags_tag_created');
    await queryRunner.dropColumn('article_tags', 'created_at');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'article_tags',
      new TableColumn({ ...timestampColumn('created_at'), isNullable: true }),
    );
    await queryRunner.query(
      'UPDATE article_tags SET created_at = (SELECT a.created_at FROM articles a WHERE a.id = article_tags.article_id)',
    );
    await queryRunner.changeColumn(
      'article_tags',
      'created_at',
      new TableColumn(timestampColumn('created_at')),
    );
    await queryRunner.createIndex(
      'article_tags',
      new TableIndex({
        name: 'IDX_article_tags_tag_created',
        columnNames: ['tag_id', 'created_at', 'article_id'],
      }),
    );
    await queryRunner.dropIndex('article_tags', 'IDX_article_tags_tag_listed');
    await queryRunner.dropColumn('article_tags', 'listed_at');
    await queryRunner.dropIndex('articles', 'IDX_articles_author_status');
    await queryRunner.dropIndex('articles', 'IDX_articles_listed');
    await queryRunner.dropIndex('articles', 'IDX_articles_author_listed');
    await queryRunner.dropIndex('articles', 'IDX_articles_status_publish');
    await queryRunner.dropIndex('articles', 'IDX_articles_unpublish');
    await queryRunner.dropColumn('articles', 'unpublish_at');
    await queryRunner.dropColumn('articles', 'publish_at');
    await queryRunner.dropColumn('articles', 'listed_at');
    await queryRunner.dropColumn('articles', 'published_at');
    await queryRunner.dropColumn('articles', 'status');
    await queryRunner.createIndex(
      'articles',
      new TableIndex({ name: 'IDX_articles_created', columnNames: ['created_at', 'id'] }),
    );
  }
}
