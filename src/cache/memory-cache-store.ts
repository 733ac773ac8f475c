import { CacheStore } from './cache-store';

interface Entry {
  version: string;
  value: unknown;
  expiresAt: number;
}

/** Past this many bumped scopes, their versions are forgotten and the whole cache starts a new version instead. */
const SCOPES_MAX = 100_000;

/** In-process entries, least recently used evicted past `maxEntries`. */
export class MemoryCacheStore implements CacheStore {
  private generation = 0;
  /** Each bumped scope's version: a tick of one counter, so no scope ever gets a version twice. */
  private readonly scopeVersions = new Map<string, number>();
  private clock = 0;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number) {}

  async lookup(key: string, scope: string): Promise<{ version: string; value?: unknown }> {
    const version = this.versionOf(scope);
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version || entry.expiresAt <= Date.now()) return { version };
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { version, value: entry.value };
  }

  async save(key: string, scope: string, version: string, value: unknown, ttlMs: number): Promise<void> {
    if (version !== this.versionOf(scope)) return;
    this.entries.delete(key);
    this.entries.set(key, { version, value, expiresAt: Date.now() + ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  async bump(scopes: readonly string[] | 'all'): Promise<void> {
    if (scopes === 'all' || this.scopeVersions.size + scopes.length > SCOPES_MAX) {
      this.generation += 1;
      this.scopeVersions.clear();
      this.entries.clear();
      return;
    }
    for (const scope of scopes) this.scopeVersions.set(scope, ++this.clock);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private versionOf(scope: string): string {
    return `${this.generation}.${this.scopeVersions.get(scope) ?? 0}`;
  }
}
