import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface Server {
  name: 'folio' | 'ceiling';
  base: string;
  process: ChildProcess;
  log: string;
}

export function buildFolio(): void {
  console.log('building Folio (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error('npm run build failed (pass --no-build to run the existing dist/)');
}

/** Folio as production runs it, one process, on the seeded database (migrations already applied). */
export function startFolio(
  url: string,
  port: number,
  secret: string,
  extra: { env: Record<string, string>; nodeArgs: string[] },
  log: string,
): Server {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    CORS_ORIGINS: 'http://localhost',
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    JWT_SECRET: secret,
    DATABASE_URL: url,
    MIGRATIONS_RUN: 'false',
    PORT: String(port),
    ...extra.env,
  };
  return start('folio', port, [...extra.nodeArgs, join(ROOT, 'dist', 'main.js')], env, log);
}

export function startCeiling(url: string, port: number, secret: string, sql: string, log: string): Server {
  const args = ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench', 'ceiling', 'server.ts')];
  const env = { ...process.env, JWT_SECRET: secret };
  return start('ceiling', port, [...args, '--url', url, '--port', String(port), '--sql', sql], env, log);
}

function start(
  name: Server['name'],
  port: number,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string,
): Server {
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
