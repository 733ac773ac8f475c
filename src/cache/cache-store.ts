/**
 * Every entry belongs to a scope (what a write can change together, e.g. one article and its comments) and is filed
 * under the version of the whole cache and of its scope. A write retires the scopes it changed by bumping them, or
 * everything at once. A reader takes the version before it reads the database and files its result under that
 * version, so a result read before a write can never be served after the write's bump.
 */
export interface CacheStore {
  lookup(key: string, scope: string): Promise<{ version: string; value?: unknown }>;
  save(key: string, scope: string, version: string, value: unknown, ttlMs: number): Promise<void>;
  /** Retires the entries of `scopes`, or of every scope. */
  bump(scopes: readonly string[] | 'all'): Promise<void>;
  close(): Promise<void>;
}

export const CACHE_STORE = Symbol('CACHE_STORE');
