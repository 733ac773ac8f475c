import { createHash, randomBytes } from 'node:crypto';

/** What a secret token looks like: 32 random bytes in base64url. Anything else is refused before any lookup. */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A token to hand out once (refresh tokens, links in mails); only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isSecretTokenShaped(token: string): boolean {
  return SECRET_TOKEN.test(token);
}

/** How a secret token is stored and looked up: its SHA-256 in hex (32 random bytes need no slow hash). */
export function secretTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
