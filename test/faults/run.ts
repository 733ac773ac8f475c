/**
 * The fault suite (issue 11): Folio runs as a process of its own on a private MariaDB and a private Redis, under a
 * steady mixed load, while each fault is injected in turn:
 *   1. database SIGKILL, then started again    2. database SIGSTOP, then SIGCONT
 *   3. Redis SIGKILL, then started again       4. Redis SIGSTOP, then SIGCONT
 *   5. SIGTERM to Folio mid-burst, then a new Folio on the same database
 * Prints a table per fault and ends with one line "N passed, N failed" (one check = one line); exits 1 on a failure.
 *
 *   npm run test:faults                  # all five
 *   FAULTS_ONLY=2,5 npm run test:faults  # some of them
 */
import { randomBytes } from 'node:crypto';
import { PrivateMariaDb, privateMariaDbAvailable } from '../support/private-mariadb';
import { PrivateRedis, privateRedisAvailable } from '../support/private-redis';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';
import { Check } from './checks';
import { call, jsonOf, sleep } from './http';
import { Client, newArticle, SlugPool } from './load';
import { printReport, ScenarioReport } from './report';
import { DEPENDENCY_FAULTS, Harness, runDependencyFault, runShutdown } from './scenarios';
import { CLIENT_TIMEOUT_MS, CLIENTS, folioEnvironment } from './settings';

const tally = { passed: 0, failed: 0 };
const folios = new Set<ServerProcess>();
let db: PrivateMariaDb | undefined;
let redis: PrivateRedis | undefined;

function selected(number: number): boolean {
  const only = process.env.FAULTS_ONLY;
  return !only || only.split(',').some((n) => Number(n.trim()) === number);
}

function record(checks: Check[]): void {
  for (const check of checks) {
    if (check.passed) tally.passed += 1;
    else tally.failed += 1;
  }
}

/** A scenario that could not run to its end is one failed check, with the reason and Folio's last output. */
function failedToRun(title: string, error: unknown, folio?: ServerProcess): void {
  tally.failed += 1;
  console.log(
    `\n── ${title}\n  FAIL  the scenario could not run: ${(error as Error)?.stack ?? String(error)}`,
  );
  if (folio) console.log(`  Folio's last output:\n${folio.output().split('\n').slice(-15).join('\n')}`);
}

async function main(): Promise<void> {
  if (!privateMariaDbAvailable() || !privateRedisAvailable()) {
    console.log(
      'fault suite skipped: needs /usr/sbin/mariadbd, /usr/bin/mariadb-install-db and /usr/bin/redis-server',
    );
    return;
  }
  if (![1, 2, 3, 4, 5].some(selected))
    throw new Error(`FAULTS_ONLY=${process.env.FAULTS_ONLY} selects no fault (1-5)`);
  const started = Date.now();
  console.log('fault suite: starting a private MariaDB and Redis');
  db = await PrivateMariaDb.create();
  redis = await PrivateRedis.create();
  const harness = makeHarness(db, redis);

  if ([1, 2, 3, 4].some(selected)) {
    let folio = await harness.startFolio();
    await register(harness, folio);
    for (const fault of DEPENDENCY_FAULTS.filter((f) => selected(f.number))) {
      const title = `${fault.number}. ${fault.title}`;
      console.log(`\nrunning ${title}`);
      try {
        folio = await readyFolio(harness, folio);
        report(await runDependencyFault(harness, folio, fault));
      } catch (error) {
        failedToRun(title, error, folio);
      }
    }
    await harness.stopFolio(folio);
  }
  if (selected(5)) {
    const title = '5. SIGTERM to Folio mid-burst';
    console.log(`\nrunning ${title}`);
    try {
      if (harness.clients.length === 0) {
        const folio = await harness.startFolio();
        await register(harness, folio);
        await harness.stopFolio(folio);
      }
      report(await runShutdown(harness));
    } catch (error) {
      failedToRun(title, error);
    }
  }
  console.log(`\nfault suite took ${Math.round((Date.now() - started) / 1000)} s`);
}

function report(scenario: ScenarioReport): void {
  printReport(scenario);
  record(scenario.checks);
}

function makeHarness(database: PrivateMariaDb, cache: PrivateRedis): Harness {
  const jwtSecret = `fault-suite-${randomBytes(16).toString('hex')}`;
  return {
    db: database,
    redis: cache,
    clients: [],
    probe: { username: '', token: '' },
    slugs: new SlugPool(),
    async startFolio() {
      const folio = await startServerProcess(folioEnvironment(database.url, cache.url, jwtSecret));
      folios.add(folio);
      return folio;
    },
    async stopFolio(folio) {
      if (folio.child.exitCode === null && folio.child.signalCode === null) folio.child.kill('SIGTERM');
      const exit = await Promise.race([folio.exited, sleep(15_000).then(() => 'timeout' as const)]);
      if (exit === 'timeout') folio.child.kill('SIGKILL');
      folios.delete(folio);
      return exit;
    },
  };
}

/** The clients (and the probe's user) register before any fault; each posts one article so there is something to read. */
async function register(h: Harness, folio: ServerProcess): Promise<void> {
  const base = `${folio.url}/api`;
  const tag = randomBytes(4).toString('hex');
  const users = await Promise.all(
    Array.from({ length: CLIENTS + 1 }, async (_, i) => {
      const username = `fault_${tag}_${i}`;
      const user = { username, email: `${username}@example.com`, password: 'fault-suite-password' };
      const answer = await call(base, 'POST', '/users', { body: { user }, timeoutMs: 30_000 });
      const token = (jsonOf(answer) as { user?: { token?: string } } | undefined)?.user?.token;
      if (answer.status !== 201 || !token)
        throw new Error(`registering ${username}: ${answer.status} ${answer.text}`);
      return { username, token };
    }),
  );
  h.probe = users.pop() as Client;
  h.clients.push(...users);
  for (const client of h.clients) {
    const answer = await call(base, 'POST', '/articles', {
      token: client.token,
      body: newArticle('seed'),
      timeoutMs: CLIENT_TIMEOUT_MS,
    });
    const slug = (jsonOf(answer) as { article?: { slug?: string } } | undefined)?.article?.slug;
    if (answer.status !== 201 || !slug)
      throw new Error(`seeding an article: ${answer.status} ${answer.text}`);
    h.slugs.add(slug);
  }
}

/** Each scenario starts from a ready Folio; one that did not come back from the previous fault is replaced. */
async function readyFolio(h: Harness, folio: ServerProcess): Promise<ServerProcess> {
  const ready = (): Promise<boolean> =>
    call(`${folio.url}/api`, 'GET', '/health/ready', { timeoutMs: 3_000 }).then((r) => r.status === 200);
  try {
    await waitFor(ready, 20_000, 'Folio to be ready');
    return folio;
  } catch {
    console.log('  Folio was not ready after the previous fault: starting a new one');
    await h.stopFolio(folio);
    return h.startFolio();
  }
}

async function cleanUp(): Promise<void> {
  for (const folio of folios) folio.child.kill('SIGKILL');
  await Promise.allSettled([db?.destroy(), redis?.stop()]);
}

// If the suite itself dies, its private servers and Folio processes must not outlive it.
process.on('exit', () => {
  for (const folio of folios) folio.child.kill('SIGKILL');
  db?.killNow();
  redis?.killNow();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: stopping the fault suite`);
    tally.failed += 1;
    void cleanUp().finally(() => {
      console.log(`${tally.passed} passed, ${tally.failed} failed`);
      process.exit(1);
    });
  });
}

void main()
  .catch((error: unknown) => {
    tally.failed += 1;
    console.log(`the fault suite could not run: ${(error as Error)?.stack ?? String(error)}`);
  })
  .then(cleanUp)
  .then(() => {
    console.log(`${tally.passed} passed, ${tally.failed} failed`);
    process.exit(tally.failed === 0 ? 0 : 1);
  });
