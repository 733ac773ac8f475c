// `npm run bench:profile -- FILE.cpuprofile [--top 25]` summarises a V8 CPU profile (from `npm run bench --
// --folio-node-arg=--cpu-prof …`): the share of samples spent in each package (node_modules/<name>, Folio's own
// code, Node's internals, the garbage collector, idle) and the functions with the most self time. The same profile
// opens in Chrome DevTools for the call trees.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function main(): void {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { top: { type: 'string', default: '25' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error('usage: npm run bench:profile -- FILE.cpuprofile [--top 25]');
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile;
  const selfMs = selfTimes(profile);
  const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (ms === 0) continue;
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  console.log(`${(total / 1000).toFixed(1)} s of samples\n\nby package:`);
  print(byPlace, total, 40);
  console.log(`\nfunctions by self time:`);
  print(byFunction, total, Number(values.top));
}

/** Milliseconds of samples whose top frame was each node. */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    times.set(id, (times.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
  );
  return times;
}

function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node internals';
  if (/\/dist\//.test(url)) return 'folio';
  return shortUrl(url);
}

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\//, '')
    .replace(/.*\/dist\//, 'dist/');
}

function print(entries: Map<string, number>, total: number, top: number): void {
  for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
}

main();
