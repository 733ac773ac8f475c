import { CacheStore } from './cache-store';

interface Entry {
  version: string;
  value: unknown;
  expiresAt: number;
}

/** In-process entries, least recently used evicted past `maxEntries`. */
export class MemoryCacheStore implements CacheStore {
  private version = 0;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number) {}

  async lookup(key: string): Promise<{ version: string; value?: unknown }> {
    const version = String(this.version);
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version || entry.expiresAt <= Date.now()) return { version };
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { version, value: entry.value };
  }

  async save(key: string, version: string, value: unknown, ttlMs: number): Promise<void> {
    if (version !== String(this.version)) return;
    this.entries.delete(key);
    this.entries.set(key, { version, value, expiresAt: Date.now() + ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  async bump(): Promise<void> {
    this.version += 1;
    this.entries.clear();
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
