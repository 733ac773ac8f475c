import { TableColumnOptions } from 'typeorm';

// Column shapes shared by the migrations; each matches its entity decorator on MySQL, MariaDB and SQLite.

export function idColumn(name = 'id'): TableColumnOptions {
  return { name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
}

/** Millisecond timestamps, set by the application (no engine-specific default expression). */
export function timestampColumn(name: string): TableColumnOptions {
  return { name, type: 'datetime', precision: 3 };
}
