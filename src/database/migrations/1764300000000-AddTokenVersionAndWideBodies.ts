import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { WIDE_TEXT_COLUMNS } from '../engine-columns';

/**
 * Adds users.token_version and users.password_session_id (a password change revokes the tokens of every other
 * sign-in session) and, on MySQL/MariaDB, widens the
 * article bodies from TEXT (64 KiB) to MEDIUMTEXT. SQLite's TEXT has no such limit.
 */
export class AddTokenVersionAndWideBodies1764300000000 implements MigrationInterface {
  name = 'AddTokenVersionAndWideBodies1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('users', [
      new TableColumn({ name: 'token_version', type: 'integer', default: 0 }),
      new TableColumn({ name: 'password_session_id', type: 'varchar', length: '32', isNullable: true }),
    ]);
    if (!isMysql(queryRunner)) return;
    for (const { table, column } of WIDE_TEXT_COLUMNS) {
      await queryRunner.query(`ALTER TABLE \`${table}\` MODIFY \`${column}\` MEDIUMTEXT NOT NULL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isMysql(queryRunner)) {
      for (const { table, column } of WIDE_TEXT_COLUMNS) {
        await queryRunner.query(`ALTER TABLE \`${table}\` MODIFY \`${column}\` TEXT NOT NULL`);
      }
    }
    await queryRunner.dropColumns('users', ['password_session_id', 'token_version']);
  }
}

function isMysql(queryRunner: QueryRunner): boolean {
  return ['mysql', 'mariadb'].includes(queryRunner.connection.options.type);
}
