import type { PrivateMariaDb } from '../support/private-mariadb';
import type { PrivateRedis } from '../support/private-redis';
import type { ServerProcess } from '../support/server-process';
import {
  baselineCheck,
  Check,
  errorShapeCheck,
  readinessCheck,
  recoveryCheck,
  steadyCheck,
  storedCheck,
  transportCheck,
  waitCheck,
} from './checks';
import { call, isSuccess, sleep } from './http';
import { Client, Load, SlugPool } from './load';
import { awaitRecovery, ReadinessSampler } from './probes';
import { ScenarioReport } from './report';
import {
  BEFORE_MS,
  BURST_SIZE,
  CLIENT_TIMEOUT_MS,
  CLIENTS,
  DOWN_MS,
  DRAIN_MS,
  FROZEN_MS,
  GRACE_MS,
  POOL_SIZE,
  SIGTERM_AFTER_BURST_MS,
  TAIL_MS,
} from './settings';
import { storedWrites } from './verify';

/** What every scenario works with: the private servers, the registered clients, and a way to start Folio. */
export interface Harness {
  db: PrivateMariaDb;
  redis: PrivateRedis;
  clients: Client[];
  /** A user of its own for the recovery probes' writes. */
  probe: Client;
  slugs: SlugPool;
  startFolio(): Promise<ServerProcess>;
  stopFolio(folio: ServerProcess): Promise<number | null | 'timeout'>;
}

/** A fault of a dependency, injected under load while one Folio keeps running. */
export interface DependencyFault {
  number: number;
  title: string;
  holdMs: number;
  inject(h: Harness): Promise<void>;
  lift(h: Harness): Promise<void>;
}

export const DEPENDENCY_FAULTS: DependencyFault[] = [
  {
    number: 1,
    title: `database SIGKILL, down ${DOWN_MS / 1000} s, then started again on the same port and data directory`,
    holdMs: DOWN_MS,
    inject: (h) => h.db.kill(),
    lift: (h) => h.db.start(),
  },
  {
    number: 2,
    title: `database SIGSTOP for ${FROZEN_MS / 1000} s (pool of ${POOL_SIZE}, ${CLIENTS} clients), then SIGCONT`,
    holdMs: FROZEN_MS,
    inject: async (h) => h.db.freeze(),
    lift: async (h) => h.db.thaw(),
  },
  {
    number: 3,
    title: `Redis SIGKILL, down ${DOWN_MS / 1000} s, then started again on the same port`,
    holdMs: DOWN_MS,
    inject: (h) => h.redis.kill(),
    lift: (h) => h.redis.start(),
  },
  {
    number: 4,
    title: `Redis SIGSTOP for ${FROZEN_MS / 1000} s, then SIGCONT`,
    holdMs: FROZEN_MS,
    inject: async (h) => h.redis.freeze(),
    lift: async (h) => h.redis.thaw(),
  },
];

/**
 * Load before, during and after the fault; readiness sampled from the fault's start until service resumed; then
 * every acknowledged write looked up in the database.
 */
export async function runDependencyFault(
  h: Harness,
  folio: ServerProcess,
  fault: DependencyFault,
): Promise<ScenarioReport> {
  const base = `${folio.url}/api`;
  const load = new Load(base, h.clients, h.slugs);
  const readiness = new ReadinessSampler(base);
  const { faultAt, liftedAt, recovery } = await underLoad(load, readiness, async () => {
    await sleep(BEFORE_MS);
    const faultAt = performance.now();
    readiness.start();
    try {
      await fault.inject(h);
      await sleep(fault.holdMs);
    } finally {
      await fault.lift(h);
    }
    const liftedAt = performance.now();
    const recovery = await awaitRecovery(base, h.probe, liftedAt, load.acknowledged);
    await readiness.stop();
    await sleep(TAIL_MS);
    return { faultAt, liftedAt, recovery };
  });
  const endedAt = performance.now();
  const writes = await storedWrites(h.db, load.acknowledged);

  const samples = load.samples;
  const checks: Check[] = [
    baselineCheck(samples, faultAt),
    waitCheck(samples, faultAt),
    errorShapeCheck(samples, faultAt),
    transportCheck(samples, faultAt),
    storedCheck(writes),
    readinessCheck(readiness.samples, faultAt),
    recoveryCheck(recovery, 'service resumed after the fault ended, without restarting Folio,'),
    steadyCheck(samples, recovery, faultAt),
  ];
  return {
    title: `${fault.number}. ${fault.title}`,
    phases: phasesAround(['before fault', 'during fault', 'after fault'], faultAt, liftedAt, endedAt),
    samples,
    writes,
    notes: [
      `fault lasted ${((liftedAt - faultAt) / 1000).toFixed(1)} s` +
        (recovery.afterMs === undefined
          ? ''
          : `; service resumed ${(recovery.afterMs / 1000).toFixed(1)} s later`),
    ],
    checks,
  };
}

/**
 * 5: SIGTERM to a Folio of its own while a burst of writes is in flight, the load still running. Then every
 * acknowledged write is looked up in the database, and a new Folio on the same database must serve them.
 */
export async function runShutdown(h: Harness): Promise<ScenarioReport> {
  const folio = await h.startFolio();
  const base = `${folio.url}/api`;
  const load = new Load(base, h.clients, h.slugs);
  const readiness = new ReadinessSampler(base);
  const { sigtermAt, exitedAt, exit } = await underLoad(load, readiness, async () => {
    await sleep(BEFORE_MS);
    const burst = load.burst(BURST_SIZE);
    await sleep(SIGTERM_AFTER_BURST_MS);
    const sigtermAt = performance.now();
    readiness.start();
    folio.child.kill('SIGTERM');
    const exit = await Promise.race([folio.exited, sleep(GRACE_MS + 5_000).then(() => 'timeout' as const)]);
    const exitedAt = performance.now();
    if (exit === 'timeout') folio.child.kill('SIGKILL');
    await burst;
    return { sigtermAt, exitedAt, exit };
  }).finally(() => h.stopFolio(folio));
  const endedAt = performance.now();
  const writes = await storedWrites(h.db, load.acknowledged);

  const samples = load.samples;
  const burstSamples = samples.filter((s) => s.op === 'POST /articles (burst)');
  const inFlight = burstSamples.filter((s) => s.startedAt + s.ms > sigtermAt).length;
  const checks: Check[] = [
    baselineCheck(samples, sigtermAt),
    waitCheck(samples, sigtermAt),
    errorShapeCheck(samples, sigtermAt),
    transportCheck(samples, sigtermAt, sigtermAt),
    exitCheck(exit, exitedAt - sigtermAt),
    readinessCheck(readiness.samples, sigtermAt, sigtermAt),
    storedCheck(writes),
    ...(await restartChecks(h, load)),
  ];
  return {
    title: `5. SIGTERM to Folio mid-burst (${BURST_SIZE} writes at once, SIGTERM ${SIGTERM_AFTER_BURST_MS} ms later, drain ${DRAIN_MS} ms), then a new Folio on the same database`,
    phases: phasesAround(['before SIGTERM', 'while stopping', 'after exit'], sigtermAt, exitedAt, endedAt),
    samples,
    writes,
    notes: [
      `burst: ${burstSamples.filter(isSuccess).length}/${BURST_SIZE} acknowledged, ${inFlight} still in flight at SIGTERM`,
      `Folio exited ${exit === 'timeout' ? 'not at all (killed)' : `with code ${exit}`} ${((exitedAt - sigtermAt) / 1000).toFixed(1)} s after SIGTERM`,
    ],
    checks,
  };
}

/** Runs `work` with the load going, and stops the load and the readiness sampler however `work` ends. */
async function underLoad<T>(load: Load, readiness: ReadinessSampler, work: () => Promise<T>): Promise<T> {
  load.start();
  try {
    return await work();
  } finally {
    await readiness.stop();
    await load.stop();
  }
}

function exitCheck(exit: number | null | 'timeout', afterMs: number): Check {
  return {
    name: `Folio exited 0 within its grace period (${GRACE_MS} ms)`,
    passed: exit === 0 && afterMs <= GRACE_MS,
    detail: exit === 'timeout' ? 'still running, killed' : `code ${exit} after ${Math.round(afterMs)} ms`,
    examples: [],
  };
}

/** A new Folio on the same database: it serves at once, and serves every article the old one acknowledged. */
async function restartChecks(h: Harness, load: Load): Promise<Check[]> {
  const next = await h.startFolio();
  try {
    const base = `${next.url}/api`;
    const recovery = await awaitRecovery(base, h.probe, performance.now(), load.acknowledged);
    const slugs = [...new Set(load.acknowledged.articles)];
    const unreadable: string[] = [];
    for (let i = 0; i < slugs.length; i += 8) {
      const answers = await Promise.all(
        slugs
          .slice(i, i + 8)
          .map((slug) =>
            call(base, 'GET', `/articles/${encodeURIComponent(slug)}`, { timeoutMs: CLIENT_TIMEOUT_MS }).then(
              (result) => ({ slug, result }),
            ),
          ),
      );
      unreadable.push(
        ...answers
          .filter(({ result }) => result.status !== 200)
          .map(({ slug, result }) => `${slug}: ${result.status ?? result.outcome}`),
      );
    }
    return [
      recoveryCheck(recovery, 'a new Folio on the same database served'),
      {
        name: 'the new Folio serves every article the old one acknowledged',
        passed: unreadable.length === 0,
        detail: `${slugs.length - unreadable.length}/${slugs.length} readable`,
        examples: unreadable.slice(0, 3),
      },
    ];
  } finally {
    await h.stopFolio(next);
  }
}

/** The report's rows: before a fault began, while it lasted, and after it ended (to the end of the load). */
function phasesAround(
  [before, during, after]: [string, string, string],
  began: number,
  ended: number,
  loadEnded: number,
): ScenarioReport['phases'] {
  return [
    { label: before, from: 0, to: began },
    { label: during, from: began, to: ended },
    { label: after, from: ended, to: loadEnded + 1 },
  ];
}
