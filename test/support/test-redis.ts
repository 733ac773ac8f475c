import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { PrivateRedis, privateRedisAvailable } from './private-redis';
import { describeIf } from './skip';

/**
 * A Redis for one spec: TEST_REDIS_URL's server when set (under a key prefix of the spec's own, every key removed
 * at close), otherwise a private redis-server on a free port. Tests that kill or freeze Redis use PrivateRedis.
 */
export interface TestRedis {
  /** REDIS_URL and REDIS_KEY_PREFIX for an app under test. */
  env: { REDIS_URL: string; REDIS_KEY_PREFIX: string };
  /** Removes what the spec wrote (or stops the private server). */
  close(): Promise<void>;
}

export const testRedisAvailable = (): boolean => !!process.env.TEST_REDIS_URL || privateRedisAvailable();

export async function openTestRedis(): Promise<TestRedis> {
  const shared = process.env.TEST_REDIS_URL;
  if (!shared) {
    const redis = await PrivateRedis.create();
    return { env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'folio:' }, close: () => redis.stop() };
  }
  const prefix = `${runKeyPrefix(process.env.FOLIO_TEST_RUN ?? 'adhoc')}${randomBytes(4).toString('hex')}:`;
  return {
    env: { REDIS_URL: shared, REDIS_KEY_PREFIX: prefix },
    close: async () => void (await removeKeys(shared, prefix)),
  };
}

/** Every key a test run writes to TEST_REDIS_URL starts with this (run-resources.ts removes them at its end). */
export const runKeyPrefix = (run: string): string => `folio-test-${run}-`;

/** Deletes every key under `prefix`; returns how many there were. */
export async function removeKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  let removed = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) removed += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

/** `describe` when a Redis can be had, otherwise `describe.skip` and one line saying what is needed. */
export function describeWithRedis(name: string, body: () => void): void {
  describeIf(testRedisAvailable(), name, 'TEST_REDIS_URL or redis-server installed', body);
}
