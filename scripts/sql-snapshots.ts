// `npm run sql:snapshots` writes src/database/queries/*.sql: the SQL every repository method sends, on each engine,
// from the methods' @GenerateSql examples. `npm run sql:snapshots -- --check` exits 1 when a file is stale; the
// unit spec src/database/query-snapshots.spec.ts makes the same comparison, so `npm test` (and CI) fail too.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { dialectOf } from '../src/database/dialect';
import type { Engine } from '../src/database/engine';
import { sqlExamplesOf } from '../src/database/generate-sql.decorator';
import type { SqlExecutor, WriteResult } from '../src/database/sql-executor';

const SRC = join(__dirname, '..', 'src');
export const SNAPSHOT_DIR = join(SRC, 'database', 'queries');

/** The engines whose SQL differs: MySQL and MariaDB share every statement. */
const ENGINES: { engine: Engine; label: string }[] = [
  { engine: 'mysql', label: 'mysql, mariadb' },
  { engine: 'sqlite', label: 'sqlite' },
];

/** Stands in for the database: writes down each statement and answers with no rows. */
class SqlRecorder implements SqlExecutor {
  readonly dialect;
  statements: string[] = [];

  constructor(readonly engine: Engine) {
    this.dialect = dialectOf(engine);
  }

  async query<T>(sql: string): Promise<T[]> {
    this.statements.push(sql);
    return [];
  }

  async execute(sql: string): Promise<WriteResult> {
    this.statements.push(sql);
    return { insertId: 1, affectedRows: 1 };
  }
}

type RepositoryClass = new (db: SqlExecutor) => Record<string, (...args: unknown[]) => Promise<unknown>>;

function repositoryFiles(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.repository.ts'))
    .sort();
}

function repositoryClasses(file: string): RepositoryClass[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(join(SRC, file)) as Record<string, unknown>;
  return Object.entries(exported)
    .filter(([name, value]) => name.endsWith('Repository') && typeof value === 'function')
    .map(([, value]) => value as RepositoryClass);
}

/** Every method of a repository must say how to call it: a method without an example would escape review. */
function methodsWithoutExamples(repository: RepositoryClass): string[] {
  const examples = sqlExamplesOf(repository);
  return Object.getOwnPropertyNames(repository.prototype).filter(
    (name) => name !== 'constructor' && !examples.has(name),
  );
}

async function statementsOf(
  repository: RepositoryClass,
  engine: Engine,
  method: string,
  params: readonly unknown[],
) {
  const recorder = new SqlRecorder(engine);
  await new repository(recorder)[method](...params);
  return recorder.statements.map(formatStatement).join('\n\n');
}

function formatStatement(sql: string): string {
  const lines = sql
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return `${lines.join('\n  ')};`;
}

async function renderRepository(repository: RepositoryClass): Promise<string> {
  const blocks: string[] = [];
  for (const [method, examples] of sqlExamplesOf(repository)) {
    for (const example of examples) {
      const title = `${repository.name}.${method}${example.name ? ` (${example.name})` : ''}`;
      const byEngine = await Promise.all(
        ENGINES.map(async ({ engine, label }) => ({
          label,
          sql: await statementsOf(repository, engine, method, example.params),
        })),
      );
      if (byEngine.every(({ sql }) => sql === byEngine[0].sql))
        blocks.push(`-- ${title}\n${byEngine[0].sql}`);
      else for (const { label, sql } of byEngine) blocks.push(`-- ${title} [${label}]\n${sql}`);
    }
  }
  return blocks.join('\n\n');
}

/** File name → content, for every repository under src/. */
export async function renderSnapshots(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of repositoryFiles()) {
    const rendered: string[] = [];
    for (const repository of repositoryClasses(file)) {
      const missing = methodsWithoutExamples(repository);
      if (missing.length > 0)
        throw new Error(`${repository.name}: ${missing.join(', ')} lack a @GenerateSql example (${file})`);
      rendered.push(await renderRepository(repository));
    }
    const header = `-- The SQL of ${file}, written by \`npm run sql:snapshots\` from its @GenerateSql examples. Do not edit.`;
    files.set(`${basename(file, '.ts')}.sql`, `${header}\n\n${rendered.join('\n\n')}\n`);
  }
  return files;
}

export function committedSnapshots(): Map<string, string> {
  if (!existsSync(SNAPSHOT_DIR)) return new Map();
  return new Map(
    readdirSync(SNAPSHOT_DIR)
      .filter((file) => file.endsWith('.sql'))
      .map((file) => [file, readFileSync(join(SNAPSHOT_DIR, file), 'utf8')]),
  );
}

async function main(): Promise<void> {
  const rendered = await renderSnapshots();
  const committed = committedSnapshots();
  const stale = [...new Set([...rendered.keys(), ...committed.keys()])].filter(
    (file) => rendered.get(file) !== committed.get(file),
  );
  if (process.argv.includes('--check')) {
    if (stale.length === 0) return console.log('query snapshots are current');
    console.error(`stale query snapshots: ${stale.join(', ')} (run npm run sql:snapshots)`);
    process.exit(1);
  }
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  for (const file of committed.keys()) if (!rendered.has(file)) rmSync(join(SNAPSHOT_DIR, file));
  for (const [file, content] of rendered) writeFileSync(join(SNAPSHOT_DIR, file), content);
  console.log(stale.length === 0 ? 'query snapshots were current' : `rewrote ${stale.join(', ')}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
