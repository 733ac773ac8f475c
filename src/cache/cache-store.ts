/**
 * Entries are filed under the store's current version; bumping the version retires every entry at once.
 * A reader takes the version before it reads the database and files its result under that version, so a result
 * read before a write can never be served after the write's bump.
 */
export interface CacheStore {
  lookup(key: string): Promise<{ version: string; value?: unknown }>;
  save(key: string, version: string, value: unknown, ttlMs: number): Promise<void>;
  bump(): Promise<void>;
  close(): Promise<void>;
}

export const CACHE_STORE = Symbol('CACHE_STORE');
