/**
 * `npm run admin -- grant <email>` makes an existing account an admin; `revoke <email>` makes it a user again;
 * `moderator <email>` a moderator. The way to the first admin: Folio ships no admin account and no default
 * password. Uses the configured database (DATABASE_URL, `.env` as `npm start` reads it); the change is audited
 * (`role.changed`, no actor).
 *
 *   npm run admin -- grant jake@example.com
 */
import { HttpException } from '@nestjs/common';
import { existsSync } from 'node:fs';
import type { Role } from '../src/policy/roles';
import { AdminUsersService } from '../src/users/admin/admin-users.service';

const COMMANDS: Record<string, Role> = { grant: 'admin', moderator: 'moderator', revoke: 'user' };

async function main(): Promise<void> {
  const [command, email] = process.argv.slice(2);
  const role = command === undefined ? undefined : COMMANDS[command];
  if (!role || !email) {
    console.error('usage: npm run admin -- grant|moderator|revoke <email>');
    process.exit(2);
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  process.env.JOBS_ENABLED = 'false';
  // Loaded after the environment is set: the configuration is validated when the modules load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require('../src/bootstrap') as typeof import('../src/bootstrap');
  const app = await createApp({ logger: false });
  try {
    await app.init();
    await app.get(AdminUsersService).setRoleByEmail(email, role);
    console.log(
      `${email} is now ${role === 'user' ? 'a user' : role === 'admin' ? 'an admin' : 'a moderator'}`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof HttpException && error.getStatus() === 404)
    console.error('no account has this e-mail address');
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
