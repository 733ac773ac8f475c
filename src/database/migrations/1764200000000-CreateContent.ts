import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { cascadeForeignKey, idColumn, timestampColumn } from './columns';

export class CreateContent1764200000000 implements MigrationInterface {
  name = 'CreateContent1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'articles',
        columns: [
          idColumn(),
          { name: 'slug', type: 'varchar', length: '255' },
          { name: 'title', type: 'varchar', length: '255' },
          { name: 'description', type: 'varchar', length: '1024' },
          { name: 'body', type: 'text' },
          { name: 'author_id', type: 'integer' },
          timestampColumn('created_at'),
          timestampColumn('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_articles_slug', columnNames: ['slug'], isUnique: true }),
          new TableIndex({ name: 'IDX_articles_created', columnNames: ['created_at', 'id'] }),
          new TableIndex({
            name: 'IDX_articles_author_created',
            columnNames: ['author_id', 'created_at', 'id'],
          }),
        ],
        foreignKeys: [cascadeForeignKey('FK_articles_author', 'author_id', 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tags',
        columns: [idColumn(), { name: 'name', type: 'varchar', length: '64' }],
        indices: [new TableIndex({ name: 'UQ_tags_name', columnNames: ['name'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'article_tags',
        columns: [
          { name: 'article_id', type: 'integer', isPrimary: true },
          { name: 'tag_id', type: 'integer', isPrimary: true },
          { name: 'position', type: 'integer' },
        ],
        indices: [new TableIndex({ name: 'IDX_article_tags_tag', columnNames: ['tag_id', 'article_id'] })],
        foreignKeys: [
          cascadeForeignKey('FK_article_tags_article', 'article_id', 'articles'),
          cascadeForeignKey('FK_article_tags_tag', 'tag_id', 'tags'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'favorites',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'article_id', type: 'integer', isPrimary: true },
          timestampColumn('created_at'),
        ],
        indices: [new TableIndex({ name: 'IDX_favorites_article', columnNames: ['article_id'] })],
        foreignKeys: [
          cascadeForeignKey('FK_favorites_user', 'user_id', 'users'),
          cascadeForeignKey('FK_favorites_article', 'article_id', 'articles'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'comments',
        columns: [
          idColumn(),
          { name: 'body', type: 'text' },
          { name: 'article_id', type: 'integer' },
          { name: 'author_id', type: 'integer' },
          timestampColumn('created_at'),
          timestampColumn('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_comments_article', columnNames: ['article_id', 'id'] }),
          new TableIndex({ name: 'IDX_comments_author', columnNames: ['author_id'] }),
        ],
        foreignKeys: [
          cascadeForeignKey('FK_comments_article', 'article_id', 'articles'),
          cascadeForeignKey('FK_comments_author', 'author_id', 'users'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['comments', 'favorites', 'article_tags', 'tags', 'articles'])
      await queryRunner.dropTable(table);
  }
}
