import { Injectable } from '@nestjs/common';
import { EmailChanged, EmailConfirmed, PasswordResetCompleted } from '../auth/account/account.events';
import { MfaChanged } from '../auth/mfa/mfa.events';
import { RefreshReuseDetected, SessionsRevoked, SignedIn, SignInFailed } from '../auth/auth.events';
import type { ClientInfo } from '../common/client-info';
import { OnDomainEvent } from '../events/on-domain-event.decorator';
import { ArticleChanged, ArticleDeleted, ArticleRestored } from '../content/articles/article.events';
import { CommentDeleted, CommentRestored } from '../content/comments/comment.events';
import { ReportResolved } from '../content/reports/report.events';
import {
  AccountClosed,
  UserRegistered,
  UserRoleChanged,
  UserSuspensionChanged,
  UserUpdated,
} from '../users/user.events';
import { AuditType } from './audit-types';
import { AuditEntry, AuditRepository } from './audit.repository';

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
    await this.record(
      'sign-in.failed',
      null,
      target,
      event.client,
      event.at,
      event.email === null ? { method: 'mfa' } : { email: event.email },
    );
  }

  @OnDomainEvent(SessionsRevoked)
  async sessionsRevoked(event: SessionsRevoked): Promise<void> {
    const type: AuditType = event.reason === 'signed-out' ? 'sign-out' : 'session.revoked';
    const target = event.sessionId === null ? userTarget(event.userId) : sessionTarget(event.sessionId);
    await this.record(type, event.actorId, target, event.client, event.at, {
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

  @OnDomainEvent(PasswordResetCompleted)
  async passwordReset(event: PasswordResetCompleted): Promise<void> {
    await this.record('password.reset', event.userId, userTarget(event.userId), event.client, event.at);
  }

  @OnDomainEvent(EmailConfirmed)
  async emailConfirmed(event: EmailConfirmed): Promise<void> {
    await this.record('email.confirmed', event.userId, userTarget(event.userId), event.client, event.at, {
      email: event.email,
    });
  }

  @OnDomainEvent(EmailChanged)
  async emailChanged(event: EmailChanged): Promise<void> {
    await this.record('email.changed', event.userId, userTarget(event.userId), event.client, event.at, {
      from: event.oldEmail,
      to: event.newEmail,
    });
  }

  @OnDomainEvent(MfaChanged)
  async mfaChanged(event: MfaChanged): Promise<void> {
    const type: AuditType = event.enabled ? 'mfa.enabled' : 'mfa.disabled';
    await this.record(type, event.userId, userTarget(event.userId), event.client, event.at);
  }

  @OnDomainEvent(UserRoleChanged)
  async roleChanged(event: UserRoleChanged): Promise<void> {
    await this.record('role.changed', event.actorId, userTarget(event.userId), event.client, event.at, {
      from: event.from,
      to: event.to,
    });
  }

  @OnDomainEvent(UserSuspensionChanged)
  async suspensionChanged(event: UserSuspensionChanged): Promise<void> {
    const type: AuditType = event.suspended ? 'user.suspended' : 'user.restored';
    await this.record(type, event.actorId, userTarget(event.userId), event.client, event.at);
  }

  /** The account deleted itself; the row keeps its id and username, as the account no longer can. */
  @OnDomainEvent(AccountClosed)
  async accountClosed(event: AccountClosed): Promise<void> {
    const details = { username: event.username };
    await this.record(
      'user.deleted',
      event.userId,
      userTarget(event.userId),
      event.client,
      event.at,
      details,
    );
  }

  /** Content deleted by someone other than its author: a moderator or an admin removed it. */
  @OnDomainEvent(ArticleDeleted)
  async articleDeleted(event: ArticleDeleted): Promise<void> {
    if (event.actorId === event.article.authorId) return;
    await this.record(
      'content.removed',
      event.actorId,
      { type: 'article', id: event.article.slug },
      event.client,
      event.at,
      {
        authorId: event.article.authorId,
      },
    );
  }

  @OnDomainEvent(CommentDeleted)
  async commentDeleted(event: CommentDeleted): Promise<void> {
    if (event.actorId === event.comment.authorId) return;
    await this.record(
      'content.removed',
      event.actorId,
      { type: 'comment', id: event.comment.id },
      event.client,
      event.at,
      {
        authorId: event.comment.authorId,
        article: event.comment.article.slug,
      },
    );
  }

  /** A published article taken down (unpublished, or back to draft) by someone other than its author. */
  @OnDomainEvent(ArticleChanged)
  async articleChanged(event: ArticleChanged): Promise<void> {
    const takenDown = event.status === 'unpublished' || event.status === 'draft';
    if (!takenDown || event.actorId === event.article.authorId) return;
    const details = { authorId: event.article.authorId, status: event.status };
    const target = { type: 'article' as const, id: event.article.slug };
    await this.record('content.unpublished', event.actorId, target, event.client, event.at, details);
  }

  /** Content restored by someone other than its author: a moderator or an admin brought it back. */
  @OnDomainEvent(ArticleRestored)
  async articleRestored(event: ArticleRestored): Promise<void> {
    if (event.actorId === event.article.authorId) return;
    const details = { authorId: event.article.authorId };
    const target = { type: 'article' as const, id: event.article.slug };
    await this.record('content.restored', event.actorId, target, event.client, event.at, details);
  }

  @OnDomainEvent(CommentRestored)
  async commentRestored(event: CommentRestored): Promise<void> {
    if (event.actorId === event.comment.authorId) return;
    const details = { authorId: event.comment.authorId, article: event.comment.article.slug };
    const target = { type: 'comment' as const, id: event.comment.id };
    await this.record('content.restored', event.actorId, target, event.client, event.at, details);
  }

  @OnDomainEvent(ReportResolved)
  async reportResolved(event: ReportResolved): Promise<void> {
    await this.record(
      'report.resolved',
      event.actorId,
      { type: 'report', id: event.reportId },
      event.client,
      event.at,
      {
        status: event.status,
      },
    );
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
