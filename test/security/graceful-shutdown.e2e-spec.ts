import { connect } from 'node:net';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { uniqueName } from '../support/factories';
import { startServerProcess } from '../support/server-process';
import { dropTestDatabase, freshDatabaseUrl } from '../support/test-database';
import { waitFor } from '../support/wait';

interface Outcome {
  username: string;
  status?: number;
  error?: string;
}

/** One request on a connection of its own: when it started and ended (epoch ms), and how. */
interface Attempt {
  path: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  error?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Longer than any answer may take: a request still unanswered by then hangs. */
const HANG_MS = 15_000;

/** Whether `received` holds a whole response (headers, then Content-Length bytes of body). */
function isWholeResponse(received: Buffer): boolean {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(received.subarray(0, end).toString('latin1'));
  return received.length - (end + 4) >= Number(length?.[1] ?? 0);
}

function parseResponse(received: Buffer): Pick<Attempt, 'status' | 'headers' | 'body'> {
  const text = received.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) };
}

/**
 * A GET, or a registration for POST /api/users, over a new HTTP/1.1 (so keep-alive) connection, so that closing
 * it is the server's choice; the request leaves `thinkMs` after the connection is up, as from a client that
 * connects ahead of time. A reset shows as ECONNRESET or EPIPE, a connection closed without an answer as
 * NO_ANSWER, a hang as HANG.
 */
function requestOnNewConnection(port: number, path: string, thinkMs = 0): Promise<Attempt> {
  const startedAt = Date.now();
  const username = uniqueName('drain');
  const body =
    path === '/api/users'
      ? JSON.stringify({ user: { username, email: `${username}@example.com`, password: 'password123' } })
      : '';
  const head = body
    ? `POST ${path} HTTP/1.1\r\nHost: folio.test\r\nContent-Type: application/json\r\nContent-Length: ${body.length}`
    : `GET ${path} HTTP/1.1\r\nHost: folio.test`;
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    const finish = (outcome: Pick<Attempt, 'status' | 'headers' | 'body' | 'error'>): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ path, startedAt, endedAt: Date.now(), ...outcome });
    };
    let received = Buffer.alloc(0);
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(HANG_MS, () => finish({ error: 'HANG' }));
    socket.once('connect', () => setTimeout(() => socket.write(`${head}\r\n\r\n${body}`), thinkMs));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (isWholeResponse(received)) finish(parseResponse(received));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.code ?? error.message }));
    socket.on('close', () => finish({ error: 'NO_ANSWER' }));
  });
}

/** How a keep-alive connection that went idle before the signal ended ('FIN': cleanly), and when (epoch ms). */
interface IdleEnding {
  how: string;
  at: number;
}

interface KeepAliveConnection {
  /** A GET on this connection, answered (or not: the outcome's error says how it ended). */
  get(path: string): Promise<Pick<Attempt, 'status' | 'headers' | 'body' | 'error'>>;
  ended: Promise<IdleEnding>;
}

/** Opens a keep-alive connection and makes one request on it, so that it has served once. */
async function keepAliveConnection(port: number): Promise<KeepAliveConnection> {
  const socket = connect(port, '127.0.0.1');
  let received = Buffer.alloc(0);
  let answered: ((outcome: Pick<Attempt, 'status' | 'headers' | 'body' | 'error'>) => void) | undefined;
  const ended = new Promise<IdleEnding>((resolve) => {
    const settle = (how: string): void => {
      answered?.({ error: how });
      resolve({ how, at: Date.now() });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (isWholeResponse(received)) answered?.(parseResponse(received));
    });
    socket.once('end', () => {
      settle('FIN');
      socket.end();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => settle(error.code ?? error.message));
    socket.once('close', () => settle('closed without FIN'));
  });
  const get = (path: string): Promise<Pick<Attempt, 'status' | 'headers' | 'body' | 'error'>> => {
    received = Buffer.alloc(0);
    const answer = new Promise<Pick<Attempt, 'status' | 'headers' | 'body' | 'error'>>(
      (resolve) => (answered = resolve),
    );
    socket.write(`GET ${path} HTTP/1.1\r\nHost: folio.test\r\n\r\n`);
    return answer;
  };
  const first = await get('/api/tags');
  expect(first).toEqual(expect.objectContaining({ status: 200 }));
  expect(first.headers?.connection).not.toBe('close');
  return { get, ended };
}

/** When the server process logged a line starting with `message` (epoch ms), from its JSON log lines. */
function loggedAt(output: string, message: string): number | undefined {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { time?: string; msg?: string };
    if (entry.msg?.startsWith(message)) return Date.parse(entry.time ?? '');
  }
  return undefined;
}

function expectShuttingDownAnswer(attempt: Attempt): void {
  expect(attempt.headers?.connection).toBe('close');
  expect(attempt.headers?.['retry-after']).toMatch(/^\d+$/);
  expect(attempt.headers?.['content-type']).toMatch(/^application\/json/);
  expect(JSON.parse(attempt.body ?? '')).toEqual({ errors: { server: [expect.any(String)] } });
}

describe('Graceful shutdown (e2e, separate process)', () => {
  const databases: string[] = [];
  const databaseUrl = async (): Promise<string> => {
    const url = await freshDatabaseUrl();
    databases.push(url);
    return url;
  };
  afterAll(async () => {
    for (const url of databases) await dropTestDatabase(url);
  });

  it('should finish in-flight writes on SIGTERM, lose none it acknowledged, reset no request and exit 0', async () => {
    const url = await databaseUrl();
    const server = await startServerProcess({
      DATABASE_URL: url,
      JWT_SECRET: 'shutdown-test-secret-0123456789abcdef',
      SHUTDOWN_GRACE_MS: '15000',
    });

    // Registrations hash a password (tens of ms each), so a burst keeps requests in flight when the signal lands.
    const burst = Array.from({ length: 30 }, (): Promise<Outcome> => {
      const username = uniqueName('shutdown');
      const user = { username, email: `${username}@example.com`, password: 'password123' };
      return fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user }),
      }).then(
        async (res) => ({ username, status: res.status, body: await res.text() }),
        (error: Error & { cause?: { code?: string } }) => ({
          username,
          error: error.cause?.code ?? error.message,
        }),
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    server.child.kill('SIGTERM');
    const outcomes = await Promise.all(burst);
    const exitCode = await server.exited;

    expect({ exitCode, output: exitCode === 0 ? '' : server.output() }).toEqual({ exitCode: 0, output: '' });
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.username);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Refused before being accepted is fine; a reset or hang-up of an accepted request is not.
    const broken = outcomes.filter((o) => o.error && o.error !== 'ECONNREFUSED');
    expect(broken).toEqual([]);
    expect(outcomes.filter((o) => o.status !== undefined && ![201, 503].includes(o.status))).toEqual([]);

    const dataSource = await new DataSource({
      ...buildDataSourceOptions(url),
      migrationsRun: false,
    }).initialize();
    try {
      const rows: { username: string }[] = await dataSource.query('SELECT username FROM users');
      const stored = new Set(rows.map((row) => row.username));
      expect(acknowledged.filter((username) => !stored.has(username))).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  }, 120_000);

  it('should answer or refuse every new connection through and after the drain, reset none, and close idle keep-alive connections cleanly', async () => {
    const DRAIN_MS = 1500;
    const GRACE_MS = 20_000;
    const server = await startServerProcess({
      DATABASE_URL: await databaseUrl(),
      JWT_SECRET: 'shutdown-test-secret-0123456789abcdef',
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      // The moments the process received the signal and closed its listener are read from its log.
      LOG_LEVEL: 'info',
    });
    const port = Number(new URL(server.url).port);
    const idle = await Promise.all([1, 2, 3].map(() => keepAliveConnection(port)));
    // Two more, whose next requests go to the health checks during the drain.
    const [ready, health] = await Promise.all([1, 2].map(() => keepAliveConnection(port)));

    // Every 200 ms from before the signal until the process has exited, a burst of 10 new connections (a burst
    // fills the kernel's accept queue, which a closing listener must not reset): reads and registrations, some of
    // them sent 300 ms after connecting.
    const attempts: Promise<Attempt>[] = [];
    let opening = true;
    const opener = (async () => {
      while (opening) {
        for (let i = 0; i < 10; i++) {
          const path = i < 2 ? '/api/users' : '/api/articles';
          attempts.push(requestOnNewConnection(port, path, i % 4 === 3 ? 300 : 0));
        }
        await sleep(200);
      }
    })();
    await sleep(300);
    server.child.kill('SIGTERM');
    await waitFor(
      async () => loggedAt(server.output(), 'SIGTERM') !== undefined,
      10_000,
      'the server to receive SIGTERM',
    );
    const probes = await Promise.all([ready.get('/api/health/ready'), health.get('/api/health')]);
    const exitCode = await server.exited;
    const exitedAt = Date.now();
    await sleep(100);
    opening = false;
    await opener;
    const outcomes = await Promise.all(attempts);
    const idleEndings = await Promise.all(idle.map((connection) => connection.ended));

    expect({ exitCode, output: exitCode === 0 ? '' : server.output() }).toEqual({ exitCode: 0, output: '' });
    const signalAt = loggedAt(server.output(), 'SIGTERM') as number;
    expect(exitedAt - signalAt).toBeLessThan(GRACE_MS);
    const summary = outcomes.map(({ path, startedAt, endedAt, status, error }) => ({
      path,
      startedAt: startedAt - signalAt,
      endedAt: endedAt - signalAt,
      outcome: status ?? error,
    }));
    // Answered, or refused by the closed listener: never reset, never left hanging.
    expect(summary.filter((o) => typeof o.outcome === 'string' && o.outcome !== 'ECONNREFUSED')).toEqual([]);
    expect(
      summary.filter((o) => typeof o.outcome === 'number' && ![200, 201, 503].includes(o.outcome)),
    ).toEqual([]);
    // Turned away after the drain: in the API's error shape, with Retry-After, closing the connection.
    for (const attempt of outcomes.filter((o) => o.status === 503)) expectShuttingDownAnswer(attempt);
    // The drain serves as usual, but closes each connection after its answer.
    const servedInDrain = outcomes.filter(
      (o) => o.startedAt > signalAt && o.status !== undefined && o.status < 300,
    );
    expect(servedInDrain.length).toBeGreaterThan(0);
    expect(servedInDrain.filter((o) => o.headers?.connection !== 'close')).toEqual([]);

    // While stopping, readiness fails, so that a load balancer takes the instance out of its rotation; a
    // keep-alive connection is served during the drain, and closed after its answer.
    expect(probes.map((probe) => [probe.status ?? probe.error, probe.headers?.connection])).toEqual([
      [503, 'close'],
      [503, 'close'],
    ]);
    expect(JSON.parse(probes[0].body ?? '')).toEqual(expect.objectContaining({ status: 'shutting_down' }));
    expect(JSON.parse(probes[1].body ?? '')).toEqual(expect.objectContaining({ status: 'unavailable' }));

    // The listener closed once the drain was over, and only from then on were connections refused.
    const closedAt = loggedAt(server.output(), 'listener closed') as number;
    expect(closedAt - signalAt).toBeGreaterThanOrEqual(DRAIN_MS);
    expect(
      summary.filter((o) => o.outcome === 'ECONNREFUSED' && o.endedAt < closedAt - signalAt - 100),
    ).toEqual([]);
    // The attempts went on until then.
    expect(summary.filter((o) => o.outcome === 'ECONNREFUSED').length).toBeGreaterThan(0);

    // Idle since before the signal: closed by the server with a FIN once the listener is closed, never reset.
    expect(idleEndings.map((ending) => ending.how)).toEqual(['FIN', 'FIN', 'FIN']);
    for (const ending of idleEndings) expect(ending.at).toBeGreaterThanOrEqual(closedAt);
  }, 120_000);
});
