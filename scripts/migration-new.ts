// `npm run migration:new -- <Name>` drafts the migration that the entities need: it migrates a throwaway in-memory
// SQLite database with the existing migrations, compares the entities with the result, writes
// src/database/migrations/<timestamp>-<Name>.ts on TypeORM's Table API (engine-neutral literals, the helpers of
// migrations/columns.ts where they match), lists it last in migrations/index.ts and formats both with prettier.
// It then proves the draft on SQLite: applied after the others, the schema builder has nothing left; reverted, the
// schema is as before. With no difference it writes nothing. Exits 1 on a bad name, or on a draft that leaves drift
// without TODOs to explain it (a draft with TODOs is expected to drift until they are done).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import type { MigrationInterface } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { FolioDataSource } from '../src/database/folio-data-source';
import { MIGRATIONS } from '../src/database/migrations';
import { draftMigration } from './migration-draft';
import { runScript } from './lib/run-script';

export const MIGRATIONS_DIR = join(__dirname, '..', 'src', 'database', 'migrations');
const INDEX_FILE = join(MIGRATIONS_DIR, 'index.ts');
const NAME = /^[A-Z][A-Za-z0-9]*$/;

type MigrationClass = new () => MigrationInterface;

/** A fresh in-memory SQLite database migrated with `migrations`. */
export async function migratedSqlite(
  migrations: readonly MigrationClass[] = MIGRATIONS,
  entities?: readonly (new () => object)[],
): Promise<FolioDataSource> {
  const options = buildDataSourceOptions('sqlite::memory:');
  const dataSource = new FolioDataSource({
    ...options,
    migrations: [...migrations],
    ...(entities ? { entities: [...entities] } : {}),
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

/** What the schema builder would still change: empty when the entities and the migrated schema agree. */
export async function pendingSchemaChanges(dataSource: FolioDataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

/** index.ts with `className` imported from `./<file>` and listed last in MIGRATIONS. */
export function registerMigration(indexSource: string, file: string, className: string): string {
  const source = ts.createSourceFile('index.ts', indexSource, ts.ScriptTarget.Latest, true);
  const imports = source.statements.filter(ts.isImportDeclaration);
  const lastImport = imports[imports.length - 1];
  let array: ts.ArrayLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      node.name.getText() === 'MIGRATIONS' &&
      node.initializer &&
      ts.isArrayLiteralExpression(node.initializer)
    )
      array = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!lastImport || !array) throw new Error('migrations/index.ts has no imports or no MIGRATIONS array');
  const importLine = `\nimport { ${className} } from './${file.replace(/\.ts$/, '')}';`;
  const elements = array.elements;
  const insertAt = elements.length > 0 ? elements[elements.length - 1].getEnd() : array.getStart() + 1;
  const entry = elements.length > 0 ? `, ${className}` : className;
  return (
    indexSource.slice(0, lastImport.getEnd()) +
    importLine +
    indexSource.slice(lastImport.getEnd(), insertAt) +
    entry +
    indexSource.slice(insertAt)
  );
}

/** The source as prettier lays it out with the repository's settings, as `npm run format` would. */
export async function format(file: string, source: string): Promise<string> {
  // Loaded on use: prettier's dynamic imports fail inside Jest, which loads this file for its spec.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const prettier = require('prettier') as typeof import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...options, filepath: file });
}

/** Later than every existing migration, even with a clock behind the last one's timestamp. */
function nextTimestamp(): number {
  const taken = readdirSync(MIGRATIONS_DIR)
    .map((file) => /^(\d+)-/.exec(file)?.[1])
    .filter((stamp): stamp is string => stamp !== undefined)
    .map(Number);
  return Math.max(Date.now(), ...taken.map((stamp) => stamp + 1));
}

/** Applies the draft after the others on a fresh SQLite database, then reverts it: what is left, each time. */
async function proveOnSqlite(draft: MigrationClass): Promise<{ drift: string[]; revertDrift: string[] }> {
  const before = await migratedSqlite();
  const schemaBefore = await pendingSchemaChanges(before);
  await before.destroy();
  const dataSource = await migratedSqlite([...MIGRATIONS, draft]);
  try {
    const drift = await pendingSchemaChanges(dataSource);
    await dataSource.undoLastMigration();
    const revertDrift = await pendingSchemaChanges(dataSource);
    const same = JSON.stringify(revertDrift) === JSON.stringify(schemaBefore);
    return { drift, revertDrift: same ? [] : revertDrift };
  } finally {
    await dataSource.destroy();
  }
}

async function main(argv: string[]): Promise<number> {
  const name = argv[0];
  if (!name || !NAME.test(name)) {
    console.error(
      'usage: npm run migration:new -- <Name>   (PascalCase, a verb and a noun: CreateNotes, AddNoteTags)',
    );
    return 1;
  }
  const timestamp = nextTimestamp();
  const className = `${name}${timestamp}`;
  const dataSource = await migratedSqlite();
  let draft;
  try {
    draft = await draftMigration(dataSource, className);
  } finally {
    await dataSource.destroy();
  }
  if (draft.source === null) {
    console.log('No changes: the entities match what the existing migrations create. Nothing written.');
    return 0;
  }

  const file = `${timestamp}-${name}.ts`;
  const path = join(MIGRATIONS_DIR, file);
  writeFileSync(path, await format(path, draft.source));
  writeFileSync(
    INDEX_FILE,
    await format(INDEX_FILE, registerMigration(readFileSync(INDEX_FILE, 'utf8'), file, className)),
  );
  const shown = relative(process.cwd(), path);
  console.log(`wrote ${shown}, listed last in ${relative(process.cwd(), INDEX_FILE)}:`);
  for (const line of draft.summary) console.log(`  ${line}`);
  for (const todo of draft.todos) console.log(`  TODO: ${todo}`);

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const migration = (require(path) as Record<string, MigrationClass>)[className];
  const { drift, revertDrift } = await proveOnSqlite(migration).catch((error: unknown) => {
    console.error(`${shown} fails on SQLite: ${error instanceof Error ? error.message : String(error)}`);
    return { drift: ['(the migration failed)'], revertDrift: [] };
  });
  if (drift.length === 0 && revertDrift.length === 0) {
    console.log('Checked on SQLite: no drift after it, and down() restores the schema before it.');
    console.log('Review it, then run the schema spec on MariaDB too (see docs/adding-a-module.md).');
    return 0;
  }
  if (drift.length > 0)
    console.error(`After ${shown}, SQLite still differs from the entities:\n  ${drift.join('\n  ')}`);
  if (revertDrift.length > 0) console.error(`Reverting ${shown} does not restore the schema before it.`);
  if (draft.todos.length > 0) console.error('Complete the TODOs above, then run the schema spec.');
  return draft.todos.length > 0 ? 0 : 1;
}

if (require.main === module) runScript(main);
