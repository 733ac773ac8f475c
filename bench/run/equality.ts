import type { Server } from './processes';
import { BenchRequest, headersOf, Scenario, ScenarioContext } from './scenarios';

export interface Mismatch {
  scenario: string;
  server: string;
  request: string;
  difference: string;
}

export interface EqualityReport {
  /** Read requests whose answers must be equal, per server compared with Folio. */
  checked: number;
  /** Write and mixed requests whose answers must have the same shape (keys, types, status). */
  shapesChecked: number;
  mismatches: Mismatch[];
}

interface Answer {
  status: number;
  body: unknown;
}

/**
 * Every scenario's check requests, sent to Folio and to each other server: reads must answer the same status and
 * JSON (key order aside); writes and the mix (checks whose values differ by nature: tokens, slugs, times) the same
 * status and shape.
 */
export async function compareAnswers(
  scenarios: Scenario[],
  context: ScenarioContext,
  folio: Server,
  others: Server[],
): Promise<EqualityReport> {
  const report: EqualityReport = { checked: 0, shapesChecked: 0, mismatches: [] };
  for (const scenario of scenarios) {
    for (const other of others) {
      for (const request of scenario.checks?.(context) ?? []) {
        report.checked++;
        const [a, b] = await Promise.all([fetchAnswer(folio, request), fetchAnswer(other, request)]);
        note(report, scenario, other, request, firstDifference(a, b, '$', other.name));
      }
      for (const request of scenario.shapeChecks?.(context) ?? []) {
        report.shapesChecked++;
        const [a, b] = [await fetchAnswer(folio, request), await fetchAnswer(other, request)];
        note(report, scenario, other, request, firstDifference(shapeOf(a), shapeOf(b), '$', other.name));
      }
    }
  }
  return report;
}

function note(
  report: EqualityReport,
  scenario: Scenario,
  server: Server,
  request: BenchRequest,
  difference: string | null,
): void {
  if (difference)
    report.mismatches.push({
      scenario: scenario.name,
      server: server.name,
      request: describe(request),
      difference,
    });
}

async function fetchAnswer(server: Server, request: BenchRequest): Promise<Answer> {
  const res = await fetch(`${server.base}${request.path}`, {
    method: request.method,
    headers: headersOf(request),
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: res.status, body: text };
  }
}

/** The value with every string, number and boolean replaced by its type's name (null and arrays kept as such). */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item)]));
  if (value === null) return null;
  return typeof value;
}

/** Where two JSON values first differ (object keys compared as sets), or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path: string, other = 'the other'): string | null {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: ${show(a)} ≠ ${show(b)}`;
    if (a.length !== b.length) return `${path}: ${a.length} items ≠ ${b.length} items`;
    for (let i = 0; i < a.length; i++) {
      const difference = firstDifference(a[i], b[i], `${path}[${i}]`, other);
      if (difference) return difference;
    }
    return null;
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      if (!(key in a) || !(key in b)) return `${path}.${key}: only in ${key in a ? 'Folio' : other}`;
      const difference = firstDifference(a[key], b[key], `${path}.${key}`, other);
      if (difference) return difference;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path}: ${show(a)} (Folio) ≠ ${show(b)} (${other})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function describe(request: BenchRequest): string {
  return `${request.method} ${request.path}${request.token ? ' (signed in)' : ''}`;
}
