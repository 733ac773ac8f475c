/**
 * Statements an instance sends on its own, whatever its requests: CacheVersionWatcher's read of cache_versions,
 * once a second. Specs that count the statements of a request leave them out.
 */
export const isBackgroundQuery = (sql: string): boolean => /\bcache_versions\b/.test(sql);
