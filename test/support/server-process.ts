import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, waitFor } from './wait';

/** src/main.ts running in a process of its own, its standard output and error kept together. */
export interface MainProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export interface ServerProcess extends MainProcess {
  url: string;
}

/**
 * Runs src/main.ts (as `npm start` would, through ts-node instead of a build), configured by `env` over defaults
 * for tests (NODE_ENV=test, LOG_LEVEL=warn, no rate limits).
 */
export function spawnMain(env: Record<string, string>): MainProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', '..', 'src', 'main.ts')],
    {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', RATE_LIMIT_ENABLED: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** spawnMain on a free port, once it answers GET /api/health. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const main = spawnMain({ ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (main.child.exitCode !== null) throw new Error(`server exited early:\n${main.output()}`);
      return fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
    },
    60_000,
    'the server process to answer',
  );
  return { ...main, url };
}

/** Stops a server process (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits for it to exit. */
export async function stopServerProcess(
  server: MainProcess | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill(signal);
  await server.exited;
}
