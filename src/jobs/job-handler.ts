import type { ClaimedJob } from './jobs.repository';

/** Runs one job type. Throwing fails the attempt: the job is retried later, or dies after its last attempt. */
export type JobHandler = (payload: unknown, job: ClaimedJob) => Promise<void>;

/** Thrown by a handler when retrying cannot help (a malformed payload, an address the mail server refuses). */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** A job type that runs on its own every `everyMs`, on one instance each time (see JobRunner.every). */
export interface PeriodicJob {
  type: string;
  everyMs: number;
}

/** The wait before attempt `attempts + 1`: doubling from `baseMs`, capped at `maxMs`, between half and all of it. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
