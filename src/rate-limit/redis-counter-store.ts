import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { CounterStore, WindowCount } from './counter-store';

// INCR and start the window on the first hit, atomically; returns the count and the window's remaining ms.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

// DECR only a live window, and never below zero.
const RELEASE_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/**
 * Counters in Redis, so every instance behind a load balancer spends one budget. If Redis does not answer,
 * requests are let through (and the failure logged): rate limiting must not take the API down with it.
 */
export class RedisCounterStore implements CounterStore {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly keyPrefix: string;

  /** `keyPrefix` (REDIS_KEY_PREFIX) starts every key this store writes. */
  constructor(url: string, keyPrefix: string) {
    this.keyPrefix = `${keyPrefix}rl:`;
    this.redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
    });
    this.redis.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    try {
      const [count, msLeft] = (await this.redis.eval(HIT_SCRIPT, 1, this.keyPrefix + key, windowMs)) as [
        number,
        number,
      ];
      return { count, msLeft };
    } catch (error) {
      return this.failOpen(error);
    }
  }

  async release(key: string): Promise<void> {
    await this.redis
      .eval(RELEASE_SCRIPT, 1, this.keyPrefix + key)
      .catch((error: Error) => this.failOpen(error));
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(this.keyPrefix + key).catch((error: Error) => this.failOpen(error));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private failOpen(error: unknown): WindowCount {
    this.logger.warn(`counter unavailable, not limiting: ${(error as Error).message}`);
    return { count: 0, msLeft: 0 };
  }
}
