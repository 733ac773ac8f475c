import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorMap } from '../errors/http-errors';

export type ClientErrorReason = 'malformed' | 'headers_too_large' | 'timeout';

/** What answerClientError sent, for the access log and the metrics. */
export interface ClientErrorAnswer {
  requestId: string;
  statusCode: number;
  reason: ClientErrorReason;
}

interface Answer {
  statusCode: number;
  reason: ClientErrorReason;
  errors: ErrorMap;
}

/** Node's error codes for requests it refuses before any handler sees them; anything else is malformed. */
const ANSWERS: Record<string, Answer> = {
  HPE_HEADER_OVERFLOW: {
    statusCode: 431,
    reason: 'headers_too_large',
    errors: { headers: ['are too large'] },
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    statusCode: 408,
    reason: 'timeout',
    errors: { request: ['took too long to arrive'] },
  },
};
const MALFORMED: Answer = { statusCode: 400, reason: 'malformed', errors: { request: ['is malformed'] } };

/** How long the rest of a refused request is read and thrown away before the connection is cut. */
const LINGER_MS = 5000;

const answered = new WeakSet<Socket>();

/**
 * Answers a request Node could not parse (a malformed request line or header, headers over the size limit, a
 * request that took longer than Node's requestTimeout to arrive) in the API's error shape, with a request id and
 * `Connection: close`. Node's 'clientError' comes before Fastify has a request, so this writes to the socket
 * itself. The answer is followed by a FIN, and what the client still sends is read until it closes (bounded by
 * LINGER_MS), so that no unread data turns the close into a reset that would swallow the answer.
 * Returns what was sent, or undefined when there was nobody to answer (a reset, or a response already under way).
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Socket,
  headers: Record<string, string> = {},
): ClientErrorAnswer | undefined {
  if (answered.has(socket)) return undefined;
  const responding =
    (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable || responding) {
    // A second status line in the middle of a response would corrupt it: cut the connection instead.
    socket.destroy();
    return undefined;
  }
  answered.add(socket);
  const { statusCode, reason, errors } = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const requestId = randomUUID();
  const body = JSON.stringify({ errors });
  const head = Object.entries({
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': requestId,
    connection: 'close',
  }).map(([name, value]) => `${name}: ${value}`);
  socket.end([`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}`, ...head, '', body].join('\r\n'));
  const cut = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once('close', () => clearTimeout(cut));
  socket.resume();
  return { requestId, statusCode, reason };
}
