import type { ClientInfo } from '../common/client-info';
import { DomainEvent } from '../events/domain-event';
import type { RevokedReason } from './sessions/sessions.repository';

/** A session opened: by a registration or a login with the right password. */
export class SignedIn extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly sessionId: string,
    readonly method: 'registration' | 'password' | 'totp' | 'recovery-code',
    readonly client: ClientInfo,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}

/**
 * A login refused: unknown e-mail or wrong password (userId tells which, for the audit log only), or a wrong code
 * at the second step (email null).
 */
export class SignInFailed extends DomainEvent {
  readonly actorId = null;

  constructor(
    readonly email: string | null,
    readonly userId: number | null,
    readonly client: ClientInfo,
    readonly at: Date,
  ) {
    super();
  }
}

/** Sessions ended by their user (sign-out, revoking one or all others) or by a password change. */
export class SessionsRevoked extends DomainEvent {
  constructor(
    readonly userId: number,
    /** The one session ended, or null for "every other session of the user". */
    readonly sessionId: string | null,
    readonly reason: RevokedReason,
    readonly count: number,
    readonly client: ClientInfo,
    readonly at: Date,
    /** Who ended them: the user, or the admin whose suspension of the account ended them. */
    readonly actorId: number = userId,
  ) {
    super();
  }
}

/**
 * A refresh token presented again after it had been used: someone holds a copy. Its session has been revoked, so
 * neither the thief nor the owner can go on with it.
 */
export class RefreshReuseDetected extends DomainEvent {
  readonly actorId = null;

  constructor(
    readonly userId: number,
    readonly sessionId: string,
    readonly client: ClientInfo,
    readonly at: Date,
  ) {
    super();
  }
}
