import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { cascadeForeignKey, idColumn, perEngineColumn, timestampColumn } from './columns';

/**
 * Revisions: article_revisions keeps past versions of articles; articles.edited_by names who wrote the current one
 * (every existing article: its author).
 */
export class AddArticleRevisions1796089811165 implements MigrationInterface {
  name = 'AddArticleRevisions1796089811165';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'article_revisions',
        columns: [
          idColumn(),
          { name: 'article_id', type: 'integer' },
          { name: 'editor_id', type: 'integer', isNullable: true },
          { name: 'title', type: 'varchar', length: '255' },
          { name: 'description', type: 'varchar', length: '1024' },
          perEngineColumn(
            queryRunner,
            { name: 'body', type: 'text' },
            { mysql: { type: 'mediumtext' }, mariadb: { type: 'mediumtext' } },
          ),
          { name: 'tag_list', type: 'text' },
          timestampColumn('written_at'),
          timestampColumn('replaced_at'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_article_revisions_editor', columnNames: ['editor_id'] }),
          new TableIndex({ name: 'IDX_article_revisions_article', columnNames: ['article_id', 'id'] }),
        ],
        foreignKeys: [
          cascadeForeignKey('FK_article_revisions_article', 'article_id', 'articles'),
          new TableForeignKey({
            name: 'FK_article_revisions_editor',
            columnNames: ['editor_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
            onUpdate: 'NO ACTION',
          }),
        ],
      }),
    );
    await queryRunner.addColumn(
      'articles',
      new TableColumn({ name: 'edited_by', type: 'integer', isNullable: true }),
    );
    await queryRunner.query('UPDATE articles SET edited_by = author_id');
    // The index first: MySQL would otherwise make one of its own for the foreign key.
    await queryRunner.createIndex(
      'articles',
      new TableIndex({ name: 'IDX_articles_editor', columnNames: ['edited_by'] }),
    );
    await queryRunner.createForeignKey(
      'articles',
      new TableForeignKey({
        name: 'FK_articles_editor',
        columnNames: ['edited_by'],
        referencedTableName: 'users',
        referencedColumnNames: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('articles', 'FK_articles_editor');
    await queryRunner.dropIndex('articles', 'IDX_articles_editor');
    await queryRunner.dropColumn('articles', 'edited_by');
    await queryRunner.dropTable('article_revisions');
  }
}
