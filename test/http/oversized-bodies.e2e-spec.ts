import { request as httpRequest } from 'node:http';
import { startServerProcess, ServerProcess } from '../support/server-process';
import { freshDatabaseUrl } from '../support/test-database';

const FIVE_MB = 5 * 1024 * 1024;
const ATTEMPTS = 20;

interface Answer {
  status?: number;
  body?: string;
  error?: string;
}

/**
 * Sends `size` bytes through a plain node:http client, as fast as the socket takes them, and reads whatever comes
 * back. With `declared`, the length is announced up front (the server can refuse before reading); without, the body
 * is chunked and the server finds out as it reads.
 */
function postLargeBody(port: number, size: number, declared: boolean): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/api/articles',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(declared ? { 'content-length': String(size) } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body }));
        res.on('error', (error) => resolve({ error: error.message }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

// A server process of its own: a client in the server's own event loop cannot outpace it, and the reset only shows
// when the client is still sending as the server closes.
describe('Oversized bodies (e2e, separate process)', () => {
  let server: ServerProcess;
  let port: number;

  beforeAll(async () => {
    server = await startServerProcess({
      DATABASE_URL: await freshDatabaseUrl(),
      JWT_SECRET: 'oversized-bodies-secret-0123456789',
    });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  const TOO_LARGE = { status: 413, body: JSON.stringify({ errors: { body: ['is too large'] } }) };

  it.each([
    ['a declared length', true],
    ['a chunked body', false],
  ])(
    `should answer ${FIVE_MB / 1024 / 1024} MB with %s by a 413 the client can read, ${ATTEMPTS} times out of ${ATTEMPTS}`,
    async (_name, declared) => {
      const answers: Answer[] = [];
      for (let i = 0; i < ATTEMPTS; i++) answers.push(await postLargeBody(port, FIVE_MB, declared));
      expect(answers).toEqual(answers.map(() => TOO_LARGE));
    },
  );

  it('should answer 413 to several large uploads at once', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => postLargeBody(port, FIVE_MB, true)));
    expect(answers).toEqual(answers.map(() => TOO_LARGE));
  });
});
