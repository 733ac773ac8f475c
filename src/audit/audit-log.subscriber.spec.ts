import { Test, TestingModule } from '@nestjs/testing';
import {
  EmailChanged,
  EmailChangeRequested,
  EmailConfirmationRequested,
  EmailConfirmed,
  PasswordResetCompleted,
  PasswordResetRequested,
} from '../auth/account/account.events';
import { RefreshReuseDetected, SessionsRevoked, SignedIn, SignInFailed } from '../auth/auth.events';
import { MfaChanged } from '../auth/mfa/mfa.events';
import type { ClientInfo } from '../common/client-info';
import { ArticleChanged, ArticleDeleted, ArticleRestored } from '../content/articles/article.events';
import { CommentDeleted, CommentRestored } from '../content/comments/comment.events';
import { ReportResolved } from '../content/reports/report.events';
import type { DomainEvent } from '../events/domain-event';
import { DomainEvents } from '../events/domain-events.service';
import { EventsModule } from '../events/events.module';
import {
  AccountClosed,
  AccountClosing,
  UserRegistered,
  UserRoleChanged,
  UserSuspensionChanged,
  UserUpdated,
} from '../users/user.events';
import { AuditLogSubscriber } from './audit-log.subscriber';
import { AUDIT_TYPES } from './audit-types';
import { AuditEntry, AuditRepository } from './audit.repository';

const AT = new Date('2026-04-01T09:00:00.000Z');
const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const STAFF_CLIENT: ClientInfo = { address: '198.51.100.1', userAgent: 'admin-ui', requestId: 'req-9' };
const SECRET_TOKEN = 'S'.repeat(21) + '-' + 's'.repeat(20) + '_';
const ARTICLE = { id: 3, slug: 'dragons', authorId: 42 };
const COMMENT = { id: 11, authorId: 42, article: { id: 3, slug: 'dragons' } };

/** The row a subscriber should write: `client` fills address, User-Agent and request id. */
function entry(
  type: string,
  actorId: number | null,
  target: AuditEntry['target'],
  details: Record<string, unknown> | null,
  client: ClientInfo | null = CLIENT,
): AuditEntry {
  return {
    type,
    actorId,
    target,
    address: client?.address ?? null,
    userAgent: client?.userAgent ?? null,
    requestId: client?.requestId ?? null,
    details,
    at: AT,
  };
}

const CASES: [string, DomainEvent, AuditEntry[]][] = [
  [
    'a registration',
    new UserRegistered(42, 'jake', AT),
    [entry('user.registered', 42, { type: 'user', id: 42 }, null, null)],
  ],
  [
    'a sign-in',
    new SignedIn(42, 'session-a', 'password', CLIENT, AT),
    [entry('sign-in.succeeded', 42, { type: 'session', id: 'session-a' }, { method: 'password' })],
  ],
  [
    'a failed sign-in to an account',
    new SignInFailed('jake@example.com', 42, CLIENT, AT),
    [entry('sign-in.failed', null, { type: 'user', id: 42 }, { email: 'jake@example.com' })],
  ],
  [
    'a failed sign-in to no account',
    new SignInFailed('nobody@example.com', null, CLIENT, AT),
    [entry('sign-in.failed', null, null, { email: 'nobody@example.com' })],
  ],
  [
    'a sign-in with a second factor',
    new SignedIn(42, 'session-a', 'recovery-code', CLIENT, AT),
    [entry('sign-in.succeeded', 42, { type: 'session', id: 'session-a' }, { method: 'recovery-code' })],
  ],
  [
    'a wrong code at the second step of a sign-in',
    new SignInFailed(null, 42, CLIENT, AT),
    [entry('sign-in.failed', null, { type: 'user', id: 42 }, { method: 'mfa' })],
  ],
  [
    'a sign-out',
    new SessionsRevoked(42, 'session-a', 'signed-out', 1, CLIENT, AT),
    [entry('sign-out', 42, { type: 'session', id: 'session-a' }, { reason: 'signed-out', count: 1 })],
  ],
  [
    'one session revoked',
    new SessionsRevoked(42, 'session-b', 'revoked', 1, CLIENT, AT),
    [entry('session.revoked', 42, { type: 'session', id: 'session-b' }, { reason: 'revoked', count: 1 })],
  ],
  [
    'every other session revoked',
    new SessionsRevoked(42, null, 'password-changed', 3, CLIENT, AT),
    [entry('session.revoked', 42, { type: 'user', id: 42 }, { reason: 'password-changed', count: 3 })],
  ],
  [
    'a reused refresh token',
    new RefreshReuseDetected(42, 'session-a', CLIENT, AT),
    [entry('refresh.reused', null, { type: 'session', id: 'session-a' }, { userId: 42 })],
  ],
  [
    'a new password and e-mail address',
    new UserUpdated(42, ['password', 'email'], AT, CLIENT),
    [
      entry('password.changed', 42, { type: 'user', id: 42 }, null),
      entry('email.changed', 42, { type: 'user', id: 42 }, null),
    ],
  ],
  ['a profile change', new UserUpdated(42, ['username', 'bio', 'image'], AT, CLIENT), []],
  [
    'a password reset',
    new PasswordResetCompleted(42, CLIENT, AT),
    [entry('password.reset', 42, { type: 'user', id: 42 }, null)],
  ],
  [
    'a confirmed address',
    new EmailConfirmed(42, 'jake@example.com', CLIENT, AT),
    [entry('email.confirmed', 42, { type: 'user', id: 42 }, { email: 'jake@example.com' })],
  ],
  [
    'a changed address',
    new EmailChanged(42, 'jake@example.com', 'jacob@example.com', CLIENT, AT),
    [
      entry(
        'email.changed',
        42,
        { type: 'user', id: 42 },
        { from: 'jake@example.com', to: 'jacob@example.com' },
      ),
    ],
  ],
  [
    'two-factor sign-in switched on',
    new MfaChanged(42, true, CLIENT, AT),
    [entry('mfa.enabled', 42, { type: 'user', id: 42 }, null)],
  ],
  [
    'two-factor sign-in switched off',
    new MfaChanged(42, false, CLIENT, AT),
    [entry('mfa.disabled', 42, { type: 'user', id: 42 }, null)],
  ],
  [
    "an admin's change of role",
    new UserRoleChanged(42, 'user', 'moderator', 1, STAFF_CLIENT, AT),
    [entry('role.changed', 1, { type: 'user', id: 42 }, { from: 'user', to: 'moderator' }, STAFF_CLIENT)],
  ],
  [
    'a change of role from the command line',
    new UserRoleChanged(42, 'admin', 'user', null, null, AT),
    [entry('role.changed', null, { type: 'user', id: 42 }, { from: 'admin', to: 'user' }, null)],
  ],
  [
    'a suspension',
    new UserSuspensionChanged(42, true, 1, STAFF_CLIENT, AT),
    [entry('user.suspended', 1, { type: 'user', id: 42 }, null, STAFF_CLIENT)],
  ],
  [
    'a restore',
    new UserSuspensionChanged(42, false, 1, STAFF_CLIENT, AT),
    [entry('user.restored', 1, { type: 'user', id: 42 }, null, STAFF_CLIENT)],
  ],
  [
    'an account closed by its owner',
    new AccountClosed(42, 'jake', AT, CLIENT),
    [entry('user.deleted', 42, { type: 'user', id: 42 }, { username: 'jake' })],
  ],
  [
    'an account closed from no request',
    new AccountClosed(42, 'jake', AT),
    [entry('user.deleted', 42, { type: 'user', id: 42 }, { username: 'jake' }, null)],
  ],
  ['an account closing, before its transaction commits', new AccountClosing(42, AT), []],
  [
    "a moderator's removal of an article",
    new ArticleDeleted(ARTICLE, 9, AT, STAFF_CLIENT),
    [entry('content.removed', 9, { type: 'article', id: 'dragons' }, { authorId: 42 }, STAFF_CLIENT)],
  ],
  ["the author's deletion of their article", new ArticleDeleted(ARTICLE, 42, AT, CLIENT), []],
  [
    "a moderator's removal of a comment",
    new CommentDeleted(COMMENT, 9, AT, STAFF_CLIENT),
    [
      entry(
        'content.removed',
        9,
        { type: 'comment', id: 11 },
        { authorId: 42, article: 'dragons' },
        STAFF_CLIENT,
      ),
    ],
  ],
  ["the author's deletion of their comment", new CommentDeleted(COMMENT, 42, AT, CLIENT), []],
  [
    "a moderator's restore of an article",
    new ArticleRestored(ARTICLE, 9, AT, STAFF_CLIENT),
    [entry('content.restored', 9, { type: 'article', id: 'dragons' }, { authorId: 42 }, STAFF_CLIENT)],
  ],
  ["the author's restore of their article", new ArticleRestored(ARTICLE, 42, AT, CLIENT), []],
  [
    "a moderator's take-down of an article",
    new ArticleChanged(ARTICLE, 'dragons', ['status'], 9, AT, 'unpublished', STAFF_CLIENT),
    [
      entry(
        'content.unpublished',
        9,
        { type: 'article', id: 'dragons' },
        { authorId: 42, status: 'unpublished' },
        STAFF_CLIENT,
      ),
    ],
  ],
  [
    "an admin's move of someone's article back to draft",
    new ArticleChanged(ARTICLE, 'dragons', ['status', 'title'], 1, AT, 'draft', STAFF_CLIENT),
    [
      entry(
        'content.unpublished',
        1,
        { type: 'article', id: 'dragons' },
        { authorId: 42, status: 'draft' },
        STAFF_CLIENT,
      ),
    ],
  ],
  [
    "the author's own unpublication",
    new ArticleChanged(ARTICLE, 'dragons', ['status'], 42, AT, 'unpublished'),
    [],
  ],
  [
    "an admin's publication of someone's draft",
    new ArticleChanged(ARTICLE, 'dragons', ['status'], 1, AT, 'published'),
    [],
  ],
  ["an admin's edit that leaves the status", new ArticleChanged(ARTICLE, 'dragons', ['title'], 1, AT), []],
  [
    "an admin's restore of a comment",
    new CommentRestored(COMMENT, 1, AT, STAFF_CLIENT),
    [
      entry(
        'content.restored',
        1,
        { type: 'comment', id: 11 },
        { authorId: 42, article: 'dragons' },
        STAFF_CLIENT,
      ),
    ],
  ],
  ["the author's restore of their comment", new CommentRestored(COMMENT, 42, AT, CLIENT), []],
  [
    'a closed report',
    new ReportResolved(5, 'dismissed', 9, AT, STAFF_CLIENT),
    [entry('report.resolved', 9, { type: 'report', id: 5 }, { status: 'dismissed' }, STAFF_CLIENT)],
  ],
];

describe('AuditLogSubscriber', () => {
  let audit: jest.Mocked<Pick<AuditRepository, 'insert'>>;
  let moduleRef: TestingModule;
  let events: DomainEvents;

  beforeEach(async () => {
    audit = { insert: jest.fn().mockResolvedValue(undefined) };
    moduleRef = await Test.createTestingModule({
      imports: [EventsModule],
      providers: [AuditLogSubscriber, { provide: AuditRepository, useValue: audit }],
    }).compile();
    await moduleRef.init();
    events = moduleRef.get(DomainEvents);
  });

  afterEach(async () => {
    await moduleRef.close();
  });

  const written = (): AuditEntry[] => audit.insert.mock.calls.map(([row]) => row);

  it.each(CASES)('should record %s as published on the bus', async (_case, event, rows) => {
    await events.publish(event);
    expect(written()).toEqual(rows);
  });

  it('should write only the types the audit log documents', async () => {
    for (const [, event] of CASES) await events.publish(event);
    const types = new Set(written().map((row) => row.type));
    expect([...types].filter((type) => !(AUDIT_TYPES as readonly string[]).includes(type))).toEqual([]);
    expect([...types].sort()).toEqual([...AUDIT_TYPES].sort());
  });

  it('should record nothing of the events that carry a secret token', async () => {
    await events.publish(new EmailConfirmationRequested(42, 'jake@example.com', SECRET_TOKEN, AT));
    await events.publish(new PasswordResetRequested(42, 'jake@example.com', SECRET_TOKEN, AT));
    await events.publish(new EmailChangeRequested(42, 'jacob@example.com', SECRET_TOKEN, AT));
    expect(audit.insert).not.toHaveBeenCalled();
  });

  it('should keep details to the facts of the type, never a password, a token or a hash', async () => {
    for (const [, event] of CASES) await events.publish(event);
    const keys = new Set(written().flatMap((row) => Object.keys(row.details ?? {})));
    expect([...keys].sort()).toEqual([
      'article',
      'authorId',
      'count',
      'email',
      'from',
      'method',
      'reason',
      'status',
      'to',
      'userId',
      'username',
    ]);
    expect(JSON.stringify(written())).not.toMatch(/token|hash|secret/i);
  });
});
