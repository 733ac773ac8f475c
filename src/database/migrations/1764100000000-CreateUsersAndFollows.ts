import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { idColumn, timestampColumn } from './columns';

export class CreateUsersAndFollows1764100000000 implements MigrationInterface {
  name = 'CreateUsersAndFollows1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          idColumn(),
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'username', type: 'varchar', length: '64' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'bio', type: 'text', isNullable: true },
          { name: 'image', type: 'varchar', length: '2048', isNullable: true },
          timestampColumn('created_at'),
          timestampColumn('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_users_email', columnNames: ['email'], isUnique: true }),
          new TableIndex({ name: 'UQ_users_username', columnNames: ['username'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'follows',
        columns: [
          { name: 'follower_id', type: 'integer', isPrimary: true },
          { name: 'following_id', type: 'integer', isPrimary: true },
          timestampColumn('created_at'),
        ],
        indices: [new TableIndex({ name: 'IDX_follows_following', columnNames: ['following_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_follows_follower',
            columnNames: ['follower_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
          new TableForeignKey({
            name: 'FK_follows_following',
            columnNames: ['following_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('follows');
    await queryRunner.dropTable('users');
  }
}
