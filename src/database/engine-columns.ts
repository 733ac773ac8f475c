import { DataSource } from 'typeorm';

/** Long-form text columns: MEDIUMTEXT (16 MiB) on MySQL/MariaDB, where TEXT stops at 64 KiB; TEXT on SQLite. */
export const WIDE_TEXT_COLUMNS = [{ table: 'articles', column: 'body' }];

/**
 * Columns compared case-insensitively on every engine: MySQL's utf8mb4_unicode_ci collation already does;
 * on SQLite they get COLLATE NOCASE (which folds ASCII letters only).
 */
export const CASE_INSENSITIVE_COLUMNS = [{ table: 'users', column: 'username' }];

const isMysql = (dataSource: DataSource): boolean => ['mysql', 'mariadb'].includes(dataSource.options.type);

/**
 * Entities declare what every engine accepts (`text`, no collation); once the metadata is built, the engine's
 * variant is applied so that it matches the migrated schema.
 */
export function applyEngineColumnTypes(dataSource: DataSource): void {
  if (isMysql(dataSource)) {
    for (const { table, column } of WIDE_TEXT_COLUMNS)
      columnOf(dataSource, table, column).type = 'mediumtext';
  } else {
    for (const { table, column } of CASE_INSENSITIVE_COLUMNS)
      columnOf(dataSource, table, column).collation = 'NOCASE';
  }
}

function columnOf(dataSource: DataSource, table: string, column: string) {
  const metadata = dataSource.entityMetadatas.find((entity) => entity.tableName === table);
  const columnMetadata = metadata?.columns.find((candidate) => candidate.databaseName === column);
  if (!columnMetadata) throw new Error(`engine-specific column ${table}.${column} is not mapped`);
  return columnMetadata;
}

/** A DataSource that applies the engine's column variants as soon as its metadata is built. */
export class FolioDataSource extends DataSource {
  override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    applyEngineColumnTypes(this);
  }
}
