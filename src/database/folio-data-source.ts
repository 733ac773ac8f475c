import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { engineOf, isSqlite } from './engine';
import { columnVariants } from './per-engine.decorator';

/**
 * TypeORM's DataSource with two additions: the per-engine column variants (@PerEngine) are applied as soon as the
 * metadata is built, and an SQLite file's folder is created when the connection opens (not when a module loads).
 */
export class FolioDataSource extends DataSource {
  override async initialize(): Promise<this> {
    const { database } = this.options as { database?: unknown };
    if (isSqlite(this) && typeof database === 'string' && database !== ':memory:')
      mkdirSync(dirname(database), { recursive: true });
    return super.initialize();
  }

  override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    const engine = engineOf(this);
    for (const { target, property, variants } of columnVariants()) {
      const variant = variants[engine];
      if (!variant) continue;
      const column = this.entityMetadatas
        .find((metadata) => metadata.target === target)
        ?.columns.find((candidate) => candidate.propertyName === property);
      if (!column) throw new Error(`@PerEngine column ${String(property)} is not mapped`);
      if (variant.type !== undefined) column.type = variant.type;
      if (variant.collation !== undefined) column.collation = variant.collation;
    }
  }
}
