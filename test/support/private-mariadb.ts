import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { PrivateServer } from './private-server';
import { describeIf } from './skip';
import { freePort, waitFor } from './wait';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';

export const privateMariaDbAvailable = (): boolean => existsSync(MARIADBD) && existsSync(INSTALL_DB);

/** `describe`, or `describe.skip` with a line saying why when MariaDB's binaries are not installed. */
export function describeWithPrivateMariaDb(name: string, body: () => void): void {
  describeIf(
    privateMariaDbAvailable(),
    name,
    `${MARIADBD} and ${INSTALL_DB} installed (a private MariaDB)`,
    body,
  );
}

/**
 * A MariaDB server of the test's own (own data directory and port), so a test can stop and restart it
 * without touching the machine's shared server.
 */
export class PrivateMariaDb extends PrivateServer {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    super();
  }

  static async create(): Promise<PrivateMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'folio-mariadb-'));
    execFileSync(
      INSTALL_DB,
      [
        '--no-defaults',
        `--datadir=${dir}/data`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      {
        stdio: 'ignore',
      },
    );
    const db = new PrivateMariaDb(dir, await freePort());
    await db.start();
    await db.query('CREATE DATABASE folio CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    return db;
  }

  get url(): string {
    return `mariadb://root@127.0.0.1:${this.port}/folio`;
  }

  async start(): Promise<void> {
    this.launch(MARIADBD, [
      '--no-defaults',
      `--datadir=${this.dir}/data`,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--socket=${this.dir}/mysqld.sock`,
      `--pid-file=${this.dir}/mysqld.pid`,
      '--user=root',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=16M',
    ]);
    await waitFor(
      () =>
        this.query('SELECT 1').then(
          () => true,
          () => false,
        ),
      30_000,
      'private MariaDB to start',
    );
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async query(sql: string, params: unknown[] = []): Promise<unknown> {
    const connection = await createConnection({
      host: '127.0.0.1',
      port: this.port,
      user: 'root',
      connectTimeout: 1_000,
    });
    try {
      const [rows] = await connection.query(sql, params);
      return rows;
    } finally {
      await connection.end();
    }
  }
}
