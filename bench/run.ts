/**
 * Benchmarks Folio against two ceiling servers on one seeded database: Folio and each ceiling start as one process
 * each, their answers are compared, then every scenario runs on every server for a few rounds, the order rotated
 * from round to round.
 *
 *   npm run bench:seed -- --url mariadb://root@127.0.0.1:3306/folio_bench --articles 100000
 *   npm run bench -- --url mariadb://root@127.0.0.1:3306/folio_bench --duration 10 --rounds 5
 *
 * Prints a table of medians and writes bench/results/<timestamp>-<engine>.json. `--help` lists the options; see
 * bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDatabaseUrl, redactUrl } from './lib/database-url';
import { readSeedInfo } from './lib/seed-info';
import { compareAnswers, type EqualityReport } from './run/equality';
import { measure, type RunResult } from './run/measure';
import { parseRunOptions, USAGE, type RunOptions } from './run/options';
import { prepareContext } from './run/context';
import {
  buildFolio,
  folioSettings,
  sleep,
  startCeiling,
  startFolio,
  stopServer,
  waitUntilReady,
  type Server,
  type ServerName,
} from './run/processes';
import { machine, printTable, RESULTS_DIR, writeReport, type BenchReport } from './run/report';
import { selectScenarios, type Scenario, type ScenarioContext } from './run/scenarios';
import { ratio, summarise, type ScenarioResult } from './run/stats';

const PAUSE_MS = 500;

interface Lineup {
  folio: Server;
  /** The ceilings, then folio-b when there is one. */
  others: Server[];
  settings: BenchReport['settings'];
}

async function main(): Promise<void> {
  const options = parseRunOptions(process.argv.slice(2));
  if (!options) return console.log(USAGE);
  const seed = readSeedInfo(options.url || undefined);
  options.url = seed.url;
  const scenarios = selectScenarios(options.scenarios);
  if (!seed.rareSearchQuery && scenarios.some((scenario) => scenario.name.startsWith('search')))
    throw new Error(`${redactUrl(seed.url)} was seeded without the search scenarios' queries: seed it again`);
  if (options.build) buildFolio(options.folioRoot);
  const startedAt = new Date().toISOString();
  const secret = `bench-${randomBytes(24).toString('hex')}`;
  const lineup = startServers(options, secret, startedAt);
  const all = [lineup.folio, ...lineup.others];
  try {
    await Promise.all(all.map(waitUntilReady));
    console.log(`Folio's settings: ${describeSettings(lineup.settings.folio)}`);
    if (lineup.settings['folio-b'])
      console.log(`folio-b's settings: ${describeSettings(lineup.settings['folio-b'])}`);
    const context = await prepareContext(
      seed,
      secret,
      lineup.folio,
      lineup.others,
      scenarios.some((scenario) => scenario.name === 'cursor'),
    );
    const equality = await checkEquality(scenarios, context, lineup, options);
    const comparable = equality.mismatches.length === 0;
    const results = await benchmark(scenarios, context, all, options, comparable);
    printTable(
      results,
      lineup.others.map((server) => server.name),
    );
    const { url: _url, ...optionsWithoutUrl } = options;
    const path = writeReport({
      startedAt,
      finishedAt: new Date().toISOString(),
      engine: parseDatabaseUrl(options.url).engine,
      url: redactUrl(options.url),
      seed: { seededAt: seed.seededAt, counts: seed.counts },
      options: optionsWithoutUrl,
      settings: lineup.settings,
      machine: machine(),
      equality,
      comparable,
      scenarios: results,
    });
    console.log(`\nwrote ${path} (server logs beside it)`);
  } finally {
    await Promise.all(all.map(stopServer));
  }
}

/** Folio, the ceilings and folio-b, one process each, logging to bench/results/<timestamp>-<name>.log. */
function startServers(options: RunOptions, secret: string, startedAt: string): Lineup {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const logOf = (name: string): string => join(RESULTS_DIR, `${startedAt.replace(/[:.]/g, '-')}-${name}.log`);
  const { url, basePort, folioEnv, versusEnv, folioNodeArgs: nodeArgs, folioRoot: root } = options;
  const settings: BenchReport['settings'] = {
    folio: { ...folioSettings(url, basePort + 1, secret), ...folioEnv },
  };
  const folio = startFolio('folio', basePort + 1, settings.folio, { nodeArgs, root }, logOf('folio'));
  const ports: Record<string, number> = { same: basePort, minimal: basePort + 2 };
  const others = options.ceilings.map((mode) =>
    startCeiling(mode, { url, port: ports[mode], secret, root }, logOf(mode)),
  );
  if (versusEnv) {
    settings['folio-b'] = { ...settings.folio, ...versusEnv, PORT: String(basePort + 3) };
    others.push(
      startFolio('folio-b', basePort + 3, settings['folio-b'], { nodeArgs, root }, logOf('folio-b')),
    );
  }
  return { folio, others, settings };
}

/** The settings as KEY=VALUE, the secret and the database's password left out. */
function describeSettings(settings: Record<string, string>): string {
  return Object.entries(settings)
    .filter(([key]) => key !== 'JWT_SECRET')
    .map(([key, value]) => `${key}=${key === 'DATABASE_URL' ? redactUrl(value) : value}`)
    .join(' ');
}

/** Refuses to measure (or, with --allow-mismatch, to report ratios) when the servers answer differently. */
async function checkEquality(
  scenarios: Scenario[],
  context: ScenarioContext,
  lineup: Lineup,
  options: RunOptions,
): Promise<EqualityReport> {
  const equality = await compareAnswers(scenarios, context, lineup.folio, lineup.others);
  for (const mismatch of equality.mismatches)
    console.error(
      `MISMATCH ${mismatch.scenario} (${mismatch.server}): ${mismatch.request}\n  ${mismatch.difference}`,
    );
  if (equality.mismatches.length === 0) {
    console.log(
      `answers equal: ${equality.checked} read answers, ${equality.shapesChecked} write and mix answers in shape`,
    );
  } else if (!options.allowMismatch) {
    throw new Error(
      'Folio and the other servers answer differently: no ratios (--allow-mismatch measures anyway)',
    );
  }
  return equality;
}

/** Rounds of every scenario on every server; round n starts with the n-th server, so none is always first. */
async function benchmark(
  scenarios: Scenario[],
  context: ScenarioContext,
  servers: Server[],
  options: RunOptions,
  comparable: boolean,
): Promise<ScenarioResult[]> {
  await warmUp(scenarios, context, servers, options);
  const runs = new Map(scenarios.map((scenario) => [scenario.name, new Map<ServerName, RunResult[]>()]));
  for (let round = 0; round < options.rounds; round++) {
    const order = servers.map((_, i) => servers[(i + round) % servers.length]);
    for (const scenario of scenarios) {
      for (const server of order) {
        const run = await measure(server, scenario, context, options.duration, options.connections);
        const byServer = runs.get(scenario.name)!;
        byServer.set(server.name, [...(byServer.get(server.name) ?? []), run]);
        logRun(`round ${round + 1}/${options.rounds}`, scenario, server, run);
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
  servers: Server[],
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

function resultOf(
  scenario: Scenario,
  runs: Map<ServerName, RunResult[]>,
  comparable: boolean,
): ScenarioResult {
  const result: ScenarioResult = {
    name: scenario.name,
    description: scenario.description,
    servers: {},
    ratios: {},
  };
  for (const [name, serverRuns] of runs)
    result.servers[name] = { runs: serverRuns, median: summarise(serverRuns) };
  const folio = result.servers.folio!.median;
  for (const [name, { median }] of Object.entries(result.servers) as [
    ServerName,
    { median: typeof folio },
  ][]) {
    if (name === 'folio') continue;
    result.ratios[name] = {
      reqPerSec: comparable ? ratio(folio.reqPerSec, median.reqPerSec) : null,
      p99: comparable ? ratio(folio.p99, median.p99) : null,
    };
  }
  return result;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
