/**
 * `npm run seed` fills the configured database (DATABASE_URL, or the embedded SQLite file by default; `.env` is read
 * as `npm start` reads it) with the demo data set: a few dozen users who follow each other, a few hundred articles
 * with markdown bodies and tags, favorites and comments, and the demo sign-in (see DEMO_USER). Migrations are applied
 * first. Everything is written through the application's services, as the API would write it; a second run adds
 * nothing. Articles and comments are dated over the last eight weeks. A server already running on the same database
 * shows what the seed wrote within a second, whichever cache store it uses (ResponseCache.invalidateEverywhere).
 *
 *   npm run seed
 *   DATABASE_URL=mariadb://root@127.0.0.1:3306/folio npm run seed
 */
import { HttpException } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { DEMO_USER } from './seed/demo-plan';
import { seedDemoData } from './seed/seed-demo-data';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  process.env.MIGRATIONS_RUN = 'true';
  // Loaded after the environment is set: the configuration is validated when the modules load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require('../src/bootstrap') as typeof import('../src/bootstrap');
  const app = await createApp({ logger: false });
  try {
    await app.init();
    const started = Date.now();
    await seedDemoData(app, { log: (line) => console.log(line) });
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`sign in as ${DEMO_USER.email} / ${DEMO_USER.password} (username "${DEMO_USER.username}")`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  // A refused write (422, 409) answers as the API would: its status and RealWorld error body say what was wrong.
  if (error instanceof HttpException)
    console.error(`seed failed: ${error.getStatus()} ${JSON.stringify(error.getResponse())}`);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
