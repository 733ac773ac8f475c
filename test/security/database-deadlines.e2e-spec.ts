import request from 'supertest';
import { Database } from '../../src/database/database.service';
import { auth, createArticle, registerUser, RegisteredUser } from '../support/factories';
import { describeWithPrivateMariaDb, PrivateMariaDb } from '../support/private-mariadb';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const POOL = 3;
const QUEUE_LIMIT = 4;
const ACQUIRE_MS = 500;
const QUERY_MS = 1_000;
/** The slowest answer a frozen database may cause: a statement given up (query limit + the client's grace). */
const DEADLINE_MS = QUERY_MS + 500;
/** Room for a loaded CI machine on top of the deadline. */
const SLACK_MS = 2_000;

interface Timed {
  status: number;
  body: unknown;
  retryAfter?: string;
  ms: number;
}

async function timed(pending: request.Test): Promise<Timed> {
  const started = Date.now();
  const res = await pending;
  return {
    status: res.status,
    body: res.body,
    retryAfter: res.headers['retry-after'],
    ms: Date.now() - started,
  };
}

function metricValue(scrape: string, series: string): number {
  const line = scrape.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

/** A server of the test's own is frozen (SIGSTOP) and thawed; the machine's shared MariaDB is never touched. */
describeWithPrivateMariaDb('Database deadlines (e2e, private MariaDB)', () => {
  let db: PrivateMariaDb;
  let t: TestApp;
  let user: RegisteredUser;
  let slug: string;

  beforeAll(async () => {
    db = await PrivateMariaDb.create();
    t = await createTestApp({
      DATABASE_URL: `${db.url}?connectionLimit=${POOL}`,
      DATABASE_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_MS),
      DATABASE_QUERY_TIMEOUT_MS: String(QUERY_MS),
      DATABASE_QUEUE_LIMIT: String(QUEUE_LIMIT),
      CACHE_ENABLED: 'false',
    });
    user = await registerUser(t);
    slug = (await createArticle(t, user)).slug;
  });
  afterAll(async () => {
    db?.thaw();
    await t?.close();
    await db?.destroy();
  });

  it('should answer every request 503 within its deadline while the database is frozen, then heal by itself', async () => {
    const before = await request(t.http).get('/metrics').expect(200);
    db.freeze();
    let answers: Timed[];
    try {
      // Four times the pool: some hold a connection whose statement never returns, some wait, some find the queue full.
      answers = await Promise.all(
        Array.from({ length: POOL * 4 }, (_, i) =>
          timed(
            i % 2
              ? request(t.http).get(`/api/articles/${slug}`)
              : request(t.http)
                  .post(`/api/articles/${slug}/comments`)
                  .set(...auth(user))
                  .send({ comment: { body: `frozen ${i}` } }),
          ),
        ),
      );
    } finally {
      db.thaw();
    }

    expect(answers.filter((answer) => answer.status !== 503)).toEqual([]);
    for (const answer of answers) {
      expect(answer.body).toEqual({ errors: { database: [expect.any(String)] } });
      expect(answer.retryAfter).toBeDefined();
    }
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(DEADLINE_MS + SLACK_MS);

    await waitFor(
      async () => (await request(t.http).get(`/api/articles/${slug}`)).status === 200,
      15_000,
      'the pool to heal after the thaw',
    );
    await request(t.http)
      .post(`/api/articles/${slug}/comments`)
      .set(...auth(user))
      .send({ comment: { body: 'after the thaw' } })
      .expect(201);

    const after = (await request(t.http).get('/metrics').expect(200)).text;
    const grew = (series: string): number => metricValue(after, series) - metricValue(before.text, series);
    expect(grew('db_timeouts_total{stage="query"}')).toBeGreaterThan(0);
    expect(grew('db_timeouts_total{stage="acquire"}') + grew('db_pool_rejections_total')).toBeGreaterThan(0);
    expect(grew('db_pool_wait_seconds_count')).toBeGreaterThan(0);
  });

  it('should have the server abort a statement that runs past DATABASE_QUERY_TIMEOUT_MS, and keep the connection', async () => {
    const database = t.app.get(Database);
    const started = Date.now();
    await expect(database.query('SELECT SLEEP(5)')).rejects.toMatchObject({
      driverError: expect.objectContaining({ errno: 1969 }),
    });
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS + SLACK_MS);
    await expect(database.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });

  it('should refuse at once, not queue, when more requests wait for a connection than DATABASE_QUEUE_LIMIT', async () => {
    const database = t.app.get(Database);
    // Every connection busy for a while, and the queue filled behind them.
    const holders = Array.from({ length: POOL + QUEUE_LIMIT }, () =>
      database.query('SELECT SLEEP(0.4)').catch((error: unknown) => error),
    );
    const refused = await timed(request(t.http).get(`/api/articles/${slug}`));
    await Promise.all(holders);
    expect(refused).toMatchObject({ status: 503, body: { errors: { database: ['busy, retry shortly'] } } });
    expect(refused.retryAfter).toBeDefined();
    expect(refused.ms).toBeLessThan(ACQUIRE_MS);
  });
});
