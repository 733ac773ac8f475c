import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { closeListenerGently } from './common/http/close-listener';
import { HealthService } from './health/health.service';

/** How long a connection that has not sent a (whole) request yet is waited for once the listener is closed. */
const FIRST_REQUEST_WAIT_MS = 1000;
/** How long a connection the server has ended may take to end its side too before it is destroyed. */
const END_WAIT_MS = 2000;
/** A client turned away while the process stops can retry at once: elsewhere, behind a load balancer. */
const RETRY_AFTER_SECONDS = 1;

const SHUTTING_DOWN_ERRORS = { server: ['shutting down, retry shortly'] };

/** serving → draining (answers as usual, each closing its connection) → closing (new requests get a 503). */
type Phase = 'serving' | 'draining' | 'closing';

interface Connection {
  /** Requests whose response is not finished (more than one only when the client pipelines). */
  active: number;
  served: number;
  /** socket.bytesRead when it last went idle: more since then means a request is arriving. */
  bytesReadWhenIdle: number;
}

/**
 * Every connection of the API server and what it is doing, so that a stop closes each one when it has nothing more
 * to say. Node's own way (`http.Server.close()`, which calls closeIdleConnections(), as Fastify's close does)
 * destroys the idle keep-alive connections at once: one whose next request is already in the kernel's buffer is
 * then reset, since closing a socket with unread data sends a reset. Ending a connection (a FIN) and reading on
 * until the client closes its side avoids that.
 */
class ConnectionDrain {
  phase: Phase = 'serving';
  private readonly connections = new Map<Socket, Connection>();
  private onAllClosed?: () => void;

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => this.track(socket));
    server.on('request', (request: IncomingMessage, response: ServerResponse) =>
      this.observe(request.socket, response),
    );
  }

  get open(): number {
    return this.connections.size;
  }

  /**
   * Ends every connection as soon as it has nothing more to say: one that is answering finishes (its response
   * closes it); one that is idle after serving ends now; one that is receiving or has not sent its first request
   * yet gets FIRST_REQUEST_WAIT_MS for it. Resolves when every connection is closed.
   */
  closeConnections(): Promise<void> {
    const closed = new Promise<void>((resolve) => (this.onAllClosed = resolve));
    for (const [socket, connection] of this.connections) {
      if (connection.active > 0) continue;
      if (connection.served > 0 && socket.bytesRead === connection.bytesReadWhenIdle) endGently(socket);
      else setTimeout(() => this.endIfIdle(socket), FIRST_REQUEST_WAIT_MS).unref();
    }
    if (this.connections.size === 0) this.onAllClosed?.();
    return closed;
  }

  private endIfIdle(socket: Socket): void {
    if (this.connections.get(socket)?.active === 0) endGently(socket);
  }

  private track(socket: Socket): void {
    this.connections.set(socket, { active: 0, served: 0, bytesReadWhenIdle: 0 });
    socket.once('close', () => {
      this.connections.delete(socket);
      if (this.connections.size === 0) this.onAllClosed?.();
    });
  }

  private observe(socket: Socket, response: ServerResponse): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    connection.active += 1;
    response.once('close', () => {
      connection.active -= 1;
      connection.served += 1;
      connection.bytesReadWhenIdle = socket.bytesRead;
      // A response whose headers left before the stop began kept its connection alive.
      if (this.phase === 'closing' && connection.active === 0) endGently(socket);
    });
  }
}

/**
 * A FIN, then whatever the client still sends is read (by the HTTP parser) until it closes its side, so that no
 * unread data turns the close into a reset. A client that never closes is cut after END_WAIT_MS.
 */
function endGently(socket: Socket): void {
  if (socket.destroyed || socket.writableEnded) return;
  socket.end();
  const cut = setTimeout(() => socket.destroy(), END_WAIT_MS).unref();
  socket.once('close', () => clearTimeout(cut));
}

const drains = new WeakMap<NestFastifyApplication, ConnectionDrain>();

/**
 * Tracks the API server's connections for stopGracefully, and adds the hooks of a stop: while the app stops every
 * response asks the client to close its connection (so that no keep-alive connection idles on), and once the
 * drain is over a request still arriving is answered 503 in the API's error shape, with Retry-After. Registered
 * after the hooks that add request ids, security headers and metrics, so that these answers carry and count them.
 */
export function prepareGracefulShutdown(app: NestFastifyApplication): void {
  const drain = new ConnectionDrain(app.getHttpServer());
  drains.set(app, drain);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (_request, reply) => {
    if (drain.phase !== 'closing') return;
    return reply
      .code(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .header('content-type', 'application/json; charset=utf-8')
      .send({ errors: SHUTTING_DOWN_ERRORS });
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (drain.phase !== 'serving') void reply.header('connection', 'close');
  });
}

/**
 * Stops the app without resetting a connection or dropping a request it accepted:
 * 1. readiness answers 503 (a load balancer stops sending traffic) while requests are served as usual for
 *    `drainMs`, each response closing its connection;
 * 2. the listener closes, leaving the accepted connections open; from now on a request gets a 503;
 * 3. idle keep-alive connections are ended (a FIN), connections still sending their first request get up to
 *    FIRST_REQUEST_WAIT_MS to do so and are answered, in-flight requests finish;
 * 4. once no connection is left, Nest's close runs its shutdown hooks (the pools close).
 * The caller bounds the whole (SHUTDOWN_GRACE_MS).
 */
export async function stopGracefully(app: NestFastifyApplication, drainMs: number): Promise<void> {
  const logger = new Logger('Shutdown');
  const drain = drains.get(app);
  if (!drain) throw new Error('prepareGracefulShutdown(app) was not called when the app was created');
  drain.phase = 'draining';
  app.get(HealthService).stopServing();
  await new Promise((resolve) => setTimeout(resolve, drainMs));
  drain.phase = 'closing';
  await closeListenerGently(app.getHttpServer());
  logger.log(`listener closed; ${drain.open} connection(s) still open`);
  await drain.closeConnections();
  await app.close();
}
