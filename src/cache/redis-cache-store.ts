import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { CacheStore } from './cache-store';

const VERSION_KEY = 'folio:cache:version';
const ENTRY_PREFIX = 'folio:cache:entry:';
const UNAVAILABLE = 'unavailable';

// The version and the entry filed under it, in one round trip.
const LOOKUP_SCRIPT = `
local version = redis.call('GET', KEYS[1]) or '0'
return {version, redis.call('GET', ARGV[1] .. version .. ':' .. ARGV[2])}`;

/**
 * Entries in Redis, shared by every instance, so an invalidation on one instance is seen by all. When Redis does
 * not answer, reads go to the database (and are logged): the cache must never make the API fail. A write made
 * while Redis was away may have missed its invalidation, so every (re)connection starts a new version.
 */
export class RedisCacheStore implements CacheStore {
  private readonly logger = new Logger('Cache');
  private readonly redis: Redis;

  private pendingBump = false;

  constructor(url: string) {
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 });
    this.redis.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
    this.redis.on('ready', () => void this.bump());
  }

  async lookup(key: string): Promise<{ version: string; value?: unknown }> {
    if (this.pendingBump) return { version: UNAVAILABLE };
    try {
      const [version, raw] = (await this.redis.eval(LOOKUP_SCRIPT, 1, VERSION_KEY, ENTRY_PREFIX, key)) as [
        string,
        string | null,
      ];
      return { version, value: raw === null ? undefined : JSON.parse(raw) };
    } catch (error) {
      this.logger.warn(`lookup failed, reading the database: ${(error as Error).message}`);
      return { version: UNAVAILABLE };
    }
  }

  async save(key: string, version: string, value: unknown, ttlMs: number): Promise<void> {
    if (version === UNAVAILABLE) return;
    await this.redis
      .set(`${ENTRY_PREFIX}${version}:${key}`, JSON.stringify(value), 'PX', ttlMs)
      .catch((error: Error) => this.logger.warn(`save failed: ${error.message}`));
  }

  /** Until a failed bump has been made good, this instance reads around the cache. */
  async bump(): Promise<void> {
    try {
      await this.redis.incr(VERSION_KEY);
      this.pendingBump = false;
    } catch (error) {
      this.pendingBump = true;
      this.logger.warn(
        `invalidation failed, bypassing the cache until Redis is back: ${(error as Error).message}`,
      );
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
