import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { dropTestDatabase, freshDatabaseUrl } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  /** The Node HTTP server, for supertest: real requests over a real socket. */
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  dataSource: DataSource;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-for-e2e-only-0123456789';

/**
 * The real AppModule on a freshly migrated database, configured only through the environment as in production.
 * An explicit DATABASE_URL is used as it is (a second instance can share the first one's database); a database
 * made here is dropped at close.
 * No logs unless TEST_LOGS is set, or `logStream` asks for them (to read them in a test).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const ownDatabase = env.DATABASE_URL ? undefined : await freshDatabaseUrl();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    MIGRATIONS_RUN: 'true',
    RATE_LIMIT_ENABLED: 'false',
    // The job runner's polling would mix its queries into the ones tests count; suites that need it turn it on.
    JOBS_ENABLED: 'false',
    DATABASE_URL: ownDatabase,
    ...env,
  });
  // Loaded after the environment is set: ConfigModule validates it when the modules load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require('../../src/bootstrap') as typeof import('../../src/bootstrap');
  const logs = options.logStream
    ? { logStream: options.logStream }
    : process.env.TEST_LOGS
      ? {}
      : { logger: false as const };
  const app = await createApp(logs);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const close = async (): Promise<void> => {
    await app.close();
    if (ownDatabase) await dropTestDatabase(ownDatabase);
  };
  return { app, http: app.getHttpServer(), dataSource: app.get(DataSource), close };
}
