/** The security events of the audit log's `type` column. */
export const AUDIT_TYPES = [
  'user.registered',
  'sign-in.succeeded',
  'sign-in.failed',
  'sign-out',
  'session.revoked',
  'refresh.reused',
  'password.changed',
  'password.reset',
  'email.confirmed',
  'email.changed',
  'mfa.enabled',
  'mfa.disabled',
  'role.changed',
  'user.suspended',
  'user.restored',
  'user.deleted',
  'content.removed',
  'content.restored',
  'content.unpublished',
  'report.resolved',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];
