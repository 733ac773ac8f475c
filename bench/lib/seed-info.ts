import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEED_INFO_PATH = join(__dirname, '..', '.seed.json');

export interface SeedUser {
  id: number;
  username: string;
  email: string;
}

/** What the seeder leaves for the runner (bench/.seed.json). */
export interface SeedInfo {
  url: string;
  engine: 'mysql' | 'sqlite';
  seededAt: string;
  counts: Record<string, number>;
  /** The most used tag. */
  popularTag: string;
  tags: string[];
  /** A much-read article with comments and favorites: the single-article and comments scenarios start here. */
  slug: string;
  /** More slugs (popular and random ones) that the read scenarios rotate through. */
  slugs: string[];
  /** Every seeded user's password. */
  password: string;
  /** Follows exactly 20 authors; its feed is the feed scenario. */
  reader: SeedUser;
  /** Users the write scenarios act as. */
  writers: SeedUser[];
}

export function writeSeedInfo(info: SeedInfo): void {
  writeFileSync(SEED_INFO_PATH, `${JSON.stringify(info, null, 2)}\n`);
}

export function readSeedInfo(): SeedInfo {
  try {
    return JSON.parse(readFileSync(SEED_INFO_PATH, 'utf8')) as SeedInfo;
  } catch {
    throw new Error(`${SEED_INFO_PATH} is missing: run \`npm run bench:seed -- --url <DATABASE_URL>\` first`);
  }
}
