import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { CacheStore } from './cache-store';

const UNAVAILABLE = 'unavailable';
/**
 * How long a scope's version outlives its last bump. Versions come from one counter, so a scope whose key expired
 * and is bumped again never gets an earlier version back; an expired key reads as 0, and every entry filed under a
 * scope's 0 expired (entry TTL) long before.
 */
const SCOPE_TTL_MS = 24 * 60 * 60 * 1000;

// The version (the cache's and the scope's) and the entry filed under it, in one round trip.
const LOOKUP_SCRIPT = `
local version = (redis.call('GET', KEYS[1]) or '0') .. '.' .. (redis.call('GET', KEYS[2]) or '0')
return {version, redis.call('GET', ARGV[1] .. version .. ':' .. ARGV[2])}`;

// Gives every scope in KEYS[2..] the next tick of the clock in KEYS[1].
const BUMP_SCRIPT = `
local tick = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do redis.call('SET', KEYS[i], tick, 'PX', ARGV[1]) end
return tick`;

/**
 * Entries in Redis, shared by every instance, so an invalidation on one instance is seen by all. When Redis does
 * not answer, reads go to the database (and are logged): the cache must never make the API fail. A write made
 * while Redis was away may have missed its invalidation, so every (re)connection starts a new version.
 */
export class RedisCacheStore implements CacheStore {
  private readonly logger = new Logger('Cache');
  private readonly redis: Redis;

  private readonly versionKey: string;
  private readonly clockKey: string;
  private readonly scopePrefix: string;
  private readonly entryPrefix: string;

  private pendingBump = false;

  /** `keyPrefix` (REDIS_KEY_PREFIX) starts every key this store writes. */
  constructor(url: string, keyPrefix: string) {
    this.versionKey = `${keyPrefix}cache:version`;
    this.clockKey = `${keyPrefix}cache:clock`;
    this.scopePrefix = `${keyPrefix}cache:scope:`;
    this.entryPrefix = `${keyPrefix}cache:entry:`;
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 });
    this.redis.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
    this.redis.on('ready', () => void this.bump('all'));
  }

  async lookup(key: string, scope: string): Promise<{ version: string; value?: unknown }> {
    if (this.pendingBump) return { version: UNAVAILABLE };
    try {
      const scopeKey = `${this.scopePrefix}${scope}`;
      const [version, raw] = (await this.redis.eval(
        LOOKUP_SCRIPT,
        2,
        this.versionKey,
        scopeKey,
        this.entryPrefix,
        key,
      )) as [string, string | null];
      return { version, value: raw === null ? undefined : JSON.parse(raw) };
    } catch (error) {
      this.logger.warn(`lookup failed, reading the database: ${(error as Error).message}`);
      return { version: UNAVAILABLE };
    }
  }

  async save(key: string, _scope: string, version: string, value: unknown, ttlMs: number): Promise<void> {
    if (version === UNAVAILABLE) return;
    await this.redis
      .set(`${this.entryPrefix}${version}:${key}`, JSON.stringify(value), 'PX', ttlMs)
      .catch((error: Error) => this.logger.warn(`save failed: ${error.message}`));
  }

  /**
   * Until a failed bump has been made good (by a bump of everything), this instance reads around the cache. An entry
   * saved under an outdated version is harmless: lookups only ever ask for the current one.
   */
  async bump(scopes: readonly string[] | 'all'): Promise<void> {
    try {
      if (scopes === 'all' || this.pendingBump) {
        await this.redis.incr(this.versionKey);
      } else {
        const keys = [this.clockKey, ...scopes.map((scope) => `${this.scopePrefix}${scope}`)];
        await this.redis.eval(BUMP_SCRIPT, keys.length, ...keys, SCOPE_TTL_MS);
      }
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
