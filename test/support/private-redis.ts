import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { PrivateServer } from './private-server';
import { describeIf } from './skip';
import { freePort, waitFor } from './wait';

const REDIS_SERVER = '/usr/bin/redis-server';

export const privateRedisAvailable = (): boolean => existsSync(REDIS_SERVER);

/**
 * A Redis server of the test's own (own port, nothing persisted), so a test can kill, freeze and restart it without
 * touching the machine's shared server.
 */
export class PrivateRedis extends PrivateServer {
  private constructor(readonly port: number) {
    super();
  }

  static async create(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.launch(REDIS_SERVER, [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    await waitFor(() => this.ping(), 15_000, 'private Redis to start');
  }

  /** True when the server answers PING within a second. */
  ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1');
      let answer = '';
      const done = (ok: boolean): void => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(1_000, () => done(false));
      socket.once('error', () => done(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.on('data', (chunk) => {
        answer += chunk.toString();
        if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
      });
    });
  }
}

/** `describe`, or `describe.skip` with a line saying why when redis-server is not installed (for fault tests). */
export function describeWithPrivateRedis(name: string, body: () => void): void {
  describeIf(
    privateRedisAvailable(),
    name,
    `${REDIS_SERVER} installed (it freezes a Redis of its own)`,
    body,
  );
}
