import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { isSqlite } from '../engine';

/**
 * Adds users.token_version and users.password_session_id (a password change revokes the tokens of every other
 * sign-in session) and, on MySQL/MariaDB, widens the article bodies from TEXT (64 KiB) to MEDIUMTEXT. SQLite's TEXT
 * has no such limit.
 */
export class AddTokenVersionAndWideBodies1764300000000 implements MigrationInterface {
  name = 'AddTokenVersionAndWideBodies1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('users', [
      new TableColumn({ name: 'token_version', type: 'integer', default: 0 }),
      new TableColumn({ name: 'password_session_id', type: 'varchar', length: '32', isNullable: true }),
    ]);
    if (isSqlite(queryRunner.connection)) return;
    await queryRunner.query('ALTER TABLE `articles` MODIFY `body` MEDIUMTEXT NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (!isSqlite(queryRunner.connection))
      await queryRunner.query('ALTER TABLE `articles` MODIFY `body` TEXT NOT NULL');
    await queryRunner.dropColumns('users', ['password_session_id', 'token_version']);
  }
}
