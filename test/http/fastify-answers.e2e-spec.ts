import { connect, type Socket } from 'node:net';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../../src/observability/metrics/metrics-registry';
import { stopGracefully } from '../../src/shutdown';
import { uniqueName } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { LogCapture, observedApp, sample } from '../observability/support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What came back on one connection: the first response, parsed, and how many responses it held. */
interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  responses: number;
}

/** The first response in what a connection received, and how many responses it held. */
function parseAnswer(received: Buffer[]): RawAnswer {
  const raw = Buffer.concat(received).toString('latin1');
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no response, got ${JSON.stringify(raw)}`);
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const body = raw.slice(end + 4, end + 4 + Number(headers['content-length'] ?? 0));
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: headers['content-type']?.startsWith('application/json') ? JSON.parse(body) : body,
    responses: raw.match(/(^|\r\n)HTTP\/1\.1 \d{3} /g)?.length ?? 0,
  };
}

/** Whether `received` holds a whole response: its headers, then Content-Length bytes of body. */
function isWhole(received: Buffer[]): boolean {
  const raw = Buffer.concat(received);
  const end = raw.indexOf('\r\n\r\n');
  const length = /\r\ncontent-length: *(\d+)/i.exec(raw.subarray(0, Math.max(end, 0)).toString('latin1'));
  return end >= 0 && raw.length - (end + 4) >= Number(length?.[1] ?? 0);
}

/**
 * Collects what `socket` receives until the server closes the connection. The client ends its side only once it
 * has the whole answer: Node's HTTP server takes an earlier end for a client that gave up, and aborts the request.
 */
function answerOn(socket: Socket): Promise<RawAnswer> {
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    received.push(chunk);
    if (isWhole(received)) socket.end();
  });
  // The server may answer (and close) before it has read everything: what it sent is what counts.
  socket.on('error', () => undefined);
  return new Promise((resolve, reject) =>
    socket.once('close', () => {
      try {
        resolve(parseAnswer(received));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
}

/** Writes `request` on a connection of its own, exactly as given (so that it may be malformed). */
function exchange(port: number, request: string | Buffer): Promise<RawAnswer> {
  const socket = connect(port, '127.0.0.1');
  socket.write(request);
  return answerOn(socket);
}

function post(path: string, contentType: string, body: string): string {
  return (
    `POST ${path} HTTP/1.1\r\nHost: folio.test\r\nConnection: close\r\nContent-Type: ${contentType}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

function registration(): string {
  const username = uniqueName('slow');
  return JSON.stringify({ user: { username, email: `${username}@example.com`, password: 'password123' } });
}

/** The access line of the request that answered with `id`, once it has been written. */
async function accessLine(logs: LogCapture, id: string): Promise<Record<string, unknown>> {
  const find = (): Record<string, unknown> | undefined =>
    logs.withRequestId(id).find((line) => line.msg === 'request completed');
  await waitFor(async () => find() !== undefined, 5_000, `the access line of request ${id}`);
  return find() as Record<string, unknown>;
}

async function scrape(t: TestApp): Promise<string> {
  return t.app.get<Registry>(METRICS_REGISTRY).metrics();
}

function portOf(t: TestApp): number {
  return (t.http.address() as { port: number }).port;
}

describe('Answers Fastify and Node give before or around the handlers (e2e, real sockets)', () => {
  describe('with the default configuration', () => {
    const logs = new LogCapture();
    let t: TestApp;
    let port: number;

    beforeAll(async () => {
      t = await observedApp({ LOG_LEVEL: 'info', REQUEST_TIMEOUT_MS: '10000' }, { logStream: logs });
      await t.app.listen(0, '127.0.0.1');
      port = portOf(t);
    });
    afterAll(async () => {
      await t.close();
    });

    it.each([
      {
        name: 'an unknown route',
        request: 'GET /api/unknown HTTP/1.1\r\nHost: folio.test\r\nConnection: close\r\n\r\n',
        status: 404,
        errors: { route: ['not found'] },
        metric: { method: 'GET', route: 'unmatched' },
      },
      {
        // Answered on the 404 path (FolioFastifyAdapter), so counted as a request that matched no route.
        name: 'a method the route does not serve',
        request:
          'PATCH /api/articles HTTP/1.1\r\nHost: folio.test\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
        status: 405,
        errors: { method: ['PATCH is not allowed on /api/articles'] },
        metric: { method: 'PATCH', route: 'unmatched' },
      },
      {
        name: 'a 2 MB body',
        request: Buffer.concat([
          Buffer.from(
            'POST /api/users HTTP/1.1\r\nHost: folio.test\r\nConnection: close\r\n' +
              `Content-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`,
          ),
          Buffer.alloc(2 * 1024 * 1024, 'a'),
        ]),
        status: 413,
        errors: { body: ['is too large'] },
        metric: { method: 'POST', route: '/api/users' },
      },
      {
        name: 'a text/plain body',
        request: post('/api/users', 'text/plain', 'user=alice'),
        status: 415,
        errors: { body: [expect.any(String)] },
        metric: { method: 'POST', route: '/api/users' },
      },
      {
        name: 'malformed JSON',
        request: post('/api/users', 'application/json', '{"user": {"email": '),
        status: 400,
        errors: { body: [expect.any(String)] },
        metric: { method: 'POST', route: '/api/users' },
      },
    ])('should answer $name with $status in the error shape, logged and counted', async (given) => {
      const labels = { ...given.metric, status_code: String(given.status) };
      const before = sample(await scrape(t), 'http_request_duration_seconds_count', labels) ?? 0;

      const answer = await exchange(port, given.request);

      expect(answer).toEqual({
        status: given.status,
        headers: expect.objectContaining({ 'content-type': 'application/json; charset=utf-8' }),
        body: { errors: given.errors },
        responses: 1,
      });
      const id = answer.headers['x-request-id'];
      expect(id).toMatch(UUID);
      expect(await accessLine(logs, id)).toEqual(
        expect.objectContaining({ route: given.metric.route, statusCode: given.status }),
      );
      expect(sample(await scrape(t), 'http_request_duration_seconds_count', labels)).toBe(before + 1);
    });

    it.each([
      {
        name: 'a malformed request line',
        request: 'GET /api/tags HTTP/1.1 trailing\r\nHost: folio.test\r\n\r\n',
        status: 400,
        errors: { request: ['is malformed'] },
        reason: 'malformed',
      },
      {
        name: 'a malformed header',
        request: 'GET /api/tags HTTP/1.1\r\nHost: folio.test\r\nBad Header: x\r\n\r\n',
        status: 400,
        errors: { request: ['is malformed'] },
        reason: 'malformed',
      },
      {
        name: 'headers over the size limit',
        request: `GET /api/tags HTTP/1.1\r\nHost: folio.test\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
        status: 431,
        errors: { headers: ['are too large'] },
        reason: 'headers_too_large',
      },
    ])(
      'should answer $name (refused before parsing) with $status in the error shape, logged and counted',
      async (given) => {
        const labels = { status_code: String(given.status), reason: given.reason };
        const before = sample(await scrape(t), 'http_unparsed_requests_total', labels) ?? 0;

        const answer = await exchange(port, given.request);

        expect(answer).toEqual({
          status: given.status,
          headers: expect.objectContaining({
            'content-type': 'application/json; charset=utf-8',
            connection: 'close',
            'x-content-type-options': 'nosniff',
          }),
          body: { errors: given.errors },
          responses: 1,
        });
        const id = answer.headers['x-request-id'];
        expect(id).toMatch(UUID);
        expect(await accessLine(logs, id)).toEqual(
          expect.objectContaining({ route: 'unparsed', statusCode: given.status, reason: given.reason }),
        );
        expect(sample(await scrape(t), 'http_unparsed_requests_total', labels)).toBe(before + 1);
      },
    );
  });

  describe('with REQUEST_TIMEOUT_MS=100', () => {
    const logs = new LogCapture();
    let t: TestApp;
    let port: number;

    beforeAll(async () => {
      t = await observedApp({ LOG_LEVEL: 'info', REQUEST_TIMEOUT_MS: '100' }, { logStream: logs });
      await t.app.listen(0, '127.0.0.1');
      port = portOf(t);
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer a request that outlives it with 503 in the error shape, once, logged and counted', async () => {
      const labels = { method: 'POST', route: '/api/users', status_code: '503' };
      const before = sample(await scrape(t), 'http_request_duration_seconds_count', labels) ?? 0;
      // Registration hashes a password with argon2 (15-30 ms on libuv's pool of 4 threads): 64 at once take 16 turns,
      // 240 ms or more, so the later ones overrun 100 ms however fast the machine (16 at once sometimes did not).
      const answers = await Promise.all(
        Array.from({ length: 64 }, () =>
          exchange(port, post('/api/users', 'application/json', registration())),
        ),
      );

      expect(answers.filter((answer) => ![201, 503].includes(answer.status))).toEqual([]);
      const timedOut = answers.filter((answer) => answer.status === 503);
      expect(timedOut.length).toBeGreaterThan(0);
      for (const answer of timedOut) {
        expect(answer.body).toEqual({ errors: { request: ['timed out, retry shortly'] } });
        expect(answer.headers['retry-after']).toMatch(/^\d+$/);
        expect(answer.headers['x-request-id']).toMatch(UUID);
        expect(await accessLine(logs, answer.headers['x-request-id'])).toEqual(
          expect.objectContaining({ route: '/api/users', statusCode: 503 }),
        );
        expect(logs.withRequestId(answer.headers['x-request-id'])).toContainEqual(
          expect.objectContaining({
            level: 40,
            context: 'Exceptions',
            msg: expect.stringContaining('timed out'),
          }),
        );
      }
      // One answer per request, although every handler finishes (late) and tries to answer too.
      expect(answers.map((answer) => answer.responses)).toEqual(answers.map(() => 1));
      expect(sample(await scrape(t), 'http_request_duration_seconds_count', labels)).toBe(
        before + timedOut.length,
      );
      await waitFor(
        async () =>
          logs.lines.filter((line) => JSON.stringify(line).includes('already sent')).length >=
          timedOut.length,
        10_000,
        'the late handlers to finish',
      );
      expect(logs.lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
      const after = await exchange(
        port,
        'GET /api/tags HTTP/1.1\r\nHost: folio.test\r\nConnection: close\r\n\r\n',
      );
      expect(after.status).toBe(200);
    });
  });

  describe('while shutting down', () => {
    const logs = new LogCapture();
    let t: TestApp;
    let stopped: Promise<void> | undefined;

    beforeAll(async () => {
      t = await observedApp({ LOG_LEVEL: 'info', REQUEST_TIMEOUT_MS: '10000' }, { logStream: logs });
      await t.app.listen(0, '127.0.0.1');
    });
    afterAll(async () => {
      await (stopped ?? t.close());
    });

    it('should answer a request that arrives after the drain with 503 in the error shape, logged and counted', async () => {
      const port = portOf(t);
      // Accepted before the stop; its request is sent only once the listener is closed.
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      stopped = stopGracefully(t.app, 0);
      await waitFor(
        () =>
          new Promise<boolean>((resolve) => {
            const probe = connect(port, '127.0.0.1');
            probe.once('error', () => resolve(true));
            probe.once('connect', () => resolve(false)).once('connect', () => probe.destroy());
          }),
        10_000,
        'the listener to close',
      );
      const answer = answerOn(socket);
      socket.write('GET /api/tags HTTP/1.1\r\nHost: folio.test\r\n\r\n');

      expect(await answer).toEqual({
        status: 503,
        headers: expect.objectContaining({
          connection: 'close',
          'retry-after': expect.stringMatching(/^\d+$/),
          'content-type': 'application/json; charset=utf-8',
          'x-request-id': expect.stringMatching(UUID),
        }),
        body: { errors: { server: ['shutting down, retry shortly'] } },
        responses: 1,
      });
      await stopped;
      expect(await accessLine(logs, (await answer).headers['x-request-id'])).toEqual(
        expect.objectContaining({ route: '/api/tags', statusCode: 503 }),
      );
      const labels = { method: 'GET', route: '/api/tags', status_code: '503' };
      expect(sample(await scrape(t), 'http_request_duration_seconds_count', labels)).toBe(1);
    });
  });
});
