import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The database seeded last; each seeded database also has its own file in SEEDS_DIR. */
export const SEED_INFO_PATH = join(__dirname, '..', '.seed.json');
const SEEDS_DIR = join(__dirname, '..', '.seeds');

function seedInfoPathOf(url: string): string {
  return join(SEEDS_DIR, `${url.replace(/^[a-z]+:\/\/[^@/]*@/, '').replace(/[^A-Za-z0-9_.-]+/g, '_')}.json`);
}

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
  /**
   * The search scenario's query: two title words (an adjective and a noun of bench/seed/text.ts), about 1 in 225
   * articles. Absent from seeds made before the search index was seeded.
   */
  searchQuery?: string;
  /** How many seeded articles searchQuery matches. */
  searchMatches?: number;
  /** The rare search scenario's query: a made-up place name of the descriptions, in 20 articles at any size. */
  rareSearchQuery?: string;
  rareSearchMatches?: number;
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
  const text = `${JSON.stringify(info, null, 2)}\n`;
  mkdirSync(SEEDS_DIR, { recursive: true });
  writeFileSync(seedInfoPathOf(info.url), text);
  writeFileSync(SEED_INFO_PATH, text);
}

/** What was seeded into `url`, or into the database seeded last. */
export function readSeedInfo(url?: string): SeedInfo {
  const path = url === undefined ? SEED_INFO_PATH : seedInfoPathOf(url);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SeedInfo;
  } catch {
    throw new Error(
      `${path} is missing: run \`npm run bench:seed -- --url ${url ?? '<DATABASE_URL>'}\` first`,
    );
  }
}
