// The drafting half of `npm run migration:new`: compares the entities' metadata with the tables that the existing
// migrations created (read back from a migrated database) and writes the difference as a migration on TypeORM's
// Table API, with literals only, so that it creates the same schema on SQLite, MySQL and MariaDB.
import {
  DataSource,
  EntityMetadata,
  getMetadataArgsStorage,
  Table,
  TableColumn,
  TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';
import type { Engine } from '../src/database/engine';
import { ColumnVariant, columnVariants } from '../src/database/per-engine.decorator';

type ColumnMetadata = EntityMetadata['columns'][number];
type Variants = Partial<Record<Engine, ColumnVariant>>;

/**
 * Tables of the migration machinery and of the engine itself, never an entity's; and the full-text index
 * (article_search, written by its migration per engine: an FTS5 table with its shadow tables on SQLite).
 */
const isMachineryTable = (name: string): boolean =>
  ['migrations', 'typeorm_metadata'].includes(name) ||
  name.startsWith('sqlite_') ||
  name === 'article_search' ||
  name.startsWith('article_search_');

/** Types that TypeORM translates per driver: a literal in a migration would be taken as SQL on every engine. */
const ORM_ONLY_TYPES = new Set(['uuid', 'simple-array', 'simple-json', 'simple-enum', 'enum']);

export interface MigrationDraft {
  /** The migration's source, or null when the entities match the schema. */
  source: string | null;
  /** One line per change, for the console. */
  summary: string[];
  /** What the draft could not express safely: each is also a TODO comment in the source. */
  todos: string[];
}

/** One step of up() and the step of down() that undoes it. */
interface Step {
  up: string;
  down: string;
  summary: string;
}

/**
 * Drafts the migration that takes the schema of `dataSource` (already migrated) to its entities. `className` is the
 * migration's class name, timestamp included.
 */
export async function draftMigration(dataSource: DataSource, className: string): Promise<MigrationDraft> {
  const runner = dataSource.createQueryRunner();
  let tables: Table[];
  try {
    tables = await runner.getTables();
  } finally {
    await runner.release();
  }
  const drafter = new Drafter(dataSource);
  const steps = drafter.steps(tables);
  if (steps.length === 0 && drafter.todos.length === 0) return { source: null, summary: [], todos: [] };
  return {
    source: drafter.render(className, steps),
    summary: steps.map((step) => step.summary),
    todos: drafter.todos,
  };
}

class Drafter {
  readonly todos: string[] = [];
  private readonly todoComments: string[] = [];
  private readonly typeormImports = new Set<string>();
  private readonly helperImports = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  steps(tables: Table[]): Step[] {
    // Join tables of many-to-many relations are tables too; views and single-table children are not.
    const entities = this.dataSource.entityMetadatas.filter((metadata) =>
      ['regular', 'junction', 'closure', 'closure-junction'].includes(metadata.tableType),
    );
    const byName = new Map(tables.map((table) => [table.name, table]));
    const created = orderByReferences(entities.filter((metadata) => !byName.has(metadata.tablePath)));
    const kept = entities.filter((metadata) => byName.has(metadata.tablePath));
    const removed = tables.filter(
      (table) =>
        !isMachineryTable(table.name) && !entities.some((metadata) => metadata.tablePath === table.name),
    );

    const drops: Step[] = [];
    const adds: Step[] = [];
    const late: Step[] = [];
    for (const metadata of kept) {
      const table = byName.get(metadata.tablePath)!;
      const changes = this.tableChanges(metadata, table);
      drops.push(...changes.drops);
      adds.push(...changes.adds);
      late.push(...changes.late);
    }
    return [
      ...drops,
      ...created.map((metadata) => this.createTable(metadata)),
      ...adds,
      ...late,
      ...removed.reverse().map((table) => this.dropTable(table)),
    ];
  }

  render(className: string, steps: Step[]): string {
    const up = [...this.todoComments, ...steps.map((step) => step.up)];
    const down = [...this.todoComments, ...[...steps].reverse().map((step) => step.down)];
    const typeorm = ['MigrationInterface', 'QueryRunner', ...this.typeormImports].sort(byName);
    const lines = [`import { ${typeorm.join(', ')} } from 'typeorm';`];
    if (this.helperImports.size > 0)
      lines.push(`import { ${[...this.helperImports].sort(byName).join(', ')} } from './columns';`);
    lines.push(
      '',
      `export class ${className} implements MigrationInterface {`,
      `  name = '${className}';`,
      '',
      '  async up(queryRunner: QueryRunner): Promise<void> {',
      ...up.map(indent),
      '  }',
      '',
      '  async down(queryRunner: QueryRunner): Promise<void> {',
      ...down.map(indent),
      '  }',
      '}',
      '',
    );
    return lines.join('\n');
  }

  private todo(message: string): void {
    this.todos.push(message);
    this.todoComments.push(`// TODO(migration:new): ${message}`);
  }

  private createTable(metadata: EntityMetadata): Step {
    this.typeormImports.add('Table');
    const name = metadata.tablePath;
    const parts = [
      `name: ${literal(name)}`,
      `columns: [${this.persistedColumns(metadata)
        .map((column) => this.columnCode(column))
        .join(', ')}]`,
    ];
    const indices = synchronizedIndices(metadata).map((index) => this.indexCode(index));
    if (indices.length > 0) parts.push(`indices: [${indices.join(', ')}]`);
    const uniques = metadata.uniques.map((unique) => this.uniqueCode(uniqueOptions(unique)));
    if (uniques.length > 0) parts.push(`uniques: [${uniques.join(', ')}]`);
    const foreignKeys = metadata.foreignKeys.map((key) => this.foreignKeyCode(foreignKeyOptions(key)));
    if (foreignKeys.length > 0) parts.push(`foreignKeys: [${foreignKeys.join(', ')}]`);
    for (const check of metadata.checks) this.todo(`${name}: the check ${check.name} is not drafted; add it`);
    return {
      up: `await queryRunner.createTable(new Table({ ${parts.join(', ')} }));`,
      down: `await queryRunner.dropTable(${literal(name)});`,
      summary: `create table ${name}`,
    };
  }

  private dropTable(table: Table): Step {
    this.typeormImports.add('Table');
    const parts = [
      `name: ${literal(table.name)}`,
      `columns: [${table.columns.map((column) => this.columnCode(storedColumnOptions(column))).join(', ')}]`,
    ];
    if (table.indices.length > 0)
      parts.push(
        `indices: [${table.indices.map((index) => this.indexCode(indexOptions(index))).join(', ')}]`,
      );
    if (table.uniques.length > 0)
      parts.push(`uniques: [${table.uniques.map((unique) => this.uniqueCode(unique)).join(', ')}]`);
    if (table.foreignKeys.length > 0)
      parts.push(`foreignKeys: [${table.foreignKeys.map((key) => this.foreignKeyCode(key)).join(', ')}]`);
    return {
      up: `await queryRunner.dropTable(${literal(table.name)});`,
      down: `await queryRunner.createTable(new Table({ ${parts.join(', ')} }));`,
      summary: `drop table ${table.name} (no entity maps it any more; down() recreates it as SQLite reports it)`,
    };
  }

  /** The differences of a table that exists: what to drop first, what to add, what to drop last (columns). */
  private tableChanges(
    metadata: EntityMetadata,
    table: Table,
  ): { drops: Step[]; adds: Step[]; late: Step[] } {
    const name = literal(table.name);
    const drops: Step[] = [];
    const adds: Step[] = [];
    const late: Step[] = [];

    const wantedKeys = metadata.foreignKeys.map(foreignKeyOptions);
    for (const key of table.foreignKeys) {
      const wanted = wantedKeys.find((candidate) => candidate.name === key.name);
      if (wanted && sameForeignKey(wanted, key)) continue;
      drops.push({
        up: `await queryRunner.dropForeignKey(${name}, ${literal(key.name)});`,
        down: `await queryRunner.createForeignKey(${name}, ${this.foreignKeyCode(key)});`,
        summary: `drop foreign key ${key.name} of ${table.name}`,
      });
    }
    for (const key of wantedKeys) {
      const stored = table.foreignKeys.find((candidate) => candidate.name === key.name);
      if (stored && sameForeignKey(key, stored)) continue;
      adds.push({
        up: `await queryRunner.createForeignKey(${name}, ${this.foreignKeyCode(key)});`,
        down: `await queryRunner.dropForeignKey(${name}, ${literal(key.name)});`,
        summary: `create foreign key ${key.name} on ${table.name}`,
      });
    }

    const wantedIndices = synchronizedIndices(metadata);
    for (const index of table.indices) {
      const wanted = wantedIndices.find((candidate) => candidate.name === index.name);
      if (wanted && sameIndex(wanted, indexOptions(index))) continue;
      drops.push({
        up: `await queryRunner.dropIndex(${name}, ${literal(index.name)});`,
        down: `await queryRunner.createIndex(${name}, ${this.indexCode(indexOptions(index))});`,
        summary: `drop index ${index.name} of ${table.name}`,
      });
    }
    for (const index of wantedIndices) {
      const stored = table.indices.find((candidate) => candidate.name === index.name);
      if (stored && sameIndex(index, indexOptions(stored))) continue;
      adds.push({
        up: `await queryRunner.createIndex(${name}, ${this.indexCode(index)});`,
        down: `await queryRunner.dropIndex(${name}, ${literal(index.name)});`,
        summary: `create index ${index.name} on ${table.name}`,
      });
    }

    const wantedUniques = metadata.uniques.map(uniqueOptions);
    for (const unique of table.uniques) {
      if (wantedUniques.some((candidate) => candidate.name === unique.name)) continue;
      drops.push({
        up: `await queryRunner.dropUniqueConstraint(${name}, ${literal(unique.name)});`,
        down: `await queryRunner.createUniqueConstraint(${name}, ${this.uniqueCode(unique)});`,
        summary: `drop unique constraint ${unique.name} of ${table.name}`,
      });
    }
    for (const unique of wantedUniques) {
      if (table.uniques.some((candidate) => candidate.name === unique.name)) continue;
      adds.push({
        up: `await queryRunner.createUniqueConstraint(${name}, ${this.uniqueCode(unique)});`,
        down: `await queryRunner.dropUniqueConstraint(${name}, ${literal(unique.name)});`,
        summary: `create unique constraint ${unique.name} on ${table.name}`,
      });
    }

    const columns = this.persistedColumns(metadata);
    const added = columns.filter((column) => !table.findColumnByName(column.databaseName));
    // Columns come first among the additions: the indices and keys created after them may use them.
    adds.unshift(
      ...added.map((column) => {
        this.typeormImports.add('TableColumn');
        return {
          up: `await queryRunner.addColumn(${name}, new TableColumn(${this.columnCode(column)}));`,
          down: `await queryRunner.dropColumn(${name}, ${literal(column.databaseName)});`,
          summary: `add column ${table.name}.${column.databaseName}`,
        };
      }),
    );
    for (const stored of table.columns) {
      if (columns.some((column) => column.databaseName === stored.name)) continue;
      this.typeormImports.add('TableColumn');
      late.push({
        up: `await queryRunner.dropColumn(${name}, ${literal(stored.name)});`,
        down: `await queryRunner.addColumn(${name}, new TableColumn(${this.columnCode(storedColumnOptions(stored))}));`,
        summary: `drop column ${table.name}.${stored.name} (down() re-adds it as SQLite reports it, without its data)`,
      });
    }
    for (const column of this.dataSource.driver.findChangedColumns(table.columns, columns)) {
      const stored = table.findColumnByName(column.databaseName)!;
      this.todo(
        `${table.name}.${column.databaseName} changed (${describeChange(stored, this.tableColumn(column))}): ` +
          'not drafted, since changing a column may lose or reject data; write the change (e.g. queryRunner.changeColumn) and its reverse',
      );
    }
    const primary = (names: string[]) => names.sort().join(',');
    if (
      primary(columns.filter((c) => c.isPrimary).map((c) => c.databaseName)) !==
      primary(table.primaryColumns.map((c) => c.name))
    )
      this.todo(`${table.name}: the primary key changed; not drafted (queryRunner.updatePrimaryKeys)`);
    return { drops, adds, late };
  }

  private persistedColumns(metadata: EntityMetadata): ColumnMetadata[] {
    return metadata.columns.filter((column) => !column.isVirtualProperty);
  }

  /** What the schema builder would compare, for describing a change. */
  private tableColumn(column: ColumnMetadata): TableColumnOptions {
    return { ...this.columnOptions(column), type: this.dataSource.driver.normalizeType(column) };
  }

  /** The entity's column as literal Table API options: what @Column says, for every engine. */
  private columnOptions(column: ColumnMetadata): TableColumnOptions {
    const declared = declaredOptions(column);
    const declaredType = (declared.type ?? column.type) as ColumnMetadata['type'];
    const type =
      typeof declaredType === 'string'
        ? declaredType
        : this.dataSource.driver.normalizeType({ type: declaredType });
    const table = column.entityMetadata.tablePath;
    if (ORM_ONLY_TYPES.has(type))
      this.todo(
        `${table}.${column.databaseName}: TypeORM translates the type "${type}" per engine; write the SQL type each engine should get`,
      );
    if (column.generatedType || column.asExpression)
      this.todo(`${table}.${column.databaseName}: generated columns are not drafted; add its expression`);
    if (typeof column.default === 'function')
      this.todo(
        `${table}.${column.databaseName}: the default is an SQL expression (${String(this.dataSource.driver.normalizeDefault(column))}); check that every engine accepts it`,
      );
    const options: TableColumnOptions = { name: column.databaseName, type };
    if (column.length) options.length = String(column.length);
    if (column.precision !== undefined && column.precision !== null) options.precision = column.precision;
    if (column.scale !== undefined && column.scale !== null) options.scale = column.scale;
    if (column.unsigned) options.unsigned = true;
    if (column.charset) options.charset = column.charset;
    const collation = (declared.collation as string | undefined) ?? undefined;
    if (collation) options.collation = collation;
    if (column.isNullable) options.isNullable = true;
    const defaultValue = this.dataSource.driver.normalizeDefault(column);
    if (defaultValue !== undefined && defaultValue !== null) options.default = numericOrText(defaultValue);
    if (column.onUpdate) options.onUpdate = column.onUpdate;
    if (column.comment) options.comment = column.comment;
    if (column.enum) options.enum = column.enum.map(String);
    if (column.isPrimary) options.isPrimary = true;
    if (column.isGenerated) {
      options.isGenerated = true;
      options.generationStrategy = column.generationStrategy;
    }
    return options;
  }

  private columnCode(column: ColumnMetadata | TableColumnOptions): string {
    if (!('databaseName' in column)) return this.optionsCode(column);
    const code = this.optionsCode(this.columnOptions(column));
    const variants = variantsOf(column);
    if (!variants) return code;
    this.helperImports.add('perEngineColumn');
    return `perEngineColumn(queryRunner, ${code}, ${literal(variants)})`;
  }

  /** The shared helpers where they match exactly, else the options as a literal. */
  private optionsCode(options: TableColumnOptions): string {
    const { name, ...rest } = options;
    if (
      sameFields(rest, {
        type: 'integer',
        isPrimary: true,
        isGenerated: true,
        generationStrategy: 'increment',
      })
    ) {
      this.helperImports.add('idColumn');
      return name === 'id' ? 'idColumn()' : `idColumn(${literal(name)})`;
    }
    if (sameFields(rest, { type: 'datetime', precision: 3 })) {
      this.helperImports.add('timestampColumn');
      return `timestampColumn(${literal(name)})`;
    }
    return literal(options);
  }

  private indexCode(index: IndexOptions): string {
    this.typeormImports.add('TableIndex');
    const options: Record<string, unknown> = { name: index.name, columnNames: index.columnNames };
    if (index.isUnique) options.isUnique = true;
    if (index.isSpatial) options.isSpatial = true;
    if (index.isFulltext) options.isFulltext = true;
    if (index.where) options.where = index.where;
    return `new TableIndex(${literal(options)})`;
  }

  private uniqueCode(unique: { name?: string; columnNames: string[] }): string {
    this.typeormImports.add('TableUnique');
    return `new TableUnique(${literal({ name: unique.name, columnNames: unique.columnNames })})`;
  }

  private foreignKeyCode(key: ForeignKeyOptions): string {
    const { name, columnNames, referencedTableName, referencedColumnNames, onDelete, onUpdate } = key;
    if (
      columnNames.length === 1 &&
      referencedColumnNames.length === 1 &&
      referencedColumnNames[0] === 'id' &&
      onDelete === 'CASCADE' &&
      (onUpdate ?? 'NO ACTION') === 'NO ACTION' &&
      name
    ) {
      this.helperImports.add('cascadeForeignKey');
      return `cascadeForeignKey(${literal(name)}, ${literal(columnNames[0])}, ${literal(referencedTableName)})`;
    }
    this.typeormImports.add('TableForeignKey');
    return `new TableForeignKey(${literal({
      name,
      columnNames,
      referencedTableName,
      referencedColumnNames,
      onDelete: onDelete ?? 'NO ACTION',
      onUpdate: onUpdate ?? 'NO ACTION',
    })})`;
  }
}

interface IndexOptions {
  name?: string;
  columnNames: string[];
  isUnique?: boolean;
  isSpatial?: boolean;
  isFulltext?: boolean;
  where?: string;
}

interface ForeignKeyOptions {
  name?: string;
  columnNames: string[];
  referencedTableName: string;
  referencedColumnNames: string[];
  onDelete?: string;
  onUpdate?: string;
}

function synchronizedIndices(metadata: EntityMetadata): IndexOptions[] {
  return metadata.indices
    .filter((index) => index.synchronize !== false)
    .map((index) => ({
      name: index.name,
      columnNames: index.columns.map((column) => column.databaseName),
      isUnique: index.isUnique,
      isSpatial: index.isSpatial,
      isFulltext: index.isFulltext,
      where: index.where,
    }));
}

function indexOptions(index: TableIndex): IndexOptions {
  return {
    name: index.name,
    columnNames: index.columnNames,
    isUnique: index.isUnique,
    isSpatial: index.isSpatial,
    isFulltext: index.isFulltext,
    where: index.where,
  };
}

function uniqueOptions(unique: EntityMetadata['uniques'][number]): { name: string; columnNames: string[] } {
  return { name: unique.name, columnNames: unique.columns.map((column) => column.databaseName) };
}

function foreignKeyOptions(key: EntityMetadata['foreignKeys'][number]): ForeignKeyOptions {
  return {
    name: key.name,
    columnNames: key.columnNames,
    referencedTableName: key.referencedEntityMetadata.tablePath,
    referencedColumnNames: key.referencedColumnNames,
    onDelete: key.onDelete,
    onUpdate: key.onUpdate,
  };
}

function sameIndex(a: IndexOptions, b: IndexOptions): boolean {
  return (
    !!a.isUnique === !!b.isUnique &&
    !!a.isSpatial === !!b.isSpatial &&
    !!a.isFulltext === !!b.isFulltext &&
    a.columnNames.join(',') === b.columnNames.join(',')
  );
}

function sameForeignKey(a: ForeignKeyOptions, b: ForeignKeyOptions | TableForeignKey): boolean {
  return (
    a.columnNames.join(',') === b.columnNames.join(',') &&
    a.referencedTableName === b.referencedTableName &&
    a.referencedColumnNames.join(',') === b.referencedColumnNames.join(',') &&
    (a.onDelete ?? 'NO ACTION') === (b.onDelete ?? 'NO ACTION') &&
    (a.onUpdate ?? 'NO ACTION') === (b.onUpdate ?? 'NO ACTION')
  );
}

/** A column that exists only in the database, as literal options (types as SQLite reports them). */
function storedColumnOptions(column: TableColumn): TableColumnOptions {
  const options: TableColumnOptions = { name: column.name, type: column.type };
  if (column.length) options.length = column.length;
  if (column.precision !== undefined && column.precision !== null) options.precision = column.precision;
  if (column.scale !== undefined && column.scale !== null) options.scale = column.scale;
  if (column.collation) options.collation = column.collation;
  if (column.isNullable) options.isNullable = true;
  if (column.default !== undefined && column.default !== null)
    options.default = numericOrText(String(column.default));
  if (column.enum) options.enum = column.enum;
  if (column.isPrimary) options.isPrimary = true;
  if (column.isGenerated) {
    options.isGenerated = true;
    options.generationStrategy = column.generationStrategy;
  }
  return options;
}

/** What @Column itself said (the metadata holds this engine's @PerEngine variant instead). */
function declaredOptions(column: ColumnMetadata): { type?: unknown; collation?: unknown } {
  const args = getMetadataArgsStorage().columns.find(
    (candidate) => candidate.target === column.target && candidate.propertyName === column.propertyName,
  );
  return args?.options ?? {};
}

function variantsOf(column: ColumnMetadata): Variants | undefined {
  return columnVariants().find(
    (entry) => entry.target === column.target && entry.property === column.propertyName,
  )?.variants;
}

/** Tables that others reference come before them, so that their foreign keys can be created. */
function orderByReferences(metadatas: EntityMetadata[]): EntityMetadata[] {
  const ordered: EntityMetadata[] = [];
  const visit = (metadata: EntityMetadata, path: Set<EntityMetadata>) => {
    if (ordered.includes(metadata) || path.has(metadata)) return;
    path.add(metadata);
    for (const key of metadata.foreignKeys)
      if (metadatas.includes(key.referencedEntityMetadata)) visit(key.referencedEntityMetadata, path);
    ordered.push(metadata);
  };
  for (const metadata of metadatas) visit(metadata, new Set());
  return ordered;
}

function describeChange(stored: TableColumn, wanted: TableColumnOptions): string {
  const fields = [
    'type',
    'length',
    'precision',
    'scale',
    'isNullable',
    'default',
    'isPrimary',
    'isGenerated',
  ] as const;
  const changed = fields
    .filter(
      (field) =>
        String(stored[field] ?? '') !== String(wanted[field] ?? '') &&
        !(field === 'isNullable' && !stored[field] === !wanted[field]),
    )
    .map(
      (field) =>
        `${field} ${JSON.stringify(stored[field] ?? null)} → ${JSON.stringify(wanted[field] ?? null)}`,
    );
  return changed.length > 0 ? changed.join(', ') : 'as the schema builder compares it';
}

/** A default as TypeORM normalised it: numbers stay numbers in the literal, expressions and quoted text stay text. */
function numericOrText(value: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

function sameFields(actual: object, expected: object): boolean {
  const a = Object.entries(actual).filter(([, value]) => value !== undefined);
  const e = Object.entries(expected);
  return (
    a.length === e.length && e.every(([key, value]) => (actual as Record<string, unknown>)[key] === value)
  );
}

/** A TypeScript literal for JSON-like values: single quotes, identifier keys unquoted, undefined fields left out. */
export function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key)}: ${literal(field)}`);
    return fields.length > 0 ? `{ ${fields.join(', ')} }` : '{}';
  }
  throw new Error(`cannot write a ${typeof value} as a literal`);
}

function byName(a: string, b: string): number {
  return a.localeCompare(b);
}

function indent(line: string): string {
  return `    ${line}`;
}
