import { createServer } from 'node:net';

/** Polls `check` until it answers true, or fails after `timeoutMs` naming what it waited for. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Each Jest worker takes its ports from a block of its own below Linux's ephemeral range (32768–60999), so a port
 * handed out here is neither another worker's nor one the system picks for an outgoing connection or a listen(0)
 * between this check and the server's own listen.
 */
const PORT_BLOCK = 200;
const firstPort = 20_000 + ((Number(process.env.JEST_WORKER_ID ?? 1) * PORT_BLOCK) % 12_000);
let nextOffset = 0;

/** A TCP port nothing listens on right now, on any address. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PORT_BLOCK; tries++) {
    const port = firstPort + (nextOffset++ % PORT_BLOCK);
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port in ${firstPort}–${firstPort + PORT_BLOCK - 1}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // No host: the wildcard address, which any listener on the port (any interface) conflicts with.
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
