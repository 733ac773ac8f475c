import { ServerProcess, startServerProcess, stopServerProcess as stop } from '../support/server-process';
import { describeIf } from '../support/skip';
import { SmtpReceiver } from '../support/smtp-receiver';
import { dropTestDatabase, freshDatabaseUrl, testEngine } from '../support/test-database';
import { uniqueName } from '../support/factories';
import { waitFor } from '../support/wait';

const JWT_SECRET = 'job-runner-e2e-secret-0123456789abcdef';

/** Registers a user on `server` (one confirmation mail each); answers the address. */
async function register(server: ServerProcess): Promise<string> {
  const username = uniqueName('jobs');
  const email = `${username}@example.com`;
  const res = await fetch(`${server.url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: { username, email, password: 'password123' } }),
  });
  expect(res.status).toBe(201);
  return email;
}

describe('The job runner across processes (e2e)', () => {
  let smtp: SmtpReceiver;
  let databaseUrl: string;
  const servers: ServerProcess[] = [];

  const start = async (env: Record<string, string> = {}): Promise<ServerProcess> => {
    const server = await startServerProcess({
      DATABASE_URL: databaseUrl,
      JWT_SECRET,
      SMTP_URL: smtp.url,
      JOBS_POLL_INTERVAL_MS: '20',
      JOBS_BACKOFF_BASE_MS: '100',
      ...env,
    });
    servers.push(server);
    return server;
  };

  beforeEach(async () => {
    smtp = await new SmtpReceiver().start();
    databaseUrl = await freshDatabaseUrl();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await stop(server);
    await smtp.stop();
    await dropTestDatabase(databaseUrl);
  });

  it('should send a mail committed by a process killed before it could send it, once another starts', async () => {
    const writer = await start({ JOBS_ENABLED: 'false' });
    const email = await register(writer);
    await stop(writer, 'SIGKILL');
    expect(smtp.to(email)).toEqual([]);
    await start();
    const mail = await smtp.next(email, /Confirm/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails.filter((each) => each.jobId === mail.jobId)).toHaveLength(1);
  }, 120_000);

  describeIf(
    testEngine() === 'mysql',
    'with two processes on one MySQL/MariaDB database',
    'TEST_DATABASE_URL on MySQL/MariaDB (the embedded SQLite default runs one process)',
    () => {
      it('should deliver every mail exactly once while both claim jobs', async () => {
        const first = await start();
        const second = await start();
        const emails: string[] = [];
        for (let i = 0; i < 20; i++) emails.push(...(await Promise.all([register(first), register(second)])));
        await waitFor(async () => smtp.mails.length >= emails.length, 60_000, `${emails.length} mails`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(smtp.mails).toHaveLength(emails.length);
        expect(new Set(smtp.mails.map((mail) => mail.jobId)).size).toBe(emails.length);
        for (const email of emails) expect(smtp.to(email)).toHaveLength(1);
        const metrics = await (await fetch(`${first.url}/metrics`)).text();
        expect(metrics).toMatch(
          new RegExp(`^jobs\\{type="mail.send",status="done"\\} ${emails.length}$`, 'm'),
        );
      }, 180_000);
    },
  );
});
