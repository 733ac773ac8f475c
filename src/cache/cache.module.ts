import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { cacheConfig } from '../config/configuration';
import { CACHE_STORE, type CacheStore } from './cache-store';
import { CacheVersionWatcher } from './cache-version.watcher';
import { CacheVersionsRepository } from './cache-versions.repository';
import { MemoryCacheStore } from './memory-cache-store';
import { RedisCacheStore } from './redis-cache-store';
import { ResponseCache } from './response-cache.service';

/**
 * In-process by default; in Redis when REDIS_URL is set, so that every instance sees every invalidation. Writes made
 * elsewhere (the demo seed) reach every instance, with either store, through the database's cache version.
 */
@Global()
@Module({
  providers: [
    {
      provide: CACHE_STORE,
      inject: [cacheConfig.KEY],
      useFactory: (config: ConfigType<typeof cacheConfig>): CacheStore =>
        config.redisUrl
          ? new RedisCacheStore(config.redisUrl, config.redisKeyPrefix)
          : new MemoryCacheStore(config.maxEntries),
    },
    ResponseCache,
    CacheVersionsRepository,
    CacheVersionWatcher,
  ],
  exports: [ResponseCache],
})
export class CacheModule implements OnApplicationShutdown {
  constructor(@Inject(CACHE_STORE) private readonly store: CacheStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
