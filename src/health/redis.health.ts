import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import Redis from 'ioredis';
import { healthConfig } from '../config/configuration';
import { PROBE_TIMEOUT_MS } from './probe-timeout';

/**
 * Pings the Redis server of REDIS_URL over a connection of its own, so that readiness reflects Redis itself and
 * not the state of the rate limiter's or the cache's client.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client?: Redis;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(healthConfig.KEY) config: ConfigType<typeof healthConfig>,
  ) {
    if (!config.redisUrl) return;
    this.client = new Redis(config.redisUrl, {
      connectTimeout: PROBE_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
    });
    // Each failed probe reports the error; the rate limiter and the cache already log Redis outages.
    this.client.on('error', () => undefined);
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  pingCheck<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const client = this.client;
    return Promise.resolve(
      this.indicators
        .check(key)
        .attempt(async () => {
          if (!client) throw new Error('REDIS_URL is not set');
          await client.ping();
        })
        .withTimeout(PROBE_TIMEOUT_MS),
    );
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}
