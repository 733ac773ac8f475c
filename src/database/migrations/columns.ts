import { TableColumnOptions, TableForeignKey } from 'typeorm';

// Column shapes shared by the migrations; each matches its entity decorator on MySQL, MariaDB and SQLite.

export function idColumn(name = 'id'): TableColumnOptions {
  return { name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
}

/** Millisecond timestamps, set by the application (no engine-specific default expression). */
export function timestampColumn(name: string): TableColumnOptions {
  return { name, type: 'datetime', precision: 3 };
}

/** A cascading foreign key, named as its entity's @JoinColumn names it. */
export function cascadeForeignKey(name: string, column: string, referencedTable: string): TableForeignKey {
  return new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: referencedTable,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
    onUpdate: 'NO ACTION',
  });
}
