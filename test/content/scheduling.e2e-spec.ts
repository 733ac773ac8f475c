import { DataSource } from 'typeorm';
import { uniqueName } from '../support/factories';
import { ServerProcess, startServerProcess, stopServerProcess as stop } from '../support/server-process';
import { describeIf } from '../support/skip';
import { dropTestDatabase, freshDatabaseUrl, testEngine } from '../support/test-database';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { waitFor } from '../support/wait';

const JWT_SECRET = 'scheduling-e2e-secret-0123456789abcdef';

/** The parts of Folio's answers these tests read. */
interface Answer {
  user: { token: string };
  article: { slug: string };
  articles: { slug: string }[];
  articlesCount: number;
}

async function call(server: ServerProcess, method: string, path: string, token?: string, body?: object) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Answer };
}

async function signUp(server: ServerProcess): Promise<{ token: string; username: string }> {
  const username = uniqueName('sched');
  const res = await call(server, 'POST', '/api/users', undefined, {
    user: { username, email: `${username}@example.com`, password: 'password123' },
  });
  expect(res.status).toBe(201);
  return { token: res.body.user.token, username };
}

async function schedule(server: ServerProcess, token: string, publishAt: Date, tag: string): Promise<string> {
  const res = await call(server, 'POST', '/api/articles', token, {
    article: {
      title: uniqueName('Scheduled'),
      description: 'd',
      body: 'b',
      tagList: [tag],
      status: 'scheduled',
      publishAt: publishAt.toISOString(),
    },
  });
  // The whole answer on failure: a 422 here says the POST came after publishAt (a machine too slow for the lead).
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return res.body.article.slug;
}

describe('Scheduled publication across processes (e2e)', () => {
  let databaseUrl: string;
  const servers: ServerProcess[] = [];

  const start = async (env: Record<string, string> = {}): Promise<ServerProcess> => {
    const server = await startServerProcess({
      DATABASE_URL: databaseUrl,
      JWT_SECRET,
      JOBS_POLL_INTERVAL_MS: '50',
      ...env,
    });
    servers.push(server);
    return server;
  };

  /** Reads the database directly: the counters and the jobs, as they are stored. */
  async function stored<T>(sql: string): Promise<T[]> {
    const dataSource = new DataSource({ ...buildDataSourceOptions(databaseUrl), migrationsRun: false });
    await dataSource.initialize();
    try {
      return await dataSource.query(sql);
    } finally {
      await dataSource.destroy();
    }
  }

  beforeEach(async () => {
    databaseUrl = await freshDatabaseUrl();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await stop(server);
    await dropTestDatabase(databaseUrl);
  });

  it('should publish an article whose time passed while no instance ran jobs, once one starts', async () => {
    const writer = await start({ JOBS_ENABLED: 'false' });
    const { token } = await signUp(writer);
    const tag = uniqueName('missed').toLowerCase();
    const at = new Date(Date.now() + 3000);
    const slug = await schedule(writer, token, at, tag);
    await stop(writer, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now()) + 500));
    const runner = await start();
    await waitFor(
      async () => (await call(runner, 'GET', `/api/articles/${slug}`)).status === 200,
      20_000,
      'the missed publication',
    );
    const list = await call(runner, 'GET', `/api/articles?tag=${tag}`);
    expect(list.body.articlesCount).toBe(1);
  }, 120_000);

  describeIf(
    testEngine() === 'mysql',
    'with two processes on one MySQL/MariaDB database',
    'TEST_DATABASE_URL on MySQL/MariaDB (the embedded SQLite default runs one process)',
    () => {
      it('should publish 50 scheduled articles exactly once each while both run jobs', async () => {
        const first = await start();
        const second = await start();
        const { token, username } = await signUp(first);
        const tag = uniqueName('fifty').toLowerCase();
        // A lead long enough for 50 POSTs on a loaded machine: a schedule in the past is refused with 422.
        const at = new Date(Date.now() + 10_000);
        const slugs = await Promise.all(
          Array.from({ length: 50 }, (_, n) => schedule(n % 2 ? first : second, token, at, tag)),
        );
        await waitFor(
          async () =>
            (await call(second, 'GET', `/api/articles?tag=${tag}&limit=100`)).body.articles.length === 50,
          60_000,
          '50 publications',
        );
        const list = await call(first, 'GET', `/api/articles?tag=${tag}&limit=100`);
        expect(new Set(list.body.articles.map((a) => a.slug))).toEqual(new Set(slugs));
        // Published once each: a second publication would have counted the article twice.
        expect(list.body.articlesCount).toBe(50);
        expect((await call(first, 'GET', `/api/articles?author=${username}`)).body.articlesCount).toBe(50);
        const jobs = await stored<{ status: string; attempts: number | string; last_error: string | null }>(
          "SELECT status, attempts, last_error FROM jobs WHERE type = 'article.publish'",
        );
        expect(jobs).toHaveLength(50);
        // Each job ran once and succeeded; any other is shown whole, with its error.
        expect(jobs.filter((job) => job.status !== 'done' || Number(job.attempts) !== 1)).toEqual([]);
        const [{ total }] = await stored<{ total: number | string }>(
          'SELECT SUM(articles) AS total FROM article_totals',
        );
        expect(Number(total)).toBe(50);
      }, 240_000);
    },
  );
});
