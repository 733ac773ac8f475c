import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlMode } from '../ceiling/article-queries';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** folio and folio-b are Folio; same and minimal the ceilings (see bench/ceiling/article-queries.ts). */
export type ServerName = 'folio' | 'folio-b' | 'same' | 'minimal';

export interface Server {
  name: ServerName;
  base: string;
  process: ChildProcess;
  log: string;
}

export function buildFolio(root = ROOT): void {
  console.log(`building Folio in ${root} (npm run build)…`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error('npm run build failed (pass --no-build to run the existing dist/)');
}

/** Far above what the load can send: the rate limiter runs, as in production, but never answers 429. */
const UNREACHABLE_BUDGET = String(1_000_000_000);

/**
 * Folio's settings in the bench before --folio-env: production's (its default log level, rate limits on, cache
 * on), on the seeded database (migrations already applied), with the secret the ceilings share.
 */
export function folioSettings(url: string, port: number, secret: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    CORS_ORIGINS: 'http://localhost',
    RATE_LIMIT_READS_PER_MINUTE: UNREACHABLE_BUDGET,
    RATE_LIMIT_WRITES_PER_MINUTE: UNREACHABLE_BUDGET,
    // Sign-in attempts are counted before the password is checked: 32 at once would pass the default 10.
    RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: UNREACHABLE_BUDGET,
    RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: UNREACHABLE_BUDGET,
    JWT_SECRET: secret,
    DATABASE_URL: url,
    MIGRATIONS_RUN: 'false',
    PORT: String(port),
  };
}

/** One Folio process running `root`'s dist/main.js with `settings` (see folioSettings). */
export function startFolio(
  name: 'folio' | 'folio-b',
  port: number,
  settings: Record<string, string>,
  { nodeArgs, root = ROOT }: { nodeArgs: string[]; root?: string },
  log: string,
): Server {
  const env = { ...process.env, ...settings };
  return start(name, port, [...nodeArgs, join(root, 'dist', 'main.js')], env, log);
}

/**
 * A ceiling server. The same-SQL one comes from Folio's checkout (`root`: another one sends that version's SQL,
 * its default mode); the minimal one always from this checkout.
 */
export function startCeiling(
  mode: SqlMode,
  { url, port, secret, root = ROOT }: { url: string; port: number; secret: string; root?: string },
  log: string,
): Server {
  const server = join(mode === 'same' ? root : ROOT, 'bench', 'ceiling', 'server.ts');
  const args = ['-r', 'ts-node/register/transpile-only', server, '--url', url, '--port', String(port)];
  const env = { ...process.env, JWT_SECRET: secret };
  return start(mode, port, mode === 'same' ? args : [...args, '--sql', mode], env, log);
}

function start(name: ServerName, port: number, args: string[], env: NodeJS.ProcessEnv, log: string): Server {
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', out, out] });
  return { name, base: `http://127.0.0.1:${port}`, process: child, log };
}

/** Polls /api/health until it answers 200; fails early when the process exits. */
export async function waitUntilReady(server: Server): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) throw new Error(`${server.name} exited: ${tail(server.log)}`);
    const ok = await fetch(`${server.base}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${server.name} did not become ready in ${READY_TIMEOUT_MS / 1000} s: ${tail(server.log)}`);
}

export async function stopServer(server: Server): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.process.once('exit', () => resolve()));
  server.process.kill('SIGTERM');
  const timer = setTimeout(() => server.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Resident memory of a process, in MB (0 once it is gone). */
export function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(log: string): string {
  try {
    return readFileSync(log, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}
