import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { cascadeForeignKey, idColumn, timestampColumn } from './columns';

/**
 * The e-mail flows (confirmation, password reset, e-mail change: account_tokens and users.email_confirmed_at) and
 * the job runner's table, which is also the mail outbox. Existing accounts start unconfirmed.
 */
export class AddEmailFlowsAndJobs1796073782638 implements MigrationInterface {
  name = 'AddEmailFlowsAndJobs1796073782638';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'account_tokens',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'purpose', type: 'varchar', length: '24' },
          { name: 'email', type: 'varchar', length: '254' },
          timestampColumn('created_at'),
          timestampColumn('expires_at'),
          { name: 'used_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_account_tokens_user', columnNames: ['user_id'] })],
        foreignKeys: [cascadeForeignKey('FK_account_tokens_user', 'user_id', 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'jobs',
        columns: [
          idColumn(),
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'max_attempts', type: 'integer' },
          timestampColumn('run_at'),
          { name: 'locked_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'locked_until', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_error', type: 'varchar', length: '1000', isNullable: true },
          { name: 'dedupe_key', type: 'varchar', length: '191', isNullable: true },
          timestampColumn('created_at'),
          { name: 'finished_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'UQ_jobs_dedupe_key', columnNames: ['dedupe_key'], isUnique: true }),
          new TableIndex({ name: 'IDX_jobs_claim', columnNames: ['status', 'run_at'] }),
        ],
      }),
    );
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'email_confirmed_at', type: 'datetime', precision: 3, isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'email_confirmed_at');
    await queryRunner.dropTable('jobs');
    await queryRunner.dropTable('account_tokens');
  }
}
