import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { cacheConfig } from '../config/configuration';
import { CACHE_STORE, type CacheStore } from './cache-store';
import { CacheVersionsRepository } from './cache-versions.repository';

/**
 * Caches responses that are the same for every anonymous caller (tags, article lists, articles, comments), each in
 * a scope. Any write calls invalidate() with the scopes it changed (or everything) before it is acknowledged, so no
 * reader sees a response older than a write that was already answered. Per-caller responses are never cached.
 */
@Injectable()
export class ResponseCache {
  constructor(
    @Inject(CACHE_STORE) private readonly store: CacheStore,
    @Inject(cacheConfig.KEY) private readonly config: ConfigType<typeof cacheConfig>,
    private readonly versions: CacheVersionsRepository,
  ) {}

  async read<T>(key: string, scope: string, load: () => Promise<T>): Promise<T> {
    if (!this.config.enabled) return load();
    const { version, value } = await this.store.lookup(key, scope);
    if (value !== undefined) return value as T;
    const fresh = await load();
    await this.store.save(key, scope, version, fresh, this.config.ttlMs);
    return fresh;
  }

  /** For anonymous callers only: a signed-in caller's response carries per-user fields. */
  readShared<T>(
    viewerId: number | undefined,
    key: string,
    scope: string,
    load: () => Promise<T>,
  ): Promise<T> {
    return viewerId === undefined ? this.read(key, scope, load) : load();
  }

  /** Retires what `scopes` cached; 'all' for a change that shows everywhere (an author's profile). */
  async invalidate(scopes: readonly string[] | 'all'): Promise<void> {
    if (this.config.enabled) await this.store.bump(scopes);
  }

  /**
   * Retires everything, in every instance: for writes whose events other processes never see, such as
   * `npm run seed` beside a running server with the in-memory store. Advances the database's cache version, which
   * every instance polls (CacheVersionWatcher: within CACHE_VERSION_POLL_MS), and retires this instance's at once.
   */
  async invalidateEverywhere(): Promise<void> {
    await this.versions.advance();
    await this.invalidate('all');
  }
}
