import { parseArgs } from 'node:util';
import type { SqlMode } from '../ceiling/article-queries';

export interface RunOptions {
  url: string;
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
  scenarios: string[] | undefined;
  build: boolean;
  folioEnv: Record<string, string>;
  /** Node options for Folio's process only, e.g. `--cpu-prof` (Node refuses those in NODE_OPTIONS). */
  folioNodeArgs: string[];
  folioPort: number;
  ceilingPort: number;
  ceilingSql: SqlMode;
  allowMismatch: boolean;
}

export const USAGE = `npm run bench -- --url <DATABASE_URL> [--duration 10] [--connections 32] [--rounds 3]
  [--scenarios tags,list,…] [--warmup 3] [--no-build] [--folio-env KEY=VALUE]… [--folio-node-arg --cpu-prof]… [--ceiling-sql tuned|folio]
  [--folio-port 3401] [--ceiling-port 3400] [--allow-mismatch]`;

export function parseRunOptions(argv: string[], seededUrl: string): RunOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '32' },
      rounds: { type: 'string', default: '3' },
      scenarios: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'folio-env': { type: 'string', multiple: true, default: [] },
      'folio-node-arg': { type: 'string', multiple: true, default: [] },
      'folio-port': { type: 'string', default: '3401' },
      'ceiling-port': { type: 'string', default: '3400' },
      'ceiling-sql': { type: 'string', default: 'tuned' },
      'allow-mismatch': { type: 'boolean', default: false },
    },
  });
  const ceilingSql = values['ceiling-sql'];
  if (ceilingSql !== 'tuned' && ceilingSql !== 'folio')
    throw new Error(`--ceiling-sql is tuned or folio\n${USAGE}`);
  return {
    url: values.url ?? seededUrl,
    duration: positive(values.duration, 'duration'),
    warmup: positive(values.warmup, 'warmup', 0),
    connections: positive(values.connections, 'connections'),
    rounds: positive(values.rounds, 'rounds'),
    scenarios: values.scenarios?.split(',').map((name) => name.trim()),
    build: !values['no-build'],
    folioEnv: Object.fromEntries(values['folio-env'].map(keyValue)),
    folioNodeArgs: values['folio-node-arg'],
    folioPort: positive(values['folio-port'], 'folio-port'),
    ceilingPort: positive(values['ceiling-port'], 'ceiling-port'),
    ceilingSql,
    allowMismatch: values['allow-mismatch'],
  };
}

function positive(value: string, name: string, min = 1): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return number;
}

function keyValue(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at < 1) throw new Error(`--folio-env takes KEY=VALUE, not "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}
