import type { FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';

/** How much of an unwanted body is read and thrown away, at most, before the connection is cut. */
const LINGER_MAX_BYTES = 64 * 1024 * 1024;
const LINGER_MAX_MS = 10_000;

/**
 * An answer given before the request body arrived (413 for a declared length over the limit, 400/415 from the body
 * parser) closes the connection while the client may still be sending. Closing the socket with unread data makes
 * the kernel reset it, and the client often sees ECONNRESET/EPIPE instead of the answer. Like nginx's lingering
 * close: send the answer and a FIN, keep reading and discarding what the client still sends (bounded in bytes and
 * time), and only then close.
 */
export function closeLingeringAfterEarlyAnswers(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    if (request.raw.complete || reply.getHeader('connection') !== 'close') return;
    lingerOnClose(request.raw.socket);
  });
}

function lingerOnClose(socket: Socket): void {
  socket.destroySoon = () => {
    const cut = (): void => void socket.destroy();
    const timer = setTimeout(cut, LINGER_MAX_MS);
    timer.unref();
    let discarded = 0;
    socket.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_MAX_BYTES) cut();
    });
    socket.once('end', cut);
    socket.once('close', () => clearTimeout(timer));
    socket.end();
    socket.resume();
  };
}
