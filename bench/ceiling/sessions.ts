import { newSecretToken, secretTokenHash } from '../../src/auth/secret-token';
import { newSessionId } from '../../src/auth/sessions/session-id';
import { fromSqlTimestamp, toSqlTimestamp } from '../../src/database/timestamps';
import type { Db, Queryable } from './db';

/** As Folio's SessionsService: a session records its use at most once per this interval. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface NewSession {
  userId: number;
  label: string;
  address: string;
  createdAt: Date;
  expiresAt: Date;
}

/** The client of a sign-in, as Folio's audit log records it. */
export interface SignInClient {
  address: string;
  userAgent: string | null;
  requestId: string;
}

/** A live session and its user's public profile: what a token check reads. */
export interface LiveSession {
  userId: number;
  username: string;
  bio: string | null;
  image: string | null;
}

/** Folio's statements on the sessions and refresh_tokens tables (src/auth/sessions/sessions.repository.ts). */
const INSERT_SESSION = `INSERT INTO sessions (id, user_id, label, address, created_at, last_used_at, expires_at,
  revoked_at, revoked_reason) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)`;
const INSERT_REFRESH_TOKEN =
  'INSERT INTO refresh_tokens (token_hash, session_id, created_at, used_at) VALUES (?, ?, ?, NULL)';
const FIND_LIVE = `SELECT s.user_id AS userId, s.last_used_at AS lastUsedAt, u.username, u.bio, u.image
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ?`;
const TOUCH = 'UPDATE sessions SET last_used_at = ? WHERE id = ? AND last_used_at < ?';
/** Folio's audit log row (src/audit/audit.repository.ts), written after the sign-in commits. */
const INSERT_AUDIT_EVENT = `INSERT INTO audit_events (type, actor_id, target_type, target_id, address, user_agent,
  request_id, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const SIGN_IN_DETAILS = JSON.stringify({ method: 'password' });

/** Inserts a session; returns its id. */
export async function insertSession(tx: Queryable, session: NewSession): Promise<string> {
  const id = newSessionId();
  const created = toSqlTimestamp(session.createdAt);
  await tx.run(INSERT_SESSION, [
    id,
    session.userId,
    session.label,
    session.address,
    created,
    created,
    toSqlTimestamp(session.expiresAt),
  ]);
  return id;
}

/** A sign-in as Folio opens it: the session and its first refresh token, in one transaction. */
export async function openSession(
  db: Db,
  session: NewSession,
): Promise<{ sessionId: string; refreshToken: string }> {
  const refreshToken = newSecretToken();
  const sessionId = await db.transaction(async (tx) => {
    const id = await insertSession(tx, session);
    await tx.run(INSERT_REFRESH_TOKEN, [
      secretTokenHash(refreshToken),
      id,
      toSqlTimestamp(session.createdAt),
    ]);
    return id;
  });
  return { sessionId, refreshToken };
}

/** The `sign-in.succeeded` row Folio's audit log subscriber writes before the sign-in is answered. */
export async function recordSignIn(
  db: Db,
  userId: number,
  sessionId: string,
  client: SignInClient,
  at: Date,
): Promise<void> {
  await db.run(INSERT_AUDIT_EVENT, [
    'sign-in.succeeded',
    userId,
    'session',
    sessionId,
    client.address,
    client.userAgent,
    client.requestId,
    SIGN_IN_DETAILS,
    toSqlTimestamp(at),
  ]);
}

/** The one read of every token check, and the once-a-minute record of the session's use. */
export async function findLiveSession(db: Db, sessionId: string): Promise<LiveSession | undefined> {
  const now = new Date();
  const [row] = await db.all<LiveSession & { lastUsedAt: Date | string }>(FIND_LIVE, [
    sessionId,
    toSqlTimestamp(now),
  ]);
  if (!row) return undefined;
  if (now.getTime() - fromSqlTimestamp(row.lastUsedAt).getTime() > LAST_USED_RESOLUTION_MS)
    await db.run(TOUCH, [
      toSqlTimestamp(now),
      sessionId,
      toSqlTimestamp(new Date(now.getTime() - LAST_USED_RESOLUTION_MS)),
    ]);
  return {
    userId: Number(row.userId),
    username: row.username,
    bio: row.bio ?? null,
    image: row.image ?? null,
  };
}
