import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { cascadeForeignKey, idColumn, timestampColumn } from './columns';

/** Roles and suspension of accounts (every existing account is a `user`), and users' reports of content. */
export class AddRolesAndReports1796074599048 implements MigrationInterface {
  name = 'AddRolesAndReports1796074599048';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'reports',
        columns: [
          idColumn(),
          { name: 'reporter_id', type: 'integer' },
          { name: 'target_type', type: 'varchar', length: '16' },
          { name: 'target_id', type: 'integer' },
          { name: 'article_slug', type: 'varchar', length: '255' },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'status', type: 'varchar', length: '16' },
          timestampColumn('created_at'),
          { name: 'resolved_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'resolver_id', type: 'integer', isNullable: true },
          { name: 'resolution_note', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_reports_target', columnNames: ['target_type', 'target_id'] }),
          new TableIndex({ name: 'IDX_reports_status_created', columnNames: ['status', 'created_at'] }),
          new TableIndex({
            name: 'UQ_reports_reporter_target',
            columnNames: ['reporter_id', 'target_type', 'target_id'],
            isUnique: true,
          }),
        ],
        foreignKeys: [cascadeForeignKey('FK_reports_reporter', 'reporter_id', 'users')],
      }),
    );
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'role', type: 'varchar', length: '16', default: "'user'" }),
    );
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'suspended_at', type: 'datetime', precision: 3, isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'suspended_at');
    await queryRunner.dropColumn('users', 'role');
    await queryRunner.dropTable('reports');
  }
}
