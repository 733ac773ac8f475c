import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { rateLimitConfig } from '../config/configuration';
import { COUNTER_STORE, type CounterStore } from './counter-store';
import { CounterThrottlerStorage } from './counter-throttler-storage';
import { LoginLimiter } from './login-limiter.service';
import { MemoryCounterStore } from './memory-counter-store';
import { RateLimitGuard } from './rate-limit.guard';
import { RedisCounterStore } from './redis-counter-store';

const MINUTE = 60_000;

/** Counters live in memory, or in Redis when REDIS_URL is set so that every instance spends one budget. */
@Global()
@Module({
  providers: [
    {
      provide: COUNTER_STORE,
      inject: [rateLimitConfig.KEY],
      useFactory: (config: ConfigType<typeof rateLimitConfig>): CounterStore =>
        config.redisUrl
          ? new RedisCounterStore(config.redisUrl, config.redisKeyPrefix)
          : new MemoryCounterStore(),
    },
    LoginLimiter,
  ],
  exports: [COUNTER_STORE, LoginLimiter],
})
class CountersModule implements OnApplicationShutdown {
  constructor(@Inject(COUNTER_STORE) private readonly counters: CounterStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.counters.close();
  }
}

@Module({
  imports: [
    CountersModule,
    ThrottlerModule.forRootAsync({
      inject: [rateLimitConfig.KEY, COUNTER_STORE],
      useFactory: (config: ConfigType<typeof rateLimitConfig>, counters: CounterStore) => ({
        throttlers: [
          { name: 'reads', ttl: MINUTE, limit: config.readsPerMinute },
          { name: 'writes', ttl: MINUTE, limit: config.writesPerMinute },
          { name: 'registrations', ttl: 60 * MINUTE, limit: config.registrationsPerHour },
          { name: 'mail', ttl: 60 * MINUTE, limit: config.mailsPerHour },
          { name: 'reports', ttl: 60 * MINUTE, limit: config.reportsPerHour },
        ],
        storage: new CounterThrottlerStorage(counters),
        // One budget per address and bucket, across all routes (the default key is per route).
        generateKey: (_context: unknown, tracker: string, bucket: string) => `${bucket}:${tracker}`,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
  exports: [CountersModule],
})
export class RateLimitModule {}
