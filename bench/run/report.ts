import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { EqualityReport } from './equality';
import type { RunOptions } from './options';
import type { ServerName } from './processes';
import type { ScenarioResult, Summary } from './stats';

export const RESULTS_DIR = join(__dirname, '..', 'results');

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  engine: string;
  url: string;
  seed: { seededAt: string; counts: Record<string, number> };
  options: Omit<RunOptions, 'url'>;
  /** Folio's environment as the bench set it (the secret left out), and folio-b's when there was one. */
  settings: { folio: Record<string, string>; 'folio-b'?: Record<string, string> };
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

/** Medians over the rounds; latencies in ms; ratios are Folio ÷ the other server. */
export function printTable(results: ScenarioResult[], others: ServerName[]): void {
  const header = [
    'scenario',
    'Folio req/s',
    'p50',
    'p99',
    'err',
    'RSS MB',
    ...others.flatMap((name) => [`${name} req/s`, 'p50', 'p99', 'err']),
    ...others.flatMap((name) => [`÷ ${name}`, 'p99 ÷']),
  ];
  const rows = results.map((result) => [
    result.name,
    ...columns(result.servers.folio!.median, true),
    ...others.flatMap((name) => columns(result.servers[name]!.median, false)),
    ...others.flatMap((name) => [fixed(result.ratios[name]?.reqPerSec), fixed(result.ratios[name]?.p99)]),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

function fixed(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(2);
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
