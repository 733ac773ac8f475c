import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { isSqlite } from '../engine';

/**
 * Usernames compare case-insensitively on SQLite too (MySQL's collation already does): "Jake" and "jake" can no
 * longer both register, and /profiles/JAKE finds jake, on every engine.
 */
export class CaseInsensitiveUsernames1764500000000 implements MigrationInterface {
  name = 'CaseInsensitiveUsernames1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (!isSqlite(queryRunner.connection)) return;
    await queryRunner.changeColumn('users', 'username', usernameColumn('NOCASE'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (!isSqlite(queryRunner.connection)) return;
    await queryRunner.changeColumn('users', 'username', usernameColumn(undefined));
  }
}

function usernameColumn(collation: string | undefined): TableColumn {
  return new TableColumn({ name: 'username', type: 'varchar', length: '64', collation });
}
