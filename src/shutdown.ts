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

/**
 * First drains for `drainMs`: connections already queued or arriving are still served (each response closing its
 * connection), since closing the listening socket at once would reset those waiting in the kernel's accept queue.
 * Then stops accepting, lets in-flight requests finish, and closes the pools (Nest's shutdown hooks).
 */
export async function stopGracefully(app: NestFastifyApplication, drainMs: number): Promise<void> {
  stopping.add(app);
  await new Promise((resolve) => setTimeout(resolve, drainMs));
  const server = app.getHttpServer();
  const sweeper = setInterval(() => server.closeIdleConnections?.(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweeper);
  }
}
