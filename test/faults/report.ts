import { Check, countBy } from './checks';
import type { Sample } from './load';
import type { StoredWrites } from './verify';

/** Requests sent in [from, to) (performance.now() times) make one row of the table. */
export interface Phase {
  label: string;
  from: number;
  to: number;
}

export interface ScenarioReport {
  title: string;
  phases: Phase[];
  samples: Sample[];
  writes: StoredWrites[];
  notes: string[];
  checks: Check[];
}

// Rows group requests by when they were sent; one sent just before a fault may still have met it.
const COLUMNS = [
  'sent',
  'requests',
  'answers by status',
  'p99 ms',
  'longest ms',
  'resets',
  'refused',
  'hung',
];

export function printReport(report: ScenarioReport): void {
  const rows = [
    ...report.phases.map((phase) =>
      row(
        phase.label,
        report.samples.filter((s) => s.startedAt >= phase.from && s.startedAt < phase.to),
      ),
    ),
    row('all', report.samples),
  ];
  const lines = [`\n── ${report.title}`, ...table([COLUMNS, ...rows])];
  if (report.writes.length > 0)
    lines.push(
      `  writes acknowledged/stored: ${report.writes.map((w) => `${w.kind} ${w.acknowledged}/${w.stored}`).join(', ')}`,
    );
  lines.push(...report.notes.map((note) => `  ${note}`));
  for (const c of report.checks) {
    lines.push(`  ${c.passed ? 'PASS' : 'FAIL'}  ${c.name} — ${c.detail}`);
    if (!c.passed) lines.push(...c.examples.map((example) => `          e.g. ${example}`));
  }
  console.log(lines.join('\n'));
}

function row(label: string, samples: Sample[]): string[] {
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const p99 = times.length ? times[Math.max(0, Math.ceil(times.length * 0.99) - 1)] : 0;
  const count = (outcome: Sample['outcome'] | 'failed'): number =>
    samples.filter((s) => s.outcome === outcome).length;
  const answered = samples.filter((s) => s.outcome === 'answered').map((s) => String(s.status));
  return [
    label,
    String(samples.length),
    countBy(answered) || '-',
    String(Math.round(p99)),
    String(Math.round(times[times.length - 1] ?? 0)),
    String(count('reset') + count('failed')),
    String(count('refused')),
    String(count('hung')),
  ];
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((r) => r[column].length)));
  return rows.map(
    (r) =>
      '  ' +
      r
        .map((cell, column) =>
          column === 0 || column === 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
        )
        .join('  '),
  );
}
