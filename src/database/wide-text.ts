import { DataSource } from 'typeorm';

/** Long-form text columns: MEDIUMTEXT (16 MiB) on MySQL/MariaDB, where TEXT stops at 64 KiB; TEXT on SQLite. */
export const WIDE_TEXT_COLUMNS = [{ table: 'articles', column: 'body' }];

/**
 * Entities declare these columns as `text`, the one type every engine accepts; on MySQL the built metadata is
 * switched to `mediumtext` so that it matches the migrated schema.
 */
export function applyEngineColumnTypes(dataSource: DataSource): void {
  if (!['mysql', 'mariadb'].includes(dataSource.options.type)) return;
  for (const { table, column } of WIDE_TEXT_COLUMNS) {
    const metadata = dataSource.entityMetadatas.find((entity) => entity.tableName === table);
    const columnMetadata = metadata?.columns.find((candidate) => candidate.databaseName === column);
    if (!columnMetadata) throw new Error(`wide text column ${table}.${column} is not mapped`);
    columnMetadata.type = 'mediumtext';
  }
}

/** A DataSource that applies the engine's column types as soon as its metadata is built. */
export class FolioDataSource extends DataSource {
  override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    applyEngineColumnTypes(this);
  }
}
