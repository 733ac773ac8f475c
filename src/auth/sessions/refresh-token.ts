import { createHash, randomBytes } from 'node:crypto';

/** What a refresh token looks like: 32 random bytes in base64url. Anything else is refused before any lookup. */
const REFRESH_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

export function isRefreshTokenShaped(token: string): boolean {
  return REFRESH_TOKEN.test(token);
}

/** How a refresh token is stored and looked up: its SHA-256 in hex. */
export function refreshTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
