import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort, waitFor } from './wait';

const REDIS_SERVER = '/usr/bin/redis-server';

export const privateRedisAvailable = (): boolean => existsSync(REDIS_SERVER);

/**
 * A Redis server of the test's own (own port, nothing persisted), so a test can kill, freeze and restart it without
 * touching the machine's shared server.
 */
export class PrivateRedis {
  private server?: ChildProcess;
  private frozen = false;
  private constructor(readonly port: number) {}

  static async create(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = spawn(
      REDIS_SERVER,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.frozen = false;
    await waitFor(() => this.ping(), 15_000, 'private Redis to start');
  }

  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  /** A crash: the server and everything it held are gone at once. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  /** A frozen server (SIGSTOP): connections are still accepted, but nothing is answered until thaw(). */
  freeze(): void {
    this.live()?.kill('SIGSTOP');
    this.frozen = true;
  }

  thaw(): void {
    this.live()?.kill('SIGCONT');
    this.frozen = false;
  }

  /** Kills the server at once, synchronously (for a process 'exit' handler). */
  killNow(): void {
    this.live()?.kill('SIGKILL');
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

  private live(): ChildProcess | undefined {
    const server = this.server;
    return server && server.exitCode === null && server.signalCode === null ? server : undefined;
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const server = this.live();
    if (!server) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill(signal);
    // A stopped process holds every signal but SIGKILL until it is continued.
    if (this.frozen) this.thaw();
    await exited;
  }
}
