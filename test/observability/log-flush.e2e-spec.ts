import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process';

interface Line {
  level: number;
  msg: string;
  url?: string;
  statusCode?: number;
  err?: { message?: string; stack?: string };
}

const CRASH_ON_SIGNAL = join(__dirname, '..', 'fixtures', 'processes', 'crash-on-signal.js');

function jsonLines(output: string): Line[] {
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

/**
 * Log lines are buffered and written in batches (src/observability/logging/root-logger.ts); none may be lost when
 * the process ends, whether it is stopped or crashes right after answering.
 */
describe('Buffered log output of src/main.ts (e2e)', () => {
  jest.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'folio-log-flush-'));
  let server: ServerProcess | undefined;

  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    server = undefined;
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
    server = await startServerProcess({
      DATABASE_URL: `sqlite:${join(folder, `${randomBytes(4).toString('hex')}.sqlite`)}`,
      LOG_LEVEL: 'info',
      ...env,
    });
    return server;
  }

  /** A request whose access line names a path no other line has. */
  async function lastRequest(url: string): Promise<string> {
    const path = `/api/profiles/last-${randomBytes(6).toString('hex')}`;
    expect((await fetch(`${url}${path}`)).status).toBe(404);
    return path;
  }

  it('should write the last request before SIGTERM, and the stop itself, before exiting 0', async () => {
    const { url, child, exited, output } = await start();
    const path = await lastRequest(url);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = jsonLines(output());
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'request completed', url: path, statusCode: 404 }),
    );
    expect(lines.map((line) => line.msg)).toContainEqual(expect.stringMatching(/^SIGTERM: shutting down/));
  });

  it('should write the last request and one fatal line when an error nothing catches ends the process', async () => {
    const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --require ${CRASH_ON_SIGNAL}`.trim();
    const { url, child, exited, output } = await start({ NODE_OPTIONS: nodeOptions });
    const path = await lastRequest(url);
    child.kill('SIGUSR2');
    expect(await exited).toBe(1);
    const lines = jsonLines(output());
    const requestAt = lines.findIndex((line) => line.url === path && line.msg === 'request completed');
    const fatal = lines.filter((line) => line.level === 60);
    expect(requestAt).toBeGreaterThanOrEqual(0);
    expect(fatal).toEqual([
      expect.objectContaining({
        msg: 'crashed: crash requested by the test',
        err: expect.objectContaining({ message: 'crash requested by the test' }),
      }),
    ]);
    expect(lines.indexOf(fatal[0])).toBeGreaterThan(requestAt);
  });
});
