import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { cascadeForeignKey, idColumn, timestampColumn } from './columns';

/**
 * Sessions and their refresh tokens replace the users' token version as the way tokens are revoked, and the audit
 * log records security events. Existing tokens name no session row, so everyone signs in again once.
 */
export class AddSessionsAndAuditLog1796072752068 implements MigrationInterface {
  name = 'AddSessionsAndAuditLog1796072752068';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          idColumn(),
          { name: 'type', type: 'varchar', length: '48' },
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'target_type', type: 'varchar', length: '16', isNullable: true },
          { name: 'target_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'address', type: 'varchar', length: '64', isNullable: true },
          { name: 'user_agent', type: 'varchar', length: '255', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'details', type: 'text', isNullable: true },
          timestampColumn('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_audit_events_type', columnNames: ['type', 'created_at'] }),
          new TableIndex({
            name: 'IDX_audit_events_target',
            columnNames: ['target_type', 'target_id', 'created_at'],
          }),
          new TableIndex({ name: 'IDX_audit_events_actor', columnNames: ['actor_id', 'created_at'] }),
          new TableIndex({ name: 'IDX_audit_events_created', columnNames: ['created_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'label', type: 'varchar', length: '255' },
          { name: 'address', type: 'varchar', length: '64' },
          timestampColumn('created_at'),
          timestampColumn('last_used_at'),
          timestampColumn('expires_at'),
          { name: 'revoked_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'revoked_reason', type: 'varchar', length: '32', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_sessions_user', columnNames: ['user_id'] })],
        foreignKeys: [cascadeForeignKey('FK_sessions_user', 'user_id', 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'session_id', type: 'varchar', length: '32' },
          timestampColumn('created_at'),
          { name: 'used_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_refresh_tokens_session', columnNames: ['session_id'] })],
        foreignKeys: [cascadeForeignKey('FK_refresh_tokens_session', 'session_id', 'sessions')],
      }),
    );
    await queryRunner.dropColumn('users', 'token_version');
    await queryRunner.dropColumn('users', 'password_session_id');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'password_session_id', type: 'varchar', length: '32', isNullable: true }),
    );
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'token_version', type: 'integer', default: 0 }),
    );
    await queryRunner.dropTable('refresh_tokens');
    await queryRunner.dropTable('sessions');
    await queryRunner.dropTable('audit_events');
  }
}
