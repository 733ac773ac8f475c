import { Injectable } from '@nestjs/common';
import { RefreshReuseDetected, SessionsRevoked, SignedIn, SignInFailed } from '../auth/auth.events';
import type { ClientInfo } from '../common/client-info';
import { OnDomainEvent } from '../events/on-domain-event.decorator';
import { UserRegistered, UserUpdated } from '../users/user.events';
import { AuditEntry, AuditRepository } from './audit.repository';

/** The security events of the audit log's `type` column. */
export const AUDIT_TYPES = [
  'user.registered',
  'sign-in.succeeded',
  'sign-in.failed',
  'sign-out',
  'session.revoked',
  'refresh.reused',
  'password.changed',
  'email.changed',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

/** Writes the audit log from the domain events: what happened, who did it, to whom, from where. */
@Injectable()
export class AuditLogSubscriber {
  constructor(private readonly audit: AuditRepository) {}

  @OnDomainEvent(UserRegistered)
  async registered(event: UserRegistered): Promise<void> {
    await this.record('user.registered', event.userId, userTarget(event.userId), null, event.at);
  }

  @OnDomainEvent(SignedIn)
  async signedIn(event: SignedIn): Promise<void> {
    await this.record(
      'sign-in.succeeded',
      event.userId,
      sessionTarget(event.sessionId),
      event.client,
      event.at,
      {
        method: event.method,
      },
    );
  }

  @OnDomainEvent(SignInFailed)
  async signInFailed(event: SignInFailed): Promise<void> {
    const target = event.userId === null ? null : userTarget(event.userId);
    await this.record('sign-in.failed', null, target, event.client, event.at, { email: event.email });
  }

  @OnDomainEvent(SessionsRevoked)
  async sessionsRevoked(event: SessionsRevoked): Promise<void> {
    const type: AuditType = event.reason === 'signed-out' ? 'sign-out' : 'session.revoked';
    const target = event.sessionId === null ? userTarget(event.userId) : sessionTarget(event.sessionId);
    await this.record(type, event.userId, target, event.client, event.at, {
      reason: event.reason,
      count: event.count,
    });
  }

  @OnDomainEvent(RefreshReuseDetected)
  async refreshReused(event: RefreshReuseDetected): Promise<void> {
    await this.record('refresh.reused', null, sessionTarget(event.sessionId), event.client, event.at, {
      userId: event.userId,
    });
  }

  @OnDomainEvent(UserUpdated)
  async userUpdated(event: UserUpdated): Promise<void> {
    const target = userTarget(event.userId);
    if (event.fields.includes('password'))
      await this.record('password.changed', event.userId, target, event.client, event.at);
    if (event.fields.includes('email'))
      await this.record('email.changed', event.userId, target, event.client, event.at);
  }

  private record(
    type: AuditType,
    actorId: number | null,
    target: AuditEntry['target'],
    client: ClientInfo | null,
    at: Date,
    details: Record<string, unknown> | null = null,
  ): Promise<void> {
    return this.audit.insert({
      type,
      actorId,
      target,
      address: client?.address ?? null,
      userAgent: client?.userAgent ?? null,
      requestId: client?.requestId ?? null,
      details,
      at,
    });
  }
}

const userTarget = (id: number): AuditEntry['target'] => ({ type: 'user', id });
const sessionTarget = (id: string): AuditEntry['target'] => ({ type: 'session', id });
