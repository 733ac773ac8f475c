/**
 * - `user`: the RealWorld default; writes its own articles and comments, reports others';
 * - `moderator`: also deletes any article or comment, and lists and resolves reports;
 * - `admin`: everything, and manages users (roles, suspension) and reads the audit log.
 */
export const ROLES = ['user', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is acting, as the policy needs to know them. */
export interface Actor {
  id: number;
  role: Role;
}
