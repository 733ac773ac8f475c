import { CallResult, errorAnswerProblem, isSuccess } from './http';
import type { Sample } from './load';
import type { Recovery } from './probes';
import { CLIENT_TIMEOUT_MS, READY_LIMIT_MS, RECOVERY_LIMIT_MS, WAIT_LIMIT_MS } from './settings';
import type { StoredWrites } from './verify';

/** One pass/fail line of the report; `examples` show the offending requests when it failed. */
export interface Check {
  name: string;
  passed: boolean;
  detail: string;
  examples: string[];
}

const EXAMPLES = 3;

type Labelled = CallResult & { op?: string };

/** One request, for a report: what, how it ended, how long it took, when it was sent relative to the fault. */
export function describeSample(sample: Labelled, origin: number): string {
  const sent = (sample.startedAt - origin) / 1000;
  const when = `sent at fault${sent >= 0 ? '+' : ''}${sent.toFixed(1)} s`;
  const how = sample.outcome === 'answered' ? String(sample.status) : `${sample.outcome} (${sample.error})`;
  const body = sample.text ? `: ${sample.text.replace(/\s+/g, ' ').slice(0, 160)}` : '';
  const retryAfter = sample.headers?.get('retry-after');
  const header = retryAfter ? ` [Retry-After ${retryAfter}]` : '';
  return `${sample.op ?? 'GET /health/ready'} → ${how} after ${Math.round(sample.ms)} ms, ${when}${header}${body}`;
}

function check(name: string, offending: Labelled[], origin: number, detail: string): Check {
  return {
    name,
    passed: offending.length === 0,
    detail,
    examples: offending.slice(0, EXAMPLES).map((sample) => describeSample(sample, origin)),
  };
}

export function waitCheck(samples: Sample[], origin: number): Check {
  const longest = Math.max(0, ...samples.map((sample) => sample.ms));
  const offending = samples.filter((sample) => sample.outcome === 'hung' || sample.ms > WAIT_LIMIT_MS);
  const hung = samples.filter((sample) => sample.outcome === 'hung').length;
  return check(
    `no request waited longer than the deadline + 1 s (${WAIT_LIMIT_MS} ms)`,
    offending,
    origin,
    `longest ${Math.round(longest)} ms, ${offending.length} over, ${hung} unanswered after ${CLIENT_TIMEOUT_MS} ms`,
  );
}

export function errorShapeCheck(samples: Sample[], origin: number): Check {
  const errors = samples.filter((sample) => sample.outcome === 'answered' && !isSuccess(sample));
  const offending = errors.filter((sample) => errorAnswerProblem(sample) !== undefined);
  return check(
    'every error answer is {"errors": {"<field>": ["<message>"]}} (503 with Retry-After)',
    offending,
    origin,
    `${errors.length} error answers, ${offending.length} malformed` +
      (offending.length ? ` (${errorAnswerProblem(offending[0])})` : ''),
  );
}

/** Resets (and other transport errors) never pass; a refused connection passes only from `refusedFrom` on. */
export function transportCheck(samples: Sample[], origin: number, refusedFrom = Infinity): Check {
  const resets = samples.filter((sample) => sample.outcome === 'reset' || sample.outcome === 'failed');
  const refused = samples.filter((sample) => sample.outcome === 'refused');
  const early = refused.filter((sample) => sample.startedAt < refusedFrom);
  const name = Number.isFinite(refusedFrom)
    ? 'no connection reset (refused only once Folio was stopping)'
    : 'no connection reset or refused';
  return check(
    name,
    [...resets, ...early],
    origin,
    `${resets.length} reset, ${refused.length} refused` +
      (Number.isFinite(refusedFrom) ? ` (${early.length} before SIGTERM)` : ''),
  );
}

export function storedCheck(writes: StoredWrites[]): Check {
  const missing = writes.flatMap((w) =>
    w.missing.map((identity) => `${w.kind}: ${identity} not in the database`),
  );
  return {
    name: 'every acknowledged write is stored (looked up in the database)',
    passed: missing.length === 0,
    detail: writes.map((w) => `${w.kind} ${w.stored}/${w.acknowledged}`).join(', '),
    examples: missing.slice(0, EXAMPLES),
  };
}

export function readinessCheck(samples: CallResult[], origin: number, refusedFrom = Infinity): Check {
  const offending = samples.filter(
    (sample) =>
      !(sample.outcome === 'refused' && sample.startedAt >= refusedFrom) &&
      (sample.outcome !== 'answered' || sample.ms > READY_LIMIT_MS),
  );
  const longest = Math.max(0, ...samples.map((sample) => sample.ms));
  const statuses = countBy(samples.map((s) => (s.outcome === 'answered' ? String(s.status) : s.outcome)));
  const result = check(
    `/api/health/ready answered within ${READY_LIMIT_MS} ms throughout the fault`,
    offending,
    origin,
    `${samples.length} samples (${statuses || 'none'}), longest ${Math.round(longest)} ms`,
  );
  return samples.length === 0 ? { ...result, passed: false } : result;
}

export function recoveryCheck(recovery: Recovery, what: string): Check {
  const passed = recovery.afterMs !== undefined && recovery.afterMs <= RECOVERY_LIMIT_MS;
  return {
    name: `${what} within ${RECOVERY_LIMIT_MS / 1000} s: ready 200, a read and a write succeed`,
    passed,
    detail: passed
      ? `after ${((recovery.afterMs ?? 0) / 1000).toFixed(1)} s`
      : `not within ${RECOVERY_LIMIT_MS} ms; last round: ${recovery.last}`,
    examples: [],
  };
}

/** Before the fault the load must run clean; otherwise what the fault changed could not be told apart. */
export function baselineCheck(samples: Sample[], faultAt: number): Check {
  const before = samples.filter((sample) => sample.startedAt + sample.ms < faultAt);
  return allSucceeded('every request that ended before the fault succeeded', before, faultAt);
}

/** Once recovered, the service stays up: every request of the load sent after that moment succeeds. */
export function steadyCheck(samples: Sample[], recovery: Recovery, origin: number): Check {
  const after =
    recovery.at === undefined ? [] : samples.filter((sample) => sample.startedAt >= (recovery.at ?? 0));
  return allSucceeded('after recovery every request of the load succeeds', after, origin);
}

/** Passes when every one of `samples` succeeded, and there was at least one (none sent proves nothing). */
function allSucceeded(name: string, samples: Sample[], origin: number): Check {
  const offending = samples.filter((sample) => !isSuccess(sample));
  const result = check(
    name,
    offending,
    origin,
    `${samples.length - offending.length}/${samples.length} succeeded`,
  );
  return samples.length === 0 ? { ...result, passed: false } : result;
}

export function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, count]) => `${value}:${count}`)
    .join(' ');
}
