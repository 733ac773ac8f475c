import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import type { SqlExecutor } from '../../database/sql-executor';
import { fromSqlTimestamp, toSqlTimestamp } from '../../database/timestamps';
import { isRole, type Role } from '../../policy/roles';

export interface NewSession {
  id: string;
  userId: number;
  label: string;
  address: string;
  createdAt: Date;
  expiresAt: Date;
}

/** What the token check needs of a live session: whose it is, when it was last used, and their public profile. */
export interface LiveSession {
  userId: number;
  lastUsedAt: Date;
  username: string;
  bio: string | null;
  image: string | null;
  emailConfirmed: boolean;
  role: Role;
}

/** A session as its owner sees it in the list. */
export interface SessionRow {
  id: string;
  label: string;
  address: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
}

/** A refresh token's row with the state of its session. */
export interface RefreshTokenState {
  sessionId: string;
  userId: number;
  used: boolean;
  revoked: boolean;
  expiresAt: Date;
}

export type RevokedReason =
  'signed-out' | 'revoked' | 'refresh-reused' | 'password-changed' | 'password-reset' | 'suspended';

type Timestamp = Date | string;

/** The sessions and refresh_tokens tables. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({
    params: [
      {
        id: 'session',
        userId: 1,
        label: 'Firefox on Linux',
        address: '127.0.0.1',
        createdAt: new Date(0),
        expiresAt: new Date(0),
      },
    ],
  })
  async insert(session: NewSession, executor: SqlExecutor = this.db): Promise<void> {
    const created = toSqlTimestamp(session.createdAt);
    await executor.execute(
      `INSERT INTO sessions (id, user_id, label, address, created_at, last_used_at, expires_at, revoked_at,
         revoked_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
      [
        session.id,
        session.userId,
        session.label,
        session.address,
        created,
        created,
        toSqlTimestamp(session.expiresAt),
      ],
    );
  }

  @GenerateSql({ params: ['0'.repeat(64), 'session', new Date(0)] })
  async insertRefreshToken(
    tokenHash: string,
    sessionId: string,
    at: Date,
    executor: SqlExecutor = this.db,
  ): Promise<void> {
    await executor.execute(
      'INSERT INTO refresh_tokens (token_hash, session_id, created_at, used_at) VALUES (?, ?, ?, NULL)',
      [tokenHash, sessionId, toSqlTimestamp(at)],
    );
  }

  /**
   * The session and its user's profile and role, if the session is neither revoked nor expired and the user not
   * suspended: the one read of every token check.
   */
  @GenerateSql({ params: ['session', new Date(0)] })
  async findLive(sessionId: string, now: Date): Promise<LiveSession | null> {
    const [row] = await this.db.query<
      Omit<LiveSession, 'emailConfirmed'> & { lastUsedAt: Timestamp; emailConfirmedAt: Timestamp | null }
    >(
      `SELECT s.user_id AS userId, s.last_used_at AS lastUsedAt, u.username, u.bio, u.image,
         u.email_confirmed_at AS emailConfirmedAt, u.role
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.suspended_at IS NULL`,
      [sessionId, toSqlTimestamp(now)],
    );
    if (!row) return null;
    return {
      userId: Number(row.userId),
      lastUsedAt: fromSqlTimestamp(row.lastUsedAt),
      username: row.username,
      bio: row.bio ?? null,
      image: row.image ?? null,
      emailConfirmed: row.emailConfirmedAt !== null,
      role: isRole(row.role) ? row.role : 'user',
    };
  }

  /** Records a use, unless one was recorded after `since` (so a busy session writes at most once per interval). */
  @GenerateSql({ params: ['session', new Date(0), new Date(0)] })
  async touch(sessionId: string, at: Date, since: Date): Promise<void> {
    await this.db.execute('UPDATE sessions SET last_used_at = ? WHERE id = ? AND last_used_at < ?', [
      toSqlTimestamp(at),
      sessionId,
      toSqlTimestamp(since),
    ]);
  }

  /** The user's sessions that still work, the most recently used first. */
  @GenerateSql({ params: [1, new Date(0)] })
  async findLiveByUser(userId: number, now: Date): Promise<SessionRow[]> {
    const rows = await this.db.query<Record<keyof SessionRow, string | Date>>(
      `SELECT id, label, address, created_at AS createdAt, last_used_at AS lastUsedAt, expires_at AS expiresAt
       FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
       ORDER BY last_used_at DESC, id`,
      [userId, toSqlTimestamp(now)],
    );
    return rows.map((row) => ({
      id: String(row.id),
      label: String(row.label),
      address: String(row.address),
      createdAt: fromSqlTimestamp(row.createdAt),
      lastUsedAt: fromSqlTimestamp(row.lastUsedAt),
      expiresAt: fromSqlTimestamp(row.expiresAt),
    }));
  }

  @GenerateSql({ params: ['0'.repeat(64)] })
  async findRefreshToken(tokenHash: string): Promise<RefreshTokenState | null> {
    const [row] = await this.db.query<{
      sessionId: string;
      userId: number;
      usedAt: Timestamp | null;
      revokedAt: Timestamp | null;
      expiresAt: Timestamp;
    }>(
      `SELECT r.session_id AS sessionId, s.user_id AS userId, r.used_at AS usedAt, s.revoked_at AS revokedAt,
         s.expires_at AS expiresAt
       FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
       WHERE r.token_hash = ?`,
      [tokenHash],
    );
    if (!row) return null;
    return {
      sessionId: row.sessionId,
      userId: Number(row.userId),
      used: row.usedAt !== null,
      revoked: row.revokedAt !== null,
      expiresAt: fromSqlTimestamp(row.expiresAt),
    };
  }

  /** Marks an unused refresh token used; answers false when it was used already (by a racing request too). */
  @GenerateSql({ params: ['0'.repeat(64), new Date(0)] })
  async useRefreshToken(tokenHash: string, at: Date, executor: SqlExecutor = this.db): Promise<boolean> {
    const { affectedRows } = await executor.execute(
      'UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
      [toSqlTimestamp(at), tokenHash],
    );
    return affectedRows === 1;
  }

  /** Moves a live session's end ahead on a refresh; answers false when it was revoked or had expired. */
  @GenerateSql({ params: ['session', new Date(0), new Date(0)] })
  async extend(
    sessionId: string,
    at: Date,
    expiresAt: Date,
    executor: SqlExecutor = this.db,
  ): Promise<boolean> {
    const now = toSqlTimestamp(at);
    const { affectedRows } = await executor.execute(
      `UPDATE sessions SET last_used_at = ?, expires_at = ?
       WHERE id = ? AND revoked_at IS NULL AND expires_at > ?`,
      [now, toSqlTimestamp(expiresAt), sessionId, now],
    );
    return affectedRows === 1;
  }

  /** Ends one of the user's sessions; answers false when it is not theirs or had already ended. */
  @GenerateSql({ params: ['session', 1, 'signed-out', new Date(0)] })
  async revoke(sessionId: string, userId: number, reason: RevokedReason, at: Date): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      `UPDATE sessions SET revoked_at = ?, revoked_reason = ?
       WHERE id = ? AND user_id = ? AND revoked_at IS NULL`,
      [toSqlTimestamp(at), reason, sessionId, userId],
    );
    return affectedRows === 1;
  }

  /** Ends every session of the user but `keep` (all of them when null); answers how many it ended. */
  @GenerateSql(
    { name: 'others', params: [1, 'session', 'password-changed', new Date(0)] },
    { name: 'all', params: [1, null, 'password-changed', new Date(0)] },
  )
  async revokeAllBut(userId: number, keep: string | null, reason: RevokedReason, at: Date): Promise<number> {
    const { affectedRows } = await this.db.execute(
      `UPDATE sessions SET revoked_at = ?, revoked_reason = ?
       WHERE user_id = ? AND revoked_at IS NULL${keep === null ? '' : ' AND id <> ?'}`,
      [toSqlTimestamp(at), reason, userId, ...(keep === null ? [] : [keep])],
    );
    return affectedRows;
  }
}
