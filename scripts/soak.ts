/**
 * Soak test: starts the built server (dist/main.js) on a fresh database, seeds a little data, drives mixed traffic
 * (≈85 % reads, 15 % writes) for SOAK_SECONDS (default 60) at SOAK_CONNECTIONS (default 64) connections, and
 * reports requests, errors and the server's RSS over time. Exits 1 on errors or when memory keeps growing.
 *
 *   npm run soak                          # SQLite in a temp dir
 *   SOAK_DATABASE_URL=mariadb://root@127.0.0.1:3306/folio_soak npm run soak
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 64);
const PORT = Number(process.env.SOAK_PORT ?? 3390);
const BASE = `http://127.0.0.1:${PORT}/api`;
/** RSS may rise while caches and pools warm up; after that, growth beyond this factor counts as a leak. */
const MAX_GROWTH_AFTER_WARMUP = 1.25;

interface Seed {
  tokens: string[];
  slugs: string[];
  usernames: string[];
}

async function main(): Promise<void> {
  const databaseUrl =
    process.env.SOAK_DATABASE_URL ??
    `sqlite:${join(mkdtempSync(join(tmpdir(), 'folio-soak-')), 'soak.sqlite')}`;
  const server = startServer(databaseUrl);
  try {
    await waitForHealth();
    const seed = await seedData();
    const samples: { at: number; rssMb: number }[] = [];
    const sampler = setInterval(() => samples.push({ at: Date.now(), rssMb: rssMb(server) }), 2_000);
    samples.push({ at: Date.now(), rssMb: rssMb(server) });
    const result = await drive(seed);
    clearInterval(sampler);
    samples.push({ at: Date.now(), rssMb: rssMb(server) });
    process.exitCode = report(result, samples) ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
  }
}

function startServer(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, [join(__dirname, '..', 'dist', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      CORS_ORIGINS: 'http://localhost',
      JWT_SECRET: `soak-${Date.now()}-secret-0123456789abcdef0123`,
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      LOG_LEVEL: 'error',
      RATE_LIMIT_ENABLED: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${BASE}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not become healthy (did you run `npm run build`?)');
}

async function api<T>(path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

async function seedData(): Promise<Seed> {
  const seed: Seed = { tokens: [], slugs: [], usernames: [] };
  const run = Date.now().toString(36);
  for (let u = 0; u < 20; u++) {
    const username = `soak_${run}_${u}`;
    const { user } = await api<{ user: { token: string } }>('/users', {
      user: { username, email: `${username}@example.com`, password: 'password123' },
    });
    seed.tokens.push(user.token);
    seed.usernames.push(username);
  }
  for (let a = 0; a < 60; a++) {
    const token = seed.tokens[a % seed.tokens.length];
    const body = `# Part ${a}\n\n${'Lorem ipsum dolor sit amet. '.repeat(70)}`;
    const { article } = await api<{ article: { slug: string } }>(
      '/articles',
      { article: { title: `Soak ${run} ${a}`, description: 'soak', body, tagList: [`t${a % 7}`, 'soak'] } },
      token,
    );
    seed.slugs.push(article.slug);
  }
  for (let u = 1; u < seed.usernames.length; u++)
    await api(`/profiles/${seed.usernames[u]}/follow`, {}, seed.tokens[0]);
  return seed;
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

function drive(seed: Seed): Promise<autocannon.Result> {
  const scenarios: Array<() => { method: string; path: string; body?: string; token?: string }> = [
    ...Array.from({ length: 5 }, () => () => ({ method: 'GET', path: '/api/articles?limit=20' })),
    () => ({ method: 'GET', path: `/api/articles?tag=t${Math.floor(Math.random() * 7)}&limit=20` }),
    () => ({ method: 'GET', path: `/api/articles/${pick(seed.slugs)}` }),
    () => ({ method: 'GET', path: `/api/articles/${pick(seed.slugs)}/comments` }),
    () => ({ method: 'GET', path: '/api/tags' }),
    () => ({ method: 'GET', path: '/api/articles/feed?limit=20', token: seed.tokens[0] }),
    () => ({ method: 'GET', path: `/api/profiles/${pick(seed.usernames)}`, token: pick(seed.tokens) }),
    () => ({
      method: 'POST',
      path: `/api/articles/${pick(seed.slugs)}/comments`,
      body: JSON.stringify({ comment: { body: 'soak comment' } }),
      token: pick(seed.tokens),
    }),
    () => ({ method: 'POST', path: `/api/articles/${pick(seed.slugs)}/favorite`, token: pick(seed.tokens) }),
    () => ({
      method: 'DELETE',
      path: `/api/articles/${pick(seed.slugs)}/favorite`,
      token: pick(seed.tokens),
    }),
  ];
  return autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (request) => {
          const { method, path, body, token } = pick(scenarios)();
          return {
            ...request,
            method: method as autocannon.Request['method'],
            path,
            body,
            headers: {
              'content-type': 'application/json',
              ...(token ? { authorization: `Token ${token}` } : {}),
            },
          };
        },
      },
    ],
  });
}

function rssMb(server: ChildProcess): number {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function report(result: autocannon.Result, samples: { at: number; rssMb: number }[]): boolean {
  const errors = result.errors + result.timeouts + result.non2xx;
  const afterWarmup = samples[Math.min(samples.length - 1, Math.ceil(samples.length / 4))];
  const end = samples[samples.length - 1];
  const peak = Math.max(...samples.map((s) => s.rssMb));
  const growing = end.rssMb > afterWarmup.rssMb * MAX_GROWTH_AFTER_WARMUP;
  console.log(`soak: ${SECONDS} s at ${CONNECTIONS} connections`);
  console.log(
    `requests: ${result.requests.total} (${Math.round(result.requests.average)} req/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
  );
  console.log(
    `errors: ${errors} (socket errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
  );
  console.log(`status codes: ${JSON.stringify(result.statusCodeStats ?? {})}`);
  console.log(
    `server RSS: start ${samples[0].rssMb} MB → after warm-up ${afterWarmup.rssMb} MB → end ${end.rssMb} MB (peak ${peak} MB)`,
  );
  console.log(`RSS samples (MB): ${samples.map((s) => s.rssMb).join(' ')}`);
  console.log(growing ? 'memory: still growing after warm-up' : 'memory: flat after warm-up');
  return errors === 0 && !growing;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
