import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { notFound, unauthorized } from '../../common/errors/http-errors';
import { authConfig } from '../../config/configuration';
import { Database } from '../../database/database.service';
import { DomainEvents } from '../../events/domain-events.service';
import { OnDomainEvent } from '../../events/on-domain-event.decorator';
import { UserSuspensionChanged } from '../../users/user.events';
import { RefreshReuseDetected, SessionsRevoked } from '../auth.events';
import { SessionListResponseDto } from './dto/session-response.dto';
import { isSecretTokenShaped, newSecretToken, secretTokenHash } from '../secret-token';
import { newSessionId } from './session-id';
import { sessionLabel } from './session-label';
import { toSessionDto } from './session.mapper';
import { LiveSession, RevokedReason, SessionsRepository } from './sessions.repository';

/** A session's credentials as a sign-in or a refresh hands them out. */
export interface SessionGrant {
  userId: number;
  sessionId: string;
  refreshToken: string;
}

/** How stale a session's last_used_at may get before a request records a new one (one write per interval). */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Sessions: opened by a sign-in, kept alive by refreshes, ended by their user, by a password change or by the
 * reuse of a refresh token. Every token check reads the session, so an ended session's tokens fail at once.
 */
@Injectable()
export class SessionsService {
  private readonly lifetimeMs: number;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly database: Database,
    private readonly events: DomainEvents,
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
  ) {
    // Never shorter than an access token's life: a token must not outlive the session it names.
    this.lifetimeMs = Math.max(config.refreshExpiresIn, config.jwtExpiresIn) * 1000;
  }

  async open(userId: number, client: ClientInfo): Promise<SessionGrant> {
    const at = new Date();
    const grant = { userId, sessionId: newSessionId(), refreshToken: newSecretToken() };
    await this.database.transaction(async (tx) => {
      await this.sessions.insert(
        {
          id: grant.sessionId,
          userId,
          label: sessionLabel(client.userAgent),
          address: client.address,
          createdAt: at,
          expiresAt: this.expiryFrom(at),
        },
        tx,
      );
      await this.sessions.insertRefreshToken(secretTokenHash(grant.refreshToken), grant.sessionId, at, tx);
    });
    return grant;
  }

  /**
   * Trades a refresh token for the session's next one. A token is good once: presented again (a copy, or a racing
   * request) it ends its session, so whoever holds the newer token is signed out too and must sign in again.
   */
  async refresh(refreshToken: string, client: ClientInfo): Promise<SessionGrant> {
    if (!isSecretTokenShaped(refreshToken)) throw invalidRefreshToken('is invalid');
    const hash = secretTokenHash(refreshToken);
    const state = await this.sessions.findRefreshToken(hash);
    const at = new Date();
    if (!state || state.revoked) throw invalidRefreshToken('is invalid');
    if (state.expiresAt <= at) throw invalidRefreshToken('has expired');
    const next = newSecretToken();
    const outcome = state.used ? 'reused' : await this.rotate(hash, state.sessionId, next, at);
    if (outcome === 'ended') throw invalidRefreshToken('is invalid');
    if (outcome === 'reused') {
      await this.endReusedSession(state.userId, state.sessionId, client, at);
      throw invalidRefreshToken('has already been used; the session is signed out');
    }
    return { userId: state.userId, sessionId: state.sessionId, refreshToken: next };
  }

  /** Uses the token and stores the next one: 'reused' when it had been used already, 'ended' when its session has. */
  private rotate(
    hash: string,
    sessionId: string,
    next: string,
    at: Date,
  ): Promise<'rotated' | 'reused' | 'ended'> {
    return this.database.transaction(async (tx) => {
      if (!(await this.sessions.useRefreshToken(hash, at, tx))) return 'reused';
      if (!(await this.sessions.extend(sessionId, at, this.expiryFrom(at), tx))) return 'ended';
      await this.sessions.insertRefreshToken(secretTokenHash(next), sessionId, at, tx);
      return 'rotated';
    });
  }

  /** The session an access token names, if it still works; records its use at most once a minute. */
  async findLive(sessionId: string): Promise<LiveSession | null> {
    const now = new Date();
    const session = await this.sessions.findLive(sessionId, now);
    if (session && now.getTime() - session.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)
      await this.sessions.touch(sessionId, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
    return session;
  }

  async list(caller: AuthUser): Promise<SessionListResponseDto> {
    const rows = await this.sessions.findLiveByUser(caller.id, new Date());
    return { sessions: rows.map((row) => toSessionDto(row, caller.sessionId)) };
  }

  async signOut(caller: AuthUser, client: ClientInfo): Promise<void> {
    await this.revokeOne(caller, caller.sessionId, 'signed-out', client);
  }

  /** Another of the caller's sessions, or this one; someone else's is a 404 like an unknown one. */
  async revoke(caller: AuthUser, sessionId: string, client: ClientInfo): Promise<void> {
    if (!(await this.revokeOne(caller, sessionId, 'revoked', client))) throw notFound('session');
  }

  /** Every session of the user but `keep` (the caller's own, usually). */
  async revokeAllBut(
    userId: number,
    keep: string | null,
    reason: RevokedReason,
    client: ClientInfo,
    actorId = userId,
  ): Promise<void> {
    const at = new Date();
    const count = await this.sessions.revokeAllBut(userId, keep, reason, at);
    if (count > 0)
      await this.events.publish(new SessionsRevoked(userId, null, reason, count, client, at, actorId));
  }

  /** A suspension ends every session (the token check refuses a suspended account anyway; a restore starts afresh). */
  @OnDomainEvent(UserSuspensionChanged)
  async accountSuspended(event: UserSuspensionChanged): Promise<void> {
    if (event.suspended)
      await this.revokeAllBut(event.userId, null, 'suspended', event.client, event.actorId);
  }

  private async revokeOne(
    caller: AuthUser,
    sessionId: string,
    reason: RevokedReason,
    client: ClientInfo,
  ): Promise<boolean> {
    const at = new Date();
    if (!(await this.sessions.revoke(sessionId, caller.id, reason, at))) return false;
    await this.events.publish(new SessionsRevoked(caller.id, sessionId, reason, 1, client, at));
    return true;
  }

  private async endReusedSession(
    userId: number,
    sessionId: string,
    client: ClientInfo,
    at: Date,
  ): Promise<void> {
    // Racing copies find it ended already: the detection that ended it is the one recorded.
    if (await this.sessions.revoke(sessionId, userId, 'refresh-reused', at))
      await this.events.publish(new RefreshReuseDetected(userId, sessionId, client, at));
  }

  private expiryFrom(at: Date): Date {
    return new Date(at.getTime() + this.lifetimeMs);
  }
}

function invalidRefreshToken(message: string) {
  return unauthorized({ refreshToken: [message] });
}
