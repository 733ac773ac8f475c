/**
 * Benchmarks Folio against the ceiling server on one seeded database: both start as one process each, their
 * answers are compared, then every scenario runs alternately on Folio and on the ceiling for a few rounds.
 *
 *   npm run bench:seed -- --url mariadb://root@127.0.0.1:3306/folio_bench --articles 100000
 *   npm run bench -- --url mariadb://root@127.0.0.1:3306/folio_bench --duration 10 --rounds 3
 *
 * Prints a table of medians and writes bench/results/<timestamp>-<engine>.json. See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDatabaseUrl, redactUrl } from './lib/database-url';
import { readSeedInfo } from './lib/seed-info';
import { compareAnswers, type EqualityReport } from './run/equality';
import { measure, type RunResult } from './run/measure';
import { parseRunOptions, type RunOptions } from './run/options';
import { prepareContext } from './run/context';
import {
  buildFolio,
  sleep,
  startCeiling,
  startFolio,
  stopServer,
  waitUntilReady,
  type Server,
} from './run/processes';
import { machine, printTable, RESULTS_DIR, writeReport } from './run/report';
import { selectScenarios, type Scenario, type ScenarioContext } from './run/scenarios';
import { ratio, summarise, type ScenarioResult } from './run/stats';

const PAUSE_MS = 500;

async function main(): Promise<void> {
  const seed = readSeedInfo();
  const options = parseRunOptions(process.argv.slice(2), seed.url);
  if (options.url !== seed.url)
    throw new Error(
      `bench/.seed.json describes ${redactUrl(seed.url)}: seed ${redactUrl(options.url)} first`,
    );
  const scenarios = selectScenarios(options.scenarios);
  if (options.build) buildFolio();
  const startedAt = new Date().toISOString();
  const secret = `bench-${randomBytes(24).toString('hex')}`;
  const servers = startServers(options, secret, startedAt);
  try {
    await Promise.all(servers.map(waitUntilReady));
    const context = await prepareContext(seed, secret, ...servers);
    const equality = await checkEquality(scenarios, context, servers, options);
    const comparable = equality.mismatches.length === 0;
    const results = await benchmark(scenarios, context, servers, options, comparable);
    printTable(results);
    const { url: _url, ...settings } = options;
    const path = writeReport({
      startedAt,
      finishedAt: new Date().toISOString(),
      engine: parseDatabaseUrl(options.url).engine,
      url: redactUrl(options.url),
      seed: { seededAt: seed.seededAt, counts: seed.counts },
      options: settings,
      machine: machine(),
      equality,
      comparable,
      scenarios: results,
    });
    console.log(`\nwrote ${path} (server logs beside it)`);
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

/** Folio and the ceiling, one process each, logging to bench/results/<timestamp>-<name>.log. */
function startServers(options: RunOptions, secret: string, startedAt: string): [Server, Server] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const logOf = (name: string): string => join(RESULTS_DIR, `${startedAt.replace(/[:.]/g, '-')}-${name}.log`);
  const { url, folioPort, folioEnv, folioNodeArgs, ceilingPort, ceilingSql } = options;
  return [
    startFolio(url, folioPort, secret, { env: folioEnv, nodeArgs: folioNodeArgs }, logOf('folio')),
    startCeiling(url, ceilingPort, secret, ceilingSql, logOf('ceiling')),
  ];
}

/** Refuses to measure (or, with --allow-mismatch, to report ratios) when the two servers answer differently. */
async function checkEquality(
  scenarios: Scenario[],
  context: ScenarioContext,
  [folio, ceiling]: [Server, Server],
  options: RunOptions,
): Promise<EqualityReport> {
  const equality = await compareAnswers(scenarios, context, folio, ceiling);
  for (const mismatch of equality.mismatches)
    console.error(`MISMATCH ${mismatch.scenario}: ${mismatch.request}\n  ${mismatch.difference}`);
  if (equality.mismatches.length === 0) {
    console.log(`answers equal: ${equality.checked} read requests compared`);
  } else if (!options.allowMismatch) {
    throw new Error(
      'Folio and the ceiling answer differently: no ratios (pass --allow-mismatch to measure anyway)',
    );
  }
  return equality;
}

/** Rounds of every scenario, each run on Folio and then on the ceiling (after one warm-up pass of each). */
async function benchmark(
  scenarios: Scenario[],
  context: ScenarioContext,
  servers: [Server, Server],
  options: RunOptions,
  comparable: boolean,
): Promise<ScenarioResult[]> {
  await warmUp(scenarios, context, servers, options);
  const runs = new Map<string, RunsOf>(
    scenarios.map((scenario) => [scenario.name, { folio: [], ceiling: [] }]),
  );
  for (let round = 1; round <= options.rounds; round++) {
    for (const scenario of scenarios) {
      for (const server of servers) {
        const run = await measure(server, scenario, context, options.duration, options.connections);
        runs.get(scenario.name)![server.name].push(run);
        logRun(`round ${round}/${options.rounds}`, scenario, server, run);
        await sleep(PAUSE_MS);
      }
    }
  }
  return scenarios.map((scenario) => resultOf(scenario, runs.get(scenario.name)!, comparable));
}

/** JIT, pools, the buffer pool and (if enabled) Folio's cache warm up before anything counts. */
async function warmUp(
  scenarios: Scenario[],
  context: ScenarioContext,
  servers: [Server, Server],
  options: RunOptions,
): Promise<void> {
  if (options.warmup === 0) return;
  console.log(`warming up: ${options.warmup} s per scenario and server`);
  for (const scenario of scenarios)
    for (const server of servers)
      await measure(server, scenario, context, options.warmup, options.connections);
}

function logRun(label: string, scenario: Scenario, server: Server, run: RunResult): void {
  console.log(
    `${label} ${scenario.name.padEnd(8)} ${server.name.padEnd(7)} ${run.reqPerSec.toFixed(0).padStart(6)} req/s  ` +
      `p50 ${run.p50} ms  p99 ${run.p99} ms  errors ${run.errors}  RSS ${run.rssMb} MB`,
  );
}

type RunsOf = Record<Server['name'], RunResult[]>;

function resultOf(scenario: Scenario, runs: RunsOf, comparable: boolean): ScenarioResult {
  const folio = summarise(runs.folio);
  const ceiling = summarise(runs.ceiling);
  return {
    name: scenario.name,
    description: scenario.description,
    folio: { runs: runs.folio, median: folio },
    ceiling: { runs: runs.ceiling, median: ceiling },
    ratio: comparable ? ratio(folio.reqPerSec, ceiling.reqPerSec) : null,
    p99Ratio: comparable ? ratio(folio.p99, ceiling.p99) : null,
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
