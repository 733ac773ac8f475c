import { randomBytes } from 'node:crypto';
import { isSecretTokenShaped, newSecretToken, secretTokenHash } from '../secret-token';

export const newRefreshToken = newSecretToken;
export const isRefreshTokenShaped = isSecretTokenShaped;
export const refreshTokenHash = secretTokenHash;

export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}
