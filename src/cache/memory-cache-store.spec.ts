import { MemoryCacheStore } from './memory-cache-store';

const TTL = 60_000;

async function cache(store: MemoryCacheStore, key: string, scope: string, value: unknown): Promise<void> {
  const { version } = await store.lookup(key, scope);
  await store.save(key, scope, version, value, TTL);
}

describe('MemoryCacheStore', () => {
  it("should retire a bumped scope's entries and keep the others", async () => {
    const store = new MemoryCacheStore(100);
    await cache(store, 'article:a', 'article:a', 'A');
    await cache(store, 'article:b', 'article:b', 'B');
    await store.bump(['article:a']);
    expect((await store.lookup('article:a', 'article:a')).value).toBeUndefined();
    expect((await store.lookup('article:b', 'article:b')).value).toBe('B');
  });

  it('should retire everything on a bump of all scopes', async () => {
    const store = new MemoryCacheStore(100);
    await cache(store, 'tags', 'lists', ['x']);
    await cache(store, 'article:b', 'article:b', 'B');
    await store.bump('all');
    expect((await store.lookup('tags', 'lists')).value).toBeUndefined();
    expect((await store.lookup('article:b', 'article:b')).value).toBeUndefined();
  });

  it('should not file a result read before a bump of its scope', async () => {
    const store = new MemoryCacheStore(100);
    const { version } = await store.lookup('article:a', 'article:a');
    await store.bump(['article:a']);
    await store.save('article:a', 'article:a', version, 'read before the write', TTL);
    expect((await store.lookup('article:a', 'article:a')).value).toBeUndefined();
  });

  it('should never give a scope an earlier version back', async () => {
    const store = new MemoryCacheStore(100);
    await store.bump(['article:a']);
    const first = (await store.lookup('k', 'article:a')).version;
    await store.bump(['article:b']);
    await store.bump(['article:a']);
    expect((await store.lookup('k', 'article:a')).version).not.toBe(first);
  });

  it('should evict the least recently used entry past its size', async () => {
    const store = new MemoryCacheStore(2);
    await cache(store, 'one', 'lists', 1);
    await cache(store, 'two', 'lists', 2);
    await store.lookup('one', 'lists');
    await cache(store, 'three', 'lists', 3);
    expect((await store.lookup('two', 'lists')).value).toBeUndefined();
    expect((await store.lookup('one', 'lists')).value).toBe(1);
  });
});
