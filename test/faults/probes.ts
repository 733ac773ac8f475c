import { call, CallResult, isSuccess, jsonOf, sleep } from './http';
import { Acknowledged, Client, newArticle } from './load';
import { CLIENT_TIMEOUT_MS, READY_EVERY_MS, RECOVERY_EVERY_MS, RECOVERY_LIMIT_MS } from './settings';

/** GET /api/health/ready, one after another, while a fault lasts: each answer's time is checked against a bound. */
export class ReadinessSampler {
  readonly samples: CallResult[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly base: string) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.samples.push(await call(this.base, 'GET', '/health/ready', { timeoutMs: CLIENT_TIMEOUT_MS }));
      await sleep(READY_EVERY_MS);
    }
  }
}

export interface Recovery {
  /** ms from `since` to the end of the first round in which readiness, a read and a write all succeeded. */
  afterMs?: number;
  /** performance.now() at that moment. */
  at?: number;
  /** What the last failed round saw, when there was no recovery in time. */
  last: string;
}

/**
 * Rounds of readiness + a read + a write (by `client`), from `since` until one round succeeds entirely or
 * RECOVERY_LIMIT_MS has passed. A write acknowledged here must be stored like any other, so it is recorded.
 */
export async function awaitRecovery(
  base: string,
  client: Client,
  since: number,
  acknowledged: Acknowledged,
): Promise<Recovery> {
  let last = 'no round finished';
  while (performance.now() - since < RECOVERY_LIMIT_MS) {
    const options = { timeoutMs: CLIENT_TIMEOUT_MS };
    const [ready, read, write] = await Promise.all([
      call(base, 'GET', '/health/ready', options),
      call(base, 'GET', '/articles?limit=5', options),
      call(base, 'POST', '/articles', { ...options, token: client.token, body: newArticle('probe') }),
    ]);
    const slug = (jsonOf(write) as { article?: { slug?: string } } | undefined)?.article?.slug;
    if (isSuccess(write) && slug) acknowledged.articles.push(slug);
    if (ready.status === 200 && isSuccess(read) && isSuccess(write)) {
      const at = performance.now();
      return { afterMs: at - since, at, last: '' };
    }
    last = `ready ${describe(ready)}, read ${describe(read)}, write ${describe(write)}`;
    await sleep(RECOVERY_EVERY_MS);
  }
  return { last };
}

export function describe(result: CallResult): string {
  return result.outcome === 'answered' ? String(result.status) : `${result.outcome} (${result.error})`;
}
