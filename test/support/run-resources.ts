import { randomBytes } from 'node:crypto';
import { dropRunDatabases } from './test-database';
import { removeKeys, runKeyPrefix } from './test-redis';

/**
 * Jest's global setup and teardown. Every database and Redis key a test run creates carries the run's id, so the
 * teardown removes whatever a spec left behind (a crashed spec, a forgotten close), and two runs on one machine
 * never touch each other's data.
 */
export function setupRun(): void {
  // Workers start after this and inherit the environment.
  process.env.FOLIO_TEST_RUN ||= randomBytes(3).toString('hex');
}

export async function teardownRun(): Promise<void> {
  const run = process.env.FOLIO_TEST_RUN!;
  const database = process.env.TEST_DATABASE_URL;
  const redis = process.env.TEST_REDIS_URL;
  await Promise.all([
    database && !database.startsWith('sqlite:') ? dropRunDatabases(database, run) : undefined,
    redis ? removeKeys(redis, runKeyPrefix(run)) : undefined,
  ]);
}
