import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { EqualityReport } from './equality';
import type { RunOptions } from './options';
import type { ScenarioResult, Summary } from './stats';

export const RESULTS_DIR = join(__dirname, '..', 'results');

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  engine: string;
  url: string;
  seed: { seededAt: string; counts: Record<string, number> };
  options: Omit<RunOptions, 'url'>;
  machine: { cpus: number; cpuModel: string; memoryMb: number; node: string };
  equality: EqualityReport;
  /** False when the answers differed (--allow-mismatch): the ratios are then left out. */
  comparable: boolean;
  scenarios: ScenarioResult[];
}

export function machine(): BenchReport['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
  };
}

export function writeReport(report: BenchReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const path = join(RESULTS_DIR, `${stamp}-${report.engine}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

const HEADER = [
  'scenario',
  'Folio req/s',
  'p50',
  'p99',
  'err',
  'RSS MB',
  'ceiling req/s',
  'p50',
  'p99',
  'err',
  'req/s ratio',
  'p99 ratio',
];

/** Medians over the rounds; latencies in ms; ratios are Folio ÷ ceiling. */
export function printTable(results: ScenarioResult[]): void {
  const rows = results.map((result) => [
    result.name,
    ...columns(result.folio.median, true),
    ...columns(result.ceiling.median, false),
    result.ratio === null ? '–' : result.ratio.toFixed(2),
    result.p99Ratio === null ? '–' : result.p99Ratio.toFixed(2),
  ]);
  const widths = HEADER.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(HEADER));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

function columns(summary: Summary, withRss: boolean): string[] {
  const cells = [
    summary.reqPerSec.toFixed(0),
    String(summary.p50),
    String(summary.p99),
    String(summary.errors),
  ];
  return withRss ? [...cells, String(summary.rssMb)] : cells;
}
