import type { Server } from './processes';
import { BenchRequest, headersOf, Scenario, ScenarioContext } from './scenarios';

export interface Mismatch {
  scenario: string;
  request: string;
  difference: string;
}

export interface EqualityReport {
  checked: number;
  mismatches: Mismatch[];
}

/** Every read scenario's check requests, sent to both servers: status and JSON (key order aside) must be equal. */
export async function compareAnswers(
  scenarios: Scenario[],
  context: ScenarioContext,
  folio: Server,
  ceiling: Server,
): Promise<EqualityReport> {
  const report: EqualityReport = { checked: 0, mismatches: [] };
  for (const scenario of scenarios) {
    for (const request of scenario.checks?.(context) ?? []) {
      report.checked++;
      const [a, b] = await Promise.all([fetchAnswer(folio, request), fetchAnswer(ceiling, request)]);
      const difference = firstDifference(a, b, '$');
      if (difference)
        report.mismatches.push({ scenario: scenario.name, request: describe(request), difference });
    }
  }
  return report;
}

async function fetchAnswer(server: Server, request: BenchRequest): Promise<unknown> {
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

/** Where two JSON values first differ (object keys compared as sets), or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: ${show(a)} ≠ ${show(b)}`;
    if (a.length !== b.length) return `${path}: ${a.length} items ≠ ${b.length} items`;
    for (let i = 0; i < a.length; i++) {
      const difference = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      if (!(key in a) || !(key in b)) return `${path}.${key}: only in ${key in a ? 'Folio' : 'the ceiling'}`;
      const difference = firstDifference(a[key], b[key], `${path}.${key}`);
      if (difference) return difference;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path}: ${show(a)} (Folio) ≠ ${show(b)} (ceiling)`;
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
