import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const SHARDS = 16;

/**
 * Counters that keep list totals exact without counting rows (article_totals, tags.articles_count,
 * users.articles_count), and article_tags.created_at so a tag's articles come newest first from one index.
 * Existing data is counted once here.
 */
export class AddContentCounters1764400000000 implements MigrationInterface {
  name = 'AddContentCounters1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'articles_count', type: 'integer', default: 0 }),
    );
    await queryRunner.addColumn(
      'tags',
      new TableColumn({ name: 'articles_count', type: 'integer', default: 0 }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'article_totals',
        columns: [
          { name: 'shard', type: 'integer', isPrimary: true },
          { name: 'articles', type: 'integer', default: 0 },
        ],
      }),
    );
    await queryRunner.addColumn(
      'article_tags',
      new TableColumn({ name: 'created_at', type: 'datetime', precision: 3, isNullable: true }),
    );
    await queryRunner.query(
      'UPDATE article_tags SET created_at = (SELECT a.created_at FROM articles a WHERE a.id = article_tags.article_id)',
    );
    await queryRunner.changeColumn(
      'article_tags',
      'created_at',
      new TableColumn({ name: 'created_at', type: 'datetime', precision: 3 }),
    );
    await queryRunner.createIndex(
      'article_tags',
      new TableIndex({
        name: 'IDX_article_tags_tag_created',
        columnNames: ['tag_id', 'created_at', 'article_id'],
      }),
    );
    await queryRunner.dropIndex('article_tags', 'IDX_article_tags_tag');
    await this.countExistingData(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'article_tags',
      new TableIndex({ name: 'IDX_article_tags_tag', columnNames: ['tag_id', 'article_id'] }),
    );
    await queryRunner.dropIndex('article_tags', 'IDX_article_tags_tag_created');
    await queryRunner.dropColumn('article_tags', 'created_at');
    await queryRunner.dropTable('article_totals');
    await queryRunner.dropColumn('tags', 'articles_count');
    await queryRunner.dropColumn('users', 'articles_count');
  }

  private async countExistingData(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'UPDATE users SET articles_count = (SELECT COUNT(*) FROM articles a WHERE a.author_id = users.id)',
    );
    await queryRunner.query(
      'UPDATE tags SET articles_count = (SELECT COUNT(*) FROM article_tags l WHERE l.tag_id = tags.id)',
    );
    const [{ total }] = (await queryRunner.query('SELECT COUNT(*) AS total FROM articles')) as Total[];
    for (let shard = 0; shard < SHARDS; shard++) {
      await queryRunner.query('INSERT INTO article_totals (shard, articles) VALUES (?, ?)', [
        shard,
        shard === 0 ? Number(total) : 0,
      ]);
    }
  }
}

/** COUNT(*) is a number on SQLite and a string (BIGINT) from mysql2. */
interface Total {
  total: number | string;
}
