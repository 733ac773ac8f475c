import { CreateUsersAndFollows1764100000000 } from './1764100000000-CreateUsersAndFollows';

/** Every migration, oldest first; `npm run migration:generate` output is added here. */
export const MIGRATIONS = [CreateUsersAndFollows1764100000000];
