import { Logger } from '@nestjs/common';
import { CACHE_VERSION_POLL_MS, CacheVersionWatcher } from './cache-version.watcher';
import type { CacheVersionsRepository } from './cache-versions.repository';
import { MemoryCacheStore } from './memory-cache-store';

const TTL = 60_000;

describe('CacheVersionWatcher', () => {
  let version: number | Error;
  let store: MemoryCacheStore;
  let watcher: CacheVersionWatcher;
  const versions = {
    current: jest.fn(async () => {
      if (version instanceof Error) throw version;
      return version;
    }),
  };

  function watch(enabled = true): CacheVersionWatcher {
    return new CacheVersionWatcher(versions as unknown as CacheVersionsRepository, store, {
      enabled,
    } as never);
  }

  async function cached(key: string): Promise<unknown> {
    return (await store.lookup(key, 'lists')).value;
  }

  beforeEach(async () => {
    version = 3;
    versions.current.mockClear();
    store = new MemoryCacheStore(100);
    const { version: stored } = await store.lookup('tags', 'lists');
    await store.save('tags', 'lists', stored, ['dragons'], TTL);
    watcher = watch();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    watcher.beforeApplicationShutdown();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('should only take note of the version on its first read', async () => {
    await watcher.check();
    expect(await cached('tags')).toEqual(['dragons']);
  });

  it('should keep the cache while the version stays', async () => {
    await watcher.check();
    await watcher.check();
    expect(await cached('tags')).toEqual(['dragons']);
  });

  it('should retire everything when the version moves', async () => {
    await watcher.check();
    version = 4;
    await watcher.check();
    expect(await cached('tags')).toBeUndefined();
  });

  it('should notice a move that happened while the database could not be read', async () => {
    await watcher.check();
    version = new Error('connect ECONNREFUSED');
    await watcher.check();
    await watcher.check();
    expect(await cached('tags')).toEqual(['dragons']);
    expect(Logger.prototype.warn).toHaveBeenCalledTimes(1);
    version = 5;
    await watcher.check();
    expect(await cached('tags')).toBeUndefined();
  });

  it(`should read the version at start and then every ${CACHE_VERSION_POLL_MS} ms`, async () => {
    jest.useFakeTimers();
    await watcher.onApplicationBootstrap();
    expect(versions.current).toHaveBeenCalledTimes(1);
    version = 4;
    await jest.advanceTimersByTimeAsync(CACHE_VERSION_POLL_MS);
    expect(versions.current).toHaveBeenCalledTimes(2);
    expect(await cached('tags')).toBeUndefined();
    await jest.advanceTimersByTimeAsync(CACHE_VERSION_POLL_MS);
    expect(versions.current).toHaveBeenCalledTimes(3);
  });

  it('should stop reading at shutdown', async () => {
    jest.useFakeTimers();
    await watcher.onApplicationBootstrap();
    watcher.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(5 * CACHE_VERSION_POLL_MS);
    expect(versions.current).toHaveBeenCalledTimes(1);
  });

  it('should not read at all with the cache disabled', async () => {
    jest.useFakeTimers();
    const idle = watch(false);
    await idle.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(5 * CACHE_VERSION_POLL_MS);
    expect(versions.current).not.toHaveBeenCalled();
  });
});
