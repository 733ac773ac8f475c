import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect, Server, type Socket } from 'node:net';

/** After this long the listener closes anyway (a connection still queued by the kernel is then reset). */
const GIVE_UP_MS = 5000;
const TCP_ESTABLISHED = '01';

/**
 * Closes a listening server without resetting a connection, and without touching the connections it accepted.
 *
 * Closing a listening socket resets every connection still in the kernel's accept queue (its client has finished
 * the handshake and may have sent its request), and under load that queue is seldom empty: libuv accepts one
 * connection per turn of the event loop. So the listener closes only when the queue is empty and nothing can enter:
 * 1. it waits for a turn of the event loop that accepted nothing (the queue was empty when the loop polled);
 * 2. it shrinks the backlog to 0, which leaves room for one queued connection, and connects to itself over
 *    loopback, where the handshake completes within the connect call;
 * 3. before the event loop can accept anything, it looks that connection up in /proc/net/tcp: if the kernel has
 *    queued it, it holds the queue's only place, every other SYN is dropped (those clients retry about a second
 *    later, find the port closed, and are refused: no reset), and the listener closes at once, resetting nothing
 *    but its own connection. Otherwise a client was faster: it is accepted, and step 1 starts again.
 * Where /proc/net/tcp cannot be read (not Linux), the listener closes at step 3 anyway, which leaves a window of one
 * connect call for a reset.
 */
export function closeListenerGently(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const deadline = Date.now() + GIVE_UP_MS;
    let accepted = 0;
    let seen = -1;
    let closed = false;
    const count = (): void => void (accepted += 1);
    const close = (): void => {
      closed = true;
      server.off('connection', count);
      // net.Server's close: http.Server's would first destroy the connections that have not sent a request yet.
      Server.prototype.close.call(server);
      resolve();
    };
    const nextTurn = (): void => {
      seen = accepted;
      setImmediate(turn);
    };
    const turn = (): void => {
      if (Date.now() >= deadline) return close();
      if (accepted !== seen) return nextTurn();
      shrinkBacklog(server);
      const probe = connectToSelf(server);
      if (!probe) return close();
      // net.connect connects on the next tick: this runs right after it, before the event loop accepts again.
      process.nextTick(() => {
        if (isQueued(server, probe) !== false) close();
        probe.destroy();
        if (!closed) nextTurn();
      });
    };
    server.on('connection', count);
    nextTurn();
  });
}

/** Node has no public way to change the backlog of a listening server; its handle's listen() does it. */
function shrinkBacklog(server: Server): void {
  (server as unknown as { _handle?: { listen?: (backlog: number) => number } })._handle?.listen?.(0);
}

/** A connection to the server's own listener (on loopback when it listens on every address). */
function connectToSelf(server: Server): Socket | undefined {
  const address = server.address();
  if (address === null || typeof address === 'string') return undefined;
  const host = { '0.0.0.0': '127.0.0.1', '::': '::1' }[address.address] ?? address.address;
  return connect(address.port, host).on('error', () => undefined);
}

/**
 * Whether the kernel holds the server's end of `probe` (established, hence queued: the event loop has not run
 * since), or undefined when /proc/net/tcp cannot tell.
 */
function isQueued(server: Server, probe: Socket): boolean | undefined {
  const { port } = server.address() as AddressInfo;
  const tables = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((path) => {
    try {
      return [readFileSync(path, 'latin1')];
    } catch {
      return [];
    }
  });
  if (tables.length === 0 || probe.localPort === undefined) return undefined;
  return tables.some((table) =>
    table.split('\n').some((line) => {
      // "  sl  local_address rem_address   st ...", addresses as HEXIP:HEXPORT.
      const [, local, remote, state] = line.trim().split(/\s+/);
      return state === TCP_ESTABLISHED && portOf(local) === port && portOf(remote) === probe.localPort;
    }),
  );
}

function portOf(address: string | undefined): number | undefined {
  const hex = address?.split(':').at(-1);
  return hex ? parseInt(hex, 16) : undefined;
}
