import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const stopping = new WeakSet<object>();

/**
 * While the app stops, every response asks the client to close its connection. Otherwise a keep-alive connection
 * that finishes its request after the stop began would idle on, and the server would wait for it until its timeout.
 */
export function closeConnectionsWhenStopping(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (_request, reply) => {
      if (stopping.has(app)) void reply.header('connection', 'close');
    });
}

/** Stops accepting connections, lets in-flight requests finish, then closes the pools (Nest's shutdown hooks). */
export async function stopGracefully(app: NestFastifyApplication): Promise<void> {
  stopping.add(app);
  const server = app.getHttpServer();
  const sweeper = setInterval(() => server.closeIdleConnections?.(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweeper);
  }
}
