import type { ColumnType } from 'typeorm';
import type { Engine } from './engine';

/** What a column is on one engine, where that differs from its @Column options. */
export interface ColumnVariant {
  type?: ColumnType;
  collation?: string;
}

export interface ColumnVariantEntry {
  target: object;
  property: string;
  variants: Partial<Record<Engine, ColumnVariant>>;
}

const entries: ColumnVariantEntry[] = [];

/**
 * Declares, at the column, how it differs per engine, e.g. MEDIUMTEXT on MySQL/MariaDB where @Column says `text`.
 * @Column itself can only say what every engine accepts; FolioDataSource applies the variant of the engine it runs
 * on once its metadata is built, so that the metadata matches what the migrations created.
 */
export function PerEngine(variants: Partial<Record<Engine, ColumnVariant>>): PropertyDecorator {
  return (prototype, property) => {
    entries.push({ target: prototype.constructor, property: String(property), variants });
  };
}

export function columnVariants(): readonly ColumnVariantEntry[] {
  return entries;
}
