import { QueryRunner, TableColumnOptions, TableForeignKey } from 'typeorm';
import { Engine, engineOf } from '../engine';
import type { ColumnVariant } from '../per-engine.decorator';

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

/**
 * A column whose type or collation differs per engine, as its entity's @PerEngine declares: the variant of the engine
 * being migrated replaces those options (`npm run migration:new` writes the variants as literals).
 */
export function perEngineColumn(
  queryRunner: QueryRunner,
  column: TableColumnOptions,
  variants: Partial<Record<Engine, ColumnVariant>>,
): TableColumnOptions {
  const variant = variants[engineOf(queryRunner.connection)];
  return variant ? { ...column, ...(variant as Partial<TableColumnOptions>) } : column;
}
