-- The SQL of cache/cache-versions.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- CacheVersionsRepository.current
SELECT version FROM cache_versions WHERE id = ?;

-- CacheVersionsRepository.advance
UPDATE cache_versions SET version = version + 1 WHERE id = ?;
