import type { Role } from '../policy/roles';

/**
 * The caller as the authentication layer established it: `token` is the raw JWT the request carried and
 * `sessionId` the sign-in it belongs to (every token re-issued within one sign-in keeps it).
 */
export interface AuthUser {
  id: number;
  token: string;
  sessionId: string;
  /** The caller's public profile as read with the token check: lets a write answer without reading it again. */
  profile: { username: string; bio: string | null; image: string | null };
  /** Whether the account's e-mail address is confirmed (REQUIRE_EMAIL_CONFIRMATION blocks writes until it is). */
  emailConfirmed: boolean;
  role: Role;
}
