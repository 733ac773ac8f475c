import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { uniqueName } from '../support/factories';
import { startServerProcess } from '../support/server-process';
import { freshDatabaseUrl } from '../support/test-database';

interface Outcome {
  username: string;
  status?: number;
  error?: string;
}

describe('Graceful shutdown (e2e, separate process)', () => {
  it('should finish in-flight writes on SIGTERM, lose none it acknowledged, reset no request and exit 0', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const server = await startServerProcess({
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'shutdown-test-secret-0123456789abcdef',
      SHUTDOWN_GRACE_MS: '15000',
    });

    // Registrations hash a password (tens of ms each), so a burst keeps requests in flight when the signal lands.
    const burst = Array.from({ length: 30 }, (): Promise<Outcome> => {
      const username = uniqueName('shutdown');
      const user = { username, email: `${username}@example.com`, password: 'password123' };
      return fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user }),
      }).then(
        async (res) => ({ username, status: res.status, body: await res.text() }),
        (error: Error & { cause?: { code?: string } }) => ({
          username,
          error: error.cause?.code ?? error.message,
        }),
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    server.child.kill('SIGTERM');
    const outcomes = await Promise.all(burst);
    const exitCode = await server.exited;

    expect({ exitCode, output: exitCode === 0 ? '' : server.output() }).toEqual({ exitCode: 0, output: '' });
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.username);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Refused before being accepted is fine; a reset or hang-up of an accepted request is not.
    const broken = outcomes.filter((o) => o.error && o.error !== 'ECONNREFUSED');
    expect(broken).toEqual([]);
    expect(outcomes.filter((o) => o.status !== undefined && ![201, 503].includes(o.status))).toEqual([]);

    const dataSource = await new DataSource({
      ...buildDataSourceOptions(databaseUrl),
      migrationsRun: false,
    }).initialize();
    try {
      const rows: { username: string }[] = await dataSource.query('SELECT username FROM users');
      const stored = new Set(rows.map((row) => row.username));
      expect(acknowledged.filter((username) => !stored.has(username))).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  }, 120_000);
});
