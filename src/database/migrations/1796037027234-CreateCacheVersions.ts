import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** cache_versions and its one row (see CacheVersion), which the instances poll and out-of-process writers advance. */
export class CreateCacheVersions1796037027234 implements MigrationInterface {
  name = 'CreateCacheVersions1796037027234';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'cache_versions',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'version', type: 'integer', default: 0 },
        ],
      }),
    );
    await queryRunner.query('INSERT INTO cache_versions (id, version) VALUES (1, 0)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('cache_versions');
  }
}
