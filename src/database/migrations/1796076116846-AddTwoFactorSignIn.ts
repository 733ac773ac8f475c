import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { cascadeForeignKey, timestampColumn } from './columns';

/** Two-factor sign-in: TOTP authenticators (secrets encrypted), recovery codes and login challenges. */
export class AddTwoFactorSignIn1796076116846 implements MigrationInterface {
  name = 'AddTwoFactorSignIn1796076116846';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'mfa_challenges',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          timestampColumn('created_at'),
          timestampColumn('expires_at'),
          { name: 'used_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'failed_attempts', type: 'integer', default: 0 },
        ],
        indices: [new TableIndex({ name: 'IDX_mfa_challenges_user', columnNames: ['user_id'] })],
        foreignKeys: [cascadeForeignKey('FK_mfa_challenges_user', 'user_id', 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'mfa_recovery_codes',
        columns: [
          { name: 'code_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'used_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_mfa_recovery_codes_user', columnNames: ['user_id'] })],
        foreignKeys: [cascadeForeignKey('FK_mfa_recovery_codes_user', 'user_id', 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'mfa_totp',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'secret_ciphertext', type: 'varchar', length: '255' },
          { name: 'enabled_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_step', type: 'integer', default: 0 },
          timestampColumn('created_at'),
        ],
        foreignKeys: [cascadeForeignKey('FK_mfa_totp_user', 'user_id', 'users')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('mfa_totp');
    await queryRunner.dropTable('mfa_recovery_codes');
    await queryRunner.dropTable('mfa_challenges');
  }
}
