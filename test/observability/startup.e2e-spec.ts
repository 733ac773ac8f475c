import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { START_ATTEMPTS } from '../../src/database/database.module';
import { MIGRATIONS } from '../../src/database/migrations';
import { spawnMain, startServerProcess } from '../support/server-process';
import { dropTestDatabase, freshDatabaseUrl, testEngine } from '../support/test-database';
import { freePort } from '../support/wait';

const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  version: string;
};

/** Colour codes, as Nest's console logger writes them (ESC, then "["). */
const ANSI = new RegExp(`${String.fromCharCode(0x1b)}\\[`);
/** Frames of a stack trace. */
const STACK = /\n\s+at\s|\bat\s+\S+\s+\(/;
const NEST_CHATTER = ['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication'];

interface Line {
  level: number;
  time: string;
  msg: string;
  context?: string;
}

/** Every line of a process's output; each must be JSON. */
function jsonLines(output: string): Line[] {
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

/** Starts src/main.ts, stops it (SIGTERM, which must exit 0), and returns the port and every line it wrote. */
async function startAndStop(env: Record<string, string>): Promise<{ port: string; lines: Line[] }> {
  const server = await startServerProcess({ LOG_LEVEL: 'info', ...env });
  server.child.kill('SIGTERM');
  const exitCode = await server.exited;
  expect({ exitCode, output: exitCode === 0 ? '' : server.output() }).toEqual({ exitCode: 0, output: '' });
  const output = server.output();
  expect(output).not.toMatch(ANSI);
  return { port: new URL(server.url).port, lines: jsonLines(output) };
}

/** What a start says at info and above, up to the line with its URLs (requests and the stop left out). */
function startupLines(lines: Line[]): Line[] {
  const listening = lines.findIndex((line) => line.msg.startsWith('Folio '));
  expect(listening).toBeGreaterThanOrEqual(0);
  return lines.slice(0, listening + 1).filter((line) => line.level >= 30 && line.msg !== 'request completed');
}

function listeningLine(port: string): string {
  const at = (path: string): string => `http://localhost:${port}${path}`;
  return (
    `Folio ${version} listening on ${at('/api')}: Swagger UI ${at('/docs')}, OpenAPI ${at('/docs-json')}, ` +
    `health ${at('/api/health')}, metrics ${at('/metrics')}`
  );
}

describe('Start-up output of src/main.ts (e2e)', () => {
  jest.setTimeout(180_000);

  describe('on a fresh SQLite file, then again on the same file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'folio-startup-')), 'folio.sqlite');

    it('should say once, in three JSON lines, where the database is, which migrations ran and every URL', async () => {
      const { port, lines } = await startAndStop({ DATABASE_URL: `sqlite:${file}` });
      expect(startupLines(lines).map((line) => line.msg)).toEqual([
        `database: sqlite ${file}`,
        `migrations applied: ${MIGRATIONS.map((migration) => migration.name).join(', ')}`,
        listeningLine(port),
      ]);
      expect(lines.filter((line) => /https?:\/\//.test(line.msg))).toHaveLength(1);
      expect(lines.filter((line) => line.level >= 30 && NEST_CHATTER.includes(line.context ?? ''))).toEqual(
        [],
      );
      expect(lines.filter((line) => /^Mapped \{|^Server listening at/.test(line.msg))).toEqual([]);
    });

    it('should say "none pending" the second time, and keep the route lines at debug', async () => {
      const { port, lines } = await startAndStop({ DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'debug' });
      expect(startupLines(lines).map((line) => line.msg)).toEqual([
        `database: sqlite ${file}`,
        'migrations: none pending',
        listeningLine(port),
      ]);
      const routeLines = lines.filter((line) => line.context === 'RouterExplorer');
      expect(routeLines.length).toBeGreaterThan(0);
      expect(routeLines.every((line) => line.level === 20)).toBe(true);
    });
  });

  (testEngine() === 'mysql' ? it : it.skip)('should mask the password of a MySQL/MariaDB URL', async () => {
    const databaseUrl = new URL(await freshDatabaseUrl());
    const database = databaseUrl.pathname.slice(1);
    const user = `folio_startup_${randomBytes(3).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const admin = await createConnection({
      host: databaseUrl.hostname,
      port: Number(databaseUrl.port || 3306),
      user: decodeURIComponent(databaseUrl.username),
      password: decodeURIComponent(databaseUrl.password),
    });
    try {
      await admin.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [user, password]);
      await admin.query(`GRANT ALL ON \`${database}\`.* TO ?@'%'`, [user]);
      const url = new URL(databaseUrl);
      [url.username, url.password] = [user, password];
      const { lines } = await startAndStop({ DATABASE_URL: url.toString() });
      expect(JSON.stringify(lines)).not.toContain(password);
      expect(startupLines(lines).map((line) => line.msg)).toEqual([
        `database: ${url.protocol.slice(0, -1)} ${url.protocol}//${user}:***@${url.hostname}:${url.port || 3306}/${database}`,
        `migrations applied: ${MIGRATIONS.map((migration) => migration.name).join(', ')}`,
        expect.stringMatching(/^Folio .* listening on /),
      ]);
    } finally {
      await admin.query(`DROP USER IF EXISTS ?@'%'`, [user]);
      await admin.end();
      await dropTestDatabase(databaseUrl.toString());
    }
  });

  it('should stop a start without a database within seconds: one JSON fatal line, no stack, no password, exit 1', async () => {
    const databasePort = await freePort();
    const main = spawnMain({
      LOG_LEVEL: 'info',
      DATABASE_URL: `mariadb://root:not-this-password@127.0.0.1:${databasePort}/folio`,
      PORT: String(await freePort()),
    });
    expect(await main.exited).toBe(1);
    const output = main.output();
    expect(output).not.toMatch(ANSI);
    expect(output).not.toMatch(STACK);
    expect(output).not.toContain('not-this-password');
    const lines = jsonLines(output);
    const where = `mariadb://root:***@127.0.0.1:${databasePort}/folio`;
    const fatal = lines.filter((line) => line.level === 60);
    expect(fatal.map((line) => line.msg)).toEqual([
      `start-up failed: cannot connect to the database ${where} (${START_ATTEMPTS} attempts): ` +
        `connect ECONNREFUSED 127.0.0.1:${databasePort}`,
    ]);
    // Before it, one warning per retry and nothing else at all.
    const retries = lines.filter((line) => line.level === 40);
    expect(retries).toHaveLength(START_ATTEMPTS - 1);
    expect(lines).toHaveLength(START_ATTEMPTS);
    expect(retries[0].msg).toContain(`cannot connect to the database ${where}`);
    // Bounded: from the first refusal to the exit, about a second per retry.
    expect(Date.parse(fatal[0].time) - Date.parse(retries[0].time)).toBeLessThan(START_ATTEMPTS * 2_000);
  });
});
