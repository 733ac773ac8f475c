import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * The trash: articles and comments get `deleted_at` (in the trash since; NULL for everything existing) and
 * `deleted_by` (who put it there), indexed for the trash list (author, time) and the purge (time).
 */
export class AddTrash1796102408783 implements MigrationInterface {
  name = 'AddTrash1796102408783';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['articles', 'comments']) await this.addTrashColumns(queryRunner, table);
    // Dropped only now: the author_id foreign key needs an index starting with author_id at every moment (MySQL).
    await queryRunner.dropIndex('comments', 'IDX_comments_author');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'comments',
      new TableIndex({ name: 'IDX_comments_author', columnNames: ['author_id'] }),
    );
    for (const table of ['comments', 'articles']) {
      await queryRunner.dropIndex(table, `IDX_${table}_author_trash`);
      await queryRunner.dropIndex(table, `IDX_${table}_trash`);
      await queryRunner.dropForeignKey(table, `FK_${table}_deleter`);
      await queryRunner.dropIndex(table, `IDX_${table}_deleter`);
      await queryRunner.dropColumn(table, 'deleted_by');
      await queryRunner.dropColumn(table, 'deleted_at');
    }
  }

  private async addTrashColumns(queryRunner: QueryRunner, table: string): Promise<void> {
    await queryRunner.addColumn(
      table,
      new TableColumn({ name: 'deleted_at', type: 'datetime', precision: 3, isNullable: true }),
    );
    await queryRunner.addColumn(
      table,
      new TableColumn({ name: 'deleted_by', type: 'integer', isNullable: true }),
    );
    // The index first: MySQL would otherwise make one of its own for the foreign key.
    await queryRunner.createIndex(
      table,
      new TableIndex({ name: `IDX_${table}_deleter`, columnNames: ['deleted_by'] }),
    );
    await queryRunner.createForeignKey(
      table,
      new TableForeignKey({
        name: `FK_${table}_deleter`,
        columnNames: ['deleted_by'],
        referencedTableName: 'users',
        referencedColumnNames: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      }),
    );
    await queryRunner.createIndex(
      table,
      new TableIndex({ name: `IDX_${table}_trash`, columnNames: ['deleted_at'] }),
    );
    await queryRunner.createIndex(
      table,
      new TableIndex({ name: `IDX_${table}_author_trash`, columnNames: ['author_id', 'deleted_at', 'id'] }),
    );
  }
}
