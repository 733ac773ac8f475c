import { randomBytes } from 'node:crypto';
import { signToken } from '../lib/jwt';
import type { SeedInfo } from '../lib/seed-info';
import type { Server } from './processes';
import type { ScenarioContext } from './scenarios';

const TOKEN_SECONDS = 24 * 3600;

/**
 * Signs the reader in on every server and checks that each accepts Folio's token and Folio each one's (same
 * secret, same claims). Writers get tokens signed here with the same claims (a login per writer would cost an
 * argon2 verification each and prove nothing more).
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
  const writerTokens = seed.writers.map((writer) =>
    signToken(
      { sub: writer.id, username: writer.username, ver: 0, sid: randomBytes(16).toString('base64url') },
      secret,
      TOKEN_SECONDS,
    ),
  );
  return { seed, readerToken, writerTokens };
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
