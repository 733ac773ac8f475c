import type { SeedUser } from '../lib/seed-info';
import { SeedPlan, timestamp } from './plan';
import { distinct, Random, randomInt } from './random';
import { Row, Sink } from './sink';
import { sentence, username } from './text';

export const PASSWORD = 'password123';
export const READER: SeedUser = { id: 1, username: 'bench_reader', email: 'bench_reader@example.com' };
/** The reader follows exactly this many authors, whatever --follows-per-user says. */
const READER_FOLLOWS = 20;
const USER_COLUMNS = [
  'id',
  'email',
  'username',
  'password_hash',
  'bio',
  'image',
  'articles_count',
  'created_at',
  'updated_at',
];
const BATCH = 5000;

/** Every user shares one argon2id hash of PASSWORD, so any of them can sign in. */
export async function seedUsers(sink: Sink, plan: SeedPlan, passwordHash: string): Promise<void> {
  const random = plan.random(1);
  let rows: Row[] = [];
  for (let id = 1; id <= plan.options.users; id++) {
    rows.push(userRow(plan, random, id, passwordHash));
    if (rows.length < BATCH) continue;
    await sink.insert('users', USER_COLUMNS, rows);
    rows = [];
  }
  if (rows.length > 0) await sink.insert('users', USER_COLUMNS, rows);
}

/** Users follow popular authors more often; the reader follows exactly 20 authors who have written something. */
export async function seedFollows(sink: Sink, plan: SeedPlan): Promise<number> {
  const random = plan.random(2);
  let rows: Row[] = [];
  let total = 0;
  for (let follower = 1; follower <= plan.options.users; follower++) {
    for (const following of followeesOf(plan, random, follower)) {
      rows.push([follower, following, timestamp(plan.start + random() * (plan.end - plan.start))]);
    }
    if (rows.length < BATCH) continue;
    total += rows.length;
    await sink.insert('follows', ['follower_id', 'following_id', 'created_at'], rows);
    rows = [];
  }
  total += rows.length;
  if (rows.length > 0) await sink.insert('follows', ['follower_id', 'following_id', 'created_at'], rows);
  return total;
}

function followeesOf(plan: SeedPlan, random: Random, follower: number): number[] {
  const draw = (): number => plan.popularAuthor(random);
  if (follower !== READER.id)
    return distinct(plan.options.followsPerUser, draw, (id) => id === follower).sort((a, b) => a - b);
  const authors = distinct(READER_FOLLOWS, draw, (id) => id === follower || plan.articlesByUser[id] === 0);
  if (authors.length !== READER_FOLLOWS) throw new Error('too few authors for the reader to follow 20');
  return authors.sort((a, b) => a - b);
}

export function seedUser(id: number): SeedUser {
  if (id === READER.id) return READER;
  const name = username(id);
  return { id, username: name, email: `${name}@example.com` };
}

function userRow(plan: SeedPlan, random: Random, id: number, passwordHash: string): Row {
  const { username: name, email } = seedUser(id);
  const created = timestamp(plan.start - randomInt(random, 90) * 86_400_000 + random() * 1000);
  const bio = random() < 0.4 ? sentence(random, 6 + randomInt(random, 10)) : null;
  const image = random() < 0.5 ? `https://i.pravatar.cc/150?u=${id}` : null;
  const articles = plan.articlesByUser[id];
  return [id, email, name, passwordHash, bio, image, articles, created, created];
}
