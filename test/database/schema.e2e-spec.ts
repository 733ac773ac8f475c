import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../support/test-app';
import { testEngine } from '../support/test-database';

const MIGRATIONS_TABLE = 'migrations';

describe(`Schema and migrations on ${testEngine()} (e2e)`, () => {
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    // The application's own DataSource (with its engine-specific metadata), on a fresh database left unmigrated.
    t = await createTestApp({ MIGRATIONS_RUN: 'false' });
    dataSource = t.dataSource;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function tableNames(): Promise<string[]> {
    const rows: { name: string }[] =
      testEngine() === 'sqlite'
        ? await dataSource.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
          )
        : await dataSource.query(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
          );
    return rows.map((row) => row.name).sort();
  }

  async function executedMigrationCount(): Promise<number> {
    const [{ count }] = await dataSource.query(`SELECT COUNT(*) AS count FROM ${MIGRATIONS_TABLE}`);
    return Number(count);
  }

  async function pendingSchemaChanges(): Promise<string[]> {
    const log = await dataSource.driver.createSchemaBuilder().log();
    return log.upQueries.map((query) => query.query);
  }

  const entityTables = (): string[] =>
    dataSource.entityMetadatas.map((metadata) => metadata.tableName).sort();

  it('should migrate a fresh database to every entity table with nothing left for the schema builder', async () => {
    expect(await tableNames()).toEqual([]);
    const executed = await dataSource.runMigrations();
    expect(executed.map((migration) => migration.name)).toEqual(
      dataSource.migrations.map((migration) => migration.name),
    );
    expect(executed.length).toBeGreaterThan(0);
    expect(await tableNames()).toEqual(expect.arrayContaining([...entityTables(), MIGRATIONS_TABLE]));
    // toEqual([]) prints the pending statements when the entities and the migrations disagree.
    expect(await pendingSchemaChanges()).toEqual([]);
  });

  /** The collation the database gives a column ('' for the engine's default). */
  async function collationOf(table: string, column: string): Promise<string> {
    if (testEngine() === 'sqlite') {
      const [{ sql }] = await dataSource.query(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
        [table],
      );
      const definition = new RegExp(`"${column}"[^,]*?COLLATE (\\w+)`, 'i').exec(sql as string);
      return definition?.[1] ?? '';
    }
    const [row] = await dataSource.query(
      `SELECT COLLATION_NAME AS name FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?`,
      [table, column],
    );
    return row.name === 'utf8mb4_unicode_ci' ? '' : (row.name as string);
  }

  // TypeORM's schema builder does not compare collations, so the declared ones (@PerEngine) are checked here.
  it('should give every column the collation its entity declares for this engine', async () => {
    await dataSource.runMigrations();
    const declared = dataSource.entityMetadatas.flatMap((metadata) =>
      metadata.columns
        .filter((column) => ['varchar', 'text', 'mediumtext', String].includes(column.type as string))
        .map((column) => ({
          table: metadata.tableName,
          column: column.databaseName,
          collation: column.collation ?? '',
        })),
    );
    expect(declared.some(({ collation }) => collation !== '')).toBe(true);
    const actual = [];
    for (const { table, column } of declared)
      actual.push({ table, column, collation: await collationOf(table, column) });
    expect(actual).toEqual(declared);
  });

  it('should revert every migration, leave no application table behind, and migrate again', async () => {
    const total = dataSource.migrations.length;
    await dataSource.runMigrations();
    expect(await executedMigrationCount()).toBe(total);

    for (let reverted = 0; (await executedMigrationCount()) > 0; reverted++) {
      // Guards against a down() that leaves its migration recorded, which would loop forever.
      expect(reverted).toBeLessThan(total);
      await dataSource.undoLastMigration();
    }
    expect(await tableNames()).toEqual([MIGRATIONS_TABLE]);

    const again = await dataSource.runMigrations();
    expect(again).toHaveLength(total);
    expect(await tableNames()).toEqual(expect.arrayContaining(entityTables()));
    expect(await pendingSchemaChanges()).toEqual([]);
  });
});
