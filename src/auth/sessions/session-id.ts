import { randomBytes } from 'node:crypto';

/** A session's public id: 16 random bytes in base64url (not a secret: it is listed to its owner). */
export const newSessionId = (): string => randomBytes(16).toString('base64url');
