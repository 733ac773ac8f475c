import { openDb } from '../ceiling/db';
import { insertSession } from '../ceiling/sessions';
import { parseDatabaseUrl } from '../lib/database-url';
import { signToken } from '../lib/jwt';
import type { SeedInfo } from '../lib/seed-info';
import type { Server } from './processes';
import type { ScenarioContext } from './scenarios';

const TOKEN_SECONDS = 24 * 3600;

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
): Promise<ScenarioContext> {
  const readerToken = await login(folio, seed);
  for (const other of others) {
    await expectFeed(folio, await login(other, seed));
    await expectFeed(other, readerToken);
  }
  const writerTokens = await writerTokensOf(seed, secret);
  return { seed, readerToken, writerTokens };
}

/** One session per writer, living as long as its token; all inserted in one transaction. */
async function writerTokensOf(seed: SeedInfo, secret: string): Promise<string[]> {
  const db = openDb(parseDatabaseUrl(seed.url));
  try {
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
  } finally {
    await db.close();
  }
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
