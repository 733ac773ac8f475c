import { errorCodes, type FastifyInstance } from 'fastify';

/**
 * Keeps Fastify's `handlerTimeout` for requests that carry a body. Fastify 5.12 cancels its timer when the
 * request's IncomingMessage emits 'close', taking that for a client that went away; but Node 20 emits 'close' as
 * soon as the body has been read, so a POST or PUT would never time out. Once the body is parsed (preHandler), a
 * request whose IncomingMessage is already closed gets a timer of ours for the rest of `timeoutMs`, which answers
 * with Fastify's own FST_ERR_HANDLER_TIMEOUT through the same error handler.
 */
export function keepTimeoutAfterBodies(fastify: FastifyInstance, timeoutMs: number): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    if (!request.raw.readableEnded && !request.raw.destroyed) return done();
    const timer = setTimeout(
      () => {
        if (reply.sent || reply.raw.headersSent || reply.raw.destroyed) return;
        void reply.send(new errorCodes.FST_ERR_HANDLER_TIMEOUT(timeoutMs, request.routeOptions.url));
      },
      Math.max(0, timeoutMs - reply.elapsedTime),
    );
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
}
