import type { RunResult } from './measure';

export interface Summary {
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Errors summed over the rounds. */
  errors: number;
  /** The highest peak over the rounds. */
  rssMb: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  folio: { runs: RunResult[]; median: Summary };
  ceiling: { runs: RunResult[]; median: Summary };
  /** Folio's median req/s over the ceiling's (1 = as fast as the raw server). */
  ratio: number | null;
  /** Folio's median p99 over the ceiling's (1 = as fast; above 1 = slower tail). */
  p99Ratio: number | null;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarise(runs: RunResult[]): Summary {
  return {
    reqPerSec: median(runs.map((run) => run.reqPerSec)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    rssMb: Math.max(...runs.map((run) => run.rssMb)),
  };
}

export function ratio(folio: number, ceiling: number): number | null {
  return ceiling > 0 ? Math.round((folio / ceiling) * 100) / 100 : null;
}
