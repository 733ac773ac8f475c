import { encodeCursor } from '../../src/content/articles/article-query';
import { openDb, type Db } from '../ceiling/db';
import { insertSession } from '../ceiling/sessions';
import { parseDatabaseUrl } from '../lib/database-url';
import { signToken } from '../lib/jwt';
import type { SeedInfo } from '../lib/seed-info';
import type { Server } from './processes';
import type { ScenarioContext } from './scenarios';

const TOKEN_SECONDS = 24 * 3600;
/** The cursor scenario's page size (its first page's next cursor is checked against the pool's). */
const PAGE = 20;
/** Depths of the newest-first list the cursor scenario starts pages at: a few near the top, then fractions of it. */
const NEAR_DEPTHS = [PAGE, 100, 1000];
const DEPTH_FRACTIONS = [0.1, 0.25, 0.5, 0.75, 0.9];
/** Used when the seed predates the search index (a search then finds nothing: seed again). */
const FALLBACK_SEARCH_QUERY = 'reactive caches';

/**
 * Signs the reader in on every server and checks that each accepts Folio's token and Folio each one's (same
 * secret, same claims, sessions in the same database). Each writer gets a session row written here, straight into
 * the database, and a token for it signed here with Folio's claims: a login per writer would cost an argon2
 * verification each and prove nothing more.
 */
export async function prepareContext(
  seed: SeedInfo,
  secret: string,
  folio: Server,
  others: Server[],
  /** Whether a cursor scenario runs: only then must Folio's cursors be the pool's (an older Folio has none). */
  cursorScenario: boolean,
): Promise<ScenarioContext> {
  const readerToken = await login(folio, seed);
  for (const other of others) {
    await expectFeed(folio, await login(other, seed));
    await expectFeed(other, readerToken);
  }
  const db = openDb(parseDatabaseUrl(seed.url));
  try {
    const writerTokens = await writerTokensOf(db, seed, secret);
    const { cursors, tailCursor } = await cursorPool(db, seed.counts.articles);
    if (cursorScenario) await expectCursor(folio, cursors[1]);
    const searchQuery = seed.searchQuery ?? FALLBACK_SEARCH_QUERY;
    const rareSearchQuery = seed.rareSearchQuery ?? FALLBACK_SEARCH_QUERY;
    return { seed, readerToken, writerTokens, searchQuery, rareSearchQuery, cursors, tailCursor };
  } finally {
    await db.close();
  }
}

/**
 * Cursors of the newest-first list, made as Folio makes them (encodeCursor of the previous page's last article):
 * '' for the first page, then pages starting at NEAR_DEPTHS and DEPTH_FRACTIONS of the seeded articles (newer ones,
 * written by earlier runs, only push them down), and one 5 articles before the end.
 */
async function cursorPool(db: Db, articles: number): Promise<{ cursors: string[]; tailCursor: string }> {
  const depths = [...NEAR_DEPTHS, ...DEPTH_FRACTIONS.map((fraction) => Math.floor(articles * fraction))];
  const usable = [...new Set(depths)]
    .filter((depth) => depth > 0 && depth < articles - PAGE)
    .sort((a, b) => a - b);
  const cursorAt = async (depth: number): Promise<string> => {
    const [row] = await db.all<{ id: number; listedAt: Date | string }>(
      `SELECT id, listed_at AS listedAt FROM articles WHERE listed_at IS NOT NULL
       ORDER BY listed_at DESC, id DESC LIMIT 1 OFFSET ?`,
      [depth - 1],
    );
    if (!row) throw new Error(`the list has fewer than ${depth} articles: seed again`);
    return encodeCursor('newest', { id: Number(row.id), sortKey: row.listedAt }, depth);
  };
  const cursors = [''];
  for (const depth of usable) cursors.push(await cursorAt(depth));
  return { cursors, tailCursor: await cursorAt(Math.max(1, articles - 5)) };
}

/** Folio's first page must point to the pool's first depth: the pool is made as Folio makes its cursors. */
async function expectCursor(folio: Server, cursor: string | undefined): Promise<void> {
  if (cursor === undefined) return;
  const res = await fetch(`${folio.base}/api/articles?limit=${PAGE}&cursor=`);
  const { nextCursor } = (await res.json()) as { nextCursor?: string | null };
  if (nextCursor !== cursor)
    throw new Error(`Folio's first cursor page points to ${nextCursor}, the pool's to ${cursor}`);
}

/** One session per writer, living as long as its token; all inserted in one transaction. */
async function writerTokensOf(db: Db, seed: SeedInfo, secret: string): Promise<string[]> {
  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + TOKEN_SECONDS * 1000);
  const sessionIds = await db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const writer of seed.writers)
      ids.push(
        await insertSession(tx, {
          userId: writer.id,
          label: 'bench writer',
          address: '127.0.0.1',
          createdAt,
          expiresAt,
        }),
      );
    return ids;
  });
  return seed.writers.map(
    (writer, i) =>
      signToken({ sub: writer.id, username: writer.username, sid: sessionIds[i] }, secret, TOKEN_SECONDS)
        .token,
  );
}

async function login(server: Server, seed: SeedInfo): Promise<string> {
  const res = await fetch(`${server.base}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: { email: seed.reader.email, password: seed.password } }),
  });
  if (!res.ok)
    throw new Error(`${server.name}: the reader cannot sign in (${res.status} ${await res.text()})`);
  const { user } = (await res.json()) as { user: { token: string } };
  return user.token;
}

async function expectFeed(server: Server, token: string): Promise<void> {
  const res = await fetch(`${server.base}/api/articles/feed?limit=1`, {
    headers: { authorization: `Token ${token}` },
  });
  if (!res.ok) throw new Error(`${server.name} refuses the other server's token (${res.status})`);
}
