import { createTestApp, TestApp } from '../support/test-app';

/** Settings these specs change; cleared before each app, since createTestApp leaves its settings in process.env. */
const OBSERVABILITY_SETTINGS = [
  'LOG_LEVEL',
  'METRICS_ENABLED',
  'METRICS_TOKEN',
  'METRICS_PORT',
  'REDIS_URL',
  'RATE_LIMIT_ENABLED',
  'RATE_LIMIT_READS_PER_MINUTE',
];

export function observedApp(
  env: Record<string, string> = {},
  options: Parameters<typeof createTestApp>[1] = {},
): Promise<TestApp> {
  for (const name of OBSERVABILITY_SETTINGS) delete process.env[name];
  return createTestApp(env, options);
}

/** A pino destination that keeps every line, parsed. */
export class LogCapture {
  readonly raw: string[] = [];
  readonly lines: Record<string, unknown>[] = [];

  write(chunk: string): void {
    this.raw.push(chunk);
    this.lines.push(JSON.parse(chunk) as Record<string, unknown>);
  }

  withRequestId(id: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.reqId === id);
  }
}

/** One sample's value from Prometheus text: `name{labels} value`, the labels matched exactly (in any order). */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (JSON.stringify(sortKeys(found)) === JSON.stringify(sortKeys(labels))) return Number(match[3]);
  }
  return undefined;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
