// `npm run openapi` writes openapi.json, the API contract, from the application's own OpenAPI document;
// `npm run openapi -- --check` exits 1 with a short diff when the committed file no longer matches the code.
// `--dist[=DIR]` reads the compiled app in dist/ (built by `nest build`, with the swagger CLI plugin) instead of the
// sources, so CI can prove that the plugin adds nothing the sources do not already declare.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { runScript } from './lib/run-script';

export const OPENAPI_FILE = join(__dirname, '..', 'openapi.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface BootstrapModule {
  createApp(options: { logger?: false }): Promise<NestFastifyApplication>;
  buildOpenApiDocument(app: NestFastifyApplication): object;
}

/**
 * Builds the real AppModule (on a throwaway in-memory SQLite database, without listening) and returns its
 * OpenAPI document. The settings are fixed so that the document never depends on the caller's environment.
 */
export async function generateOpenApiDocument(options: { distDir?: string } = {}): Promise<Json> {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: 'sqlite::memory:',
    MIGRATIONS_RUN: 'true',
    LOG_LEVEL: 'silent',
    JWT_ALGORITHM: 'HS256',
    JWT_SECRET: 'openapi-document-only-0123456789abcdef',
  });
  delete process.env.REDIS_URL;
  // Loaded after the environment is set: the configuration is validated when the modules load.
  const bootstrap = (
    options.distDir
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(resolve(options.distDir, 'bootstrap.js'))
      : // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../src/bootstrap')
  ) as BootstrapModule;
  const app = await bootstrap.createApp({ logger: false });
  try {
    return JSON.parse(JSON.stringify(bootstrap.buildOpenApiDocument(app))) as Json;
  } finally {
    await app.close();
  }
}

/** Object keys sorted at every depth (arrays keep their order), so that the file only changes with the API. */
export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

export function serializeOpenApi(document: Json): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

const pointer = (path: string[]): string =>
  `/${path.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON pointers where two documents differ: "+" only in `next`, "-" only in `previous`, "~" changed. */
export function diffDocuments(
  previous: Json | undefined,
  next: Json | undefined,
  path: string[] = [],
): string[] {
  if (isObject(previous) && isObject(next)) {
    const keys = [...new Set([...Object.keys(previous), ...Object.keys(next)])].sort();
    return keys.flatMap((key) => {
      if (!(key in previous)) return [`+ ${pointer([...path, key])}`];
      if (!(key in next)) return [`- ${pointer([...path, key])}`];
      return diffDocuments(previous[key], next[key], [...path, key]);
    });
  }
  if (Array.isArray(previous) && Array.isArray(next) && previous.length === next.length) {
    return previous.flatMap((item, index) => diffDocuments(item, next[index], [...path, String(index)]));
  }
  return JSON.stringify(sortKeys(previous ?? null)) === JSON.stringify(sortKeys(next ?? null))
    ? []
    : [`~ ${pointer(path)}`];
}

const MAX_DIFF_LINES = 30;

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const dist = argv.find((arg) => arg === '--dist' || arg.startsWith('--dist='));
  const distDir = dist && (dist.slice('--dist='.length) || join(__dirname, '..', 'dist'));
  const document = await generateOpenApiDocument({ distDir });
  const generated = serializeOpenApi(document);
  const file = relative(process.cwd(), OPENAPI_FILE);
  if (!check) {
    writeFileSync(OPENAPI_FILE, generated);
    console.log(`wrote ${file}`);
    return 0;
  }
  const committed = existsSync(OPENAPI_FILE) ? readFileSync(OPENAPI_FILE, 'utf8') : undefined;
  if (committed === generated) {
    console.log(`${file} is up to date`);
    return 0;
  }
  const differences =
    committed === undefined ? ['- (the whole file)'] : diffDocuments(JSON.parse(committed) as Json, document);
  console.error(`${file} differs from the API the code declares (+ added, - removed, ~ changed):`);
  for (const line of differences.slice(0, MAX_DIFF_LINES)) console.error(`  ${line}`);
  if (differences.length > MAX_DIFF_LINES)
    console.error(`  … and ${differences.length - MAX_DIFF_LINES} more`);
  if (differences.length === 0) console.error('  (same content, different formatting or key order)');
  console.error('Run `npm run openapi` and commit openapi.json.');
  return 1;
}

if (require.main === module) runScript(main);
