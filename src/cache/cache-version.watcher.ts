import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { cacheConfig } from '../config/configuration';
import { CACHE_STORE, type CacheStore } from './cache-store';
import { CacheVersionsRepository } from './cache-versions.repository';

/**
 * How often each instance reads the database's cache version: the longest a write announced through it (by
 * ResponseCache.invalidateEverywhere) stays hidden behind a cached answer. One indexed single-row read per second
 * per instance, off the request path: cached reads themselves never query the database.
 */
export const CACHE_VERSION_POLL_MS = 1000;

/**
 * Retires this instance's whole response cache when the database's cache version moves (see CacheVersion). Every
 * instance polls, so the job runner (one claimant per job) does not fit; each poll is scheduled when the previous one
 * has finished, so a slow database never piles them up.
 */
@Injectable()
export class CacheVersionWatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Cache');
  private timer: NodeJS.Timeout | undefined;
  private seen: number | undefined;
  private failing = false;
  private stopped = false;

  constructor(
    private readonly versions: CacheVersionsRepository,
    @Inject(CACHE_STORE) private readonly store: CacheStore,
    @Inject(cacheConfig.KEY) private readonly config: ConfigType<typeof cacheConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.enabled) return;
    await this.check();
    this.schedule();
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Reads the version; retires everything when it moved since the last read (the first read only takes note). */
  async check(): Promise<void> {
    let version: number;
    try {
      version = await this.versions.current();
    } catch (error) {
      if (!this.failing && !this.stopped)
        this.logger.warn(`cache version unreadable, retrying each second: ${(error as Error).message}`);
      this.failing = true;
      return;
    }
    if (this.stopped) return;
    if (this.failing) this.logger.log('cache version readable again');
    this.failing = false;
    if (this.seen !== undefined && version !== this.seen) await this.store.bump('all');
    this.seen = version;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check().finally(() => this.schedule()), CACHE_VERSION_POLL_MS);
    this.timer.unref();
  }
}
