import type { RunResult } from './measure';
import type { ServerName } from './processes';

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
  /** Every run of each server, in round order, and their medians. */
  servers: Partial<Record<ServerName, { runs: RunResult[]; median: Summary }>>;
  /** Folio's median req/s and p99 over each other server's (null when the answers differed). */
  ratios: Partial<Record<ServerName, { reqPerSec: number | null; p99: number | null }>>;
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

export function ratio(folio: number, other: number): number | null {
  return other > 0 ? Math.round((folio / other) * 100) / 100 : null;
}
