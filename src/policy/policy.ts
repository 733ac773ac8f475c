import { forbidden, forbiddenWith } from '../common/errors/http-errors';
import type { Actor, Role } from './roles';

interface Rule {
  /** Roles allowed whoever owns the subject. */
  roles: readonly Role[];
  /** Whether the subject's owner is allowed too (the rule then needs the owner's id). */
  owner: boolean;
  /** The field of the 403 answer. */
  field: string;
}

/**
 * Every write and privileged read Folio decides, in one table: no controller or service tests a role or an owner
 * itself, it asks here. docs/security.md shows this table route by route.
 */
export const RULES = {
  'article.update': { roles: ['admin'], owner: true, field: 'article' },
  'article.delete': { roles: ['moderator', 'admin'], owner: true, field: 'article' },
  /** Unpublishing (status `unpublished` or `draft` on a published article): moderation too. */
  'article.unpublish': { roles: ['moderator', 'admin'], owner: true, field: 'article' },
  /** An article's past versions (list, read, diff). */
  'article.history': { roles: ['moderator', 'admin'], owner: true, field: 'article' },
  /** Seeing a draft, scheduled or unpublished article (everyone else gets 404). */
  'article.read-unlisted': { roles: ['moderator', 'admin'], owner: true, field: 'article' },
  /** Taking an article out of the trash; its author only when they put it there themselves. */
  'article.restore': { roles: ['moderator', 'admin'], owner: true, field: 'article' },
  'comment.delete': { roles: ['moderator', 'admin'], owner: true, field: 'comment' },
  /** Taking a comment out of the trash; its author only when they put it there themselves. */
  'comment.restore': { roles: ['moderator', 'admin'], owner: true, field: 'comment' },
  /** A generated resource's record (`nest g resource`): its owner, or an admin; the 403 names the resource. */
  'resource.change': { roles: ['admin'], owner: true, field: 'resource' },
  'report.create': { roles: ['user', 'moderator', 'admin'], owner: false, field: 'report' },
  'report.review': { roles: ['moderator', 'admin'], owner: false, field: 'report' },
  'user.manage': { roles: ['admin'], owner: false, field: 'user' },
  'audit.read': { roles: ['admin'], owner: false, field: 'audit' },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof RULES;

/** Whether `actor` may do `permission`, to a subject owned by `ownerId` when the rule cares about owners. */
export function can(actor: Actor, permission: Permission, ownerId?: number): boolean {
  const rule: Rule = RULES[permission];
  if (rule.roles.includes(actor.role)) return true;
  return rule.owner && ownerId !== undefined && ownerId === actor.id;
}

/** can(), or a 403 `{"errors": {<field>: ["forbidden"]}}` (the rule's field unless `field` names another). */
export function authorize(actor: Actor, permission: Permission, ownerId?: number, field?: string): void {
  if (!can(actor, permission, ownerId)) throw forbidden(field ?? RULES[permission].field);
}

/** An article or comment in the trash: who wrote it and who put it there. */
export interface Trashed {
  authorId: number;
  deletedBy: number | null;
}

type RestorePermission = 'article.restore' | 'comment.restore';

/** Whether a moderator or admin (rather than its author) put it in the trash. */
export const removedByModerator = (trashed: Trashed): boolean => trashed.deletedBy !== trashed.authorId;

/** Moderators and admins may restore anything; its author only what they put in the trash themselves. */
export function canRestore(actor: Actor, permission: RestorePermission, trashed: Trashed): boolean {
  return can(actor, permission, removedByModerator(trashed) ? undefined : trashed.authorId);
}

/** canRestore(), or a 403 that says why. */
export function authorizeRestore(actor: Actor, permission: RestorePermission, trashed: Trashed): void {
  if (!canRestore(actor, permission, trashed))
    throw forbiddenWith({
      [RULES[permission].field]: ['was removed by a moderator, who alone can restore it'],
    });
}
