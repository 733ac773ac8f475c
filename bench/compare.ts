// `npm run bench:compare -- --before A.json [B.json …] --after C.json [D.json …] [--against minimal|same|folio-b]` compares two versions of Folio
// from the runner's result files (bench/results/*.json). On a shared machine the throughput of one round can swing
// by 2x; Folio and the other server (the minimal ceiling unless --against says otherwise) run back to back within a
// round, so their ratio in that round is far steadier than either number. For each scenario it prints the median of the per-round ratios over every round of every file,
// with the lowest and highest, and the change from before to after.
import { readFileSync } from 'node:fs';
import { median } from './run/stats';

interface ResultFile {
  scenarios: {
    name: string;
    servers: Record<string, { runs: { reqPerSec: number }[] } | undefined>;
  }[];
}

function filesAfter(flag: string, argv: string[]): string[] {
  const start = argv.indexOf(flag);
  if (start < 0) return [];
  const files: string[] = [];
  for (const arg of argv.slice(start + 1)) {
    if (arg.startsWith('--')) break;
    files.push(arg);
  }
  return files;
}

/** Scenario → every round's Folio ÷ the other server, over all files. */
function roundRatios(files: string[], against: string): Map<string, number[]> {
  const ratios = new Map<string, number[]>();
  for (const file of files) {
    const result = JSON.parse(readFileSync(file, 'utf8')) as ResultFile;
    for (const scenario of result.scenarios) {
      const [folio, other] = [scenario.servers.folio, scenario.servers[against]];
      if (!folio || !other) continue;
      const rounds = folio.runs.map((run, i) => run.reqPerSec / other.runs[i].reqPerSec);
      ratios.set(scenario.name, [...(ratios.get(scenario.name) ?? []), ...rounds]);
    }
  }
  return ratios;
}

const describe = (values: number[] | undefined): string =>
  values?.length
    ? `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}, n=${values.length})`
    : '–';

function main(): void {
  const argv = process.argv.slice(2);
  const against = argv.includes('--against') ? argv[argv.indexOf('--against') + 1] : 'minimal';
  const before = roundRatios(filesAfter('--before', argv), against);
  const after = roundRatios(filesAfter('--after', argv), against);
  if (before.size === 0 || after.size === 0) {
    console.error(
      'usage: npm run bench:compare -- --before A.json [...] --after B.json [...] [--against minimal|same|folio-b]',
    );
    process.exit(2);
  }
  const rows = [['scenario', 'before: median ratio (range, rounds)', 'after', 'change']];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const [b, a] = [before.get(name), after.get(name)];
    const change = b?.length && a?.length ? (median(a) - median(b)).toFixed(2) : '–';
    rows.push([name, describe(b), describe(a), change.startsWith('-') ? change : `+${change}`]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
}

main();
