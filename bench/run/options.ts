import { parseArgs } from 'node:util';
import { SQL_MODES, type SqlMode } from '../ceiling/article-queries';

export interface RunOptions {
  url: string;
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
  scenarios: string[] | undefined;
  build: boolean;
  /** The ceilings Folio is measured against. */
  ceilings: SqlMode[];
  folioEnv: Record<string, string>;
  /** When set, a second Folio ("folio-b") runs in the same rounds with these settings on top of folioEnv. */
  versusEnv: Record<string, string> | null;
  /** The checkout whose Folio (and same-SQL ceiling) runs; another one (a git worktree) measures an older version. */
  folioRoot: string | undefined;
  /** Node options for Folio's process only, e.g. `--cpu-prof` (Node refuses those in NODE_OPTIONS). */
  folioNodeArgs: string[];
  /** The same ceiling listens here, Folio on +1, the minimal ceiling on +2, folio-b on +3. */
  basePort: number;
  allowMismatch: boolean;
}

export const USAGE = `npm run bench -- [options]

Benchmarks Folio against two ceilings on the database seeded last (npm run bench:seed), or on --url.
Folio runs as production runs it: NODE_ENV=production, its default log level, rate limits on (with budgets
the load cannot reach), cache on; each --folio-env overrides one setting.

  --url URL              a database seeded by npm run bench:seed (default: the one seeded last)
  --scenarios a,b,…      tags, list, tag, feed, article, comments, search, search-rare, cursor, login,
                         create, mix (default: all)
  --ceilings a,b         same (Folio's own SQL), minimal (the plainest correct SQL) (default: same,minimal)
  --duration S           seconds per measured run (default 10)
  --rounds N             rounds; each runs every scenario on every server, the order rotated per round (default 3)
  --warmup S             seconds per scenario and server before the first round, 0 skips (default 3)
  --connections N        autocannon connections (default 32)
  --folio-env K=V        Folio's environment, repeatable (e.g. CACHE_ENABLED=false, LOG_LEVEL=warn)
  --versus-env K=V       also run a second Folio (folio-b) with these settings on top, repeatable:
                         an A/B of one setting in the same alternating rounds (e.g. LOG_LEVEL=warn)
  --folio-node-arg ARG   a Node option for Folio's process, repeatable (--cpu-prof, --cpu-prof-dir=…)
  --folio-root DIR       run the Folio and the same-SQL ceiling of another checkout (a git worktree of an older
                         commit, built there) against this checkout's minimal ceiling: before/after in one session
  --base-port P          ports P (same), P+1 (Folio), P+2 (minimal), P+3 (folio-b) (default 3400)
  --no-build             skip npm run build (only when dist/ is current)
  --allow-mismatch       measure even when the answers differ (ratios are then left out)
  --help                 this text`;

export function parseRunOptions(argv: string[]): RunOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '32' },
      rounds: { type: 'string', default: '3' },
      scenarios: { type: 'string' },
      ceilings: { type: 'string', default: SQL_MODES.join(',') },
      'no-build': { type: 'boolean', default: false },
      'folio-env': { type: 'string', multiple: true, default: [] },
      'versus-env': { type: 'string', multiple: true, default: [] },
      'folio-node-arg': { type: 'string', multiple: true, default: [] },
      'base-port': { type: 'string', default: '3400' },
      'folio-root': { type: 'string' },
      'allow-mismatch': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  return {
    url: values.url ?? '',
    duration: positive(values.duration, 'duration'),
    warmup: positive(values.warmup, 'warmup', 0),
    connections: positive(values.connections, 'connections'),
    rounds: positive(values.rounds, 'rounds'),
    scenarios: values.scenarios?.split(',').map((name) => name.trim()),
    build: !values['no-build'],
    ceilings: ceilingsOf(values.ceilings),
    folioEnv: Object.fromEntries(values['folio-env'].map(keyValue)),
    versusEnv:
      values['versus-env'].length > 0 ? Object.fromEntries(values['versus-env'].map(keyValue)) : null,
    folioNodeArgs: values['folio-node-arg'],
    folioRoot: values['folio-root'],
    basePort: positive(values['base-port'], 'base-port'),
    allowMismatch: values['allow-mismatch'],
  };
}

function ceilingsOf(list: string): SqlMode[] {
  const names = list.split(',').map((name) => name.trim());
  for (const name of names)
    if (!SQL_MODES.includes(name as SqlMode)) throw new Error(`--ceilings takes ${SQL_MODES.join(', ')}`);
  return names as SqlMode[];
}

function positive(value: string, name: string, min = 1): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return number;
}

function keyValue(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at < 1) throw new Error(`--folio-env and --versus-env take KEY=VALUE, not "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}
