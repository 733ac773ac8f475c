import { createHash, timingSafeEqual } from 'node:crypto';
import type { ErrorMap } from '../../common/errors/http-errors';

/** What is wrong with a scrape's Authorization header, or nothing when no token is required or it matches. */
export function metricsTokenProblem(
  expected: string | undefined,
  authorization: string | undefined,
): ErrorMap | undefined {
  if (!expected) return undefined;
  const presented = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!presented) return { token: ['is missing'] };
  return sameSecret(presented, expected) ? undefined : { token: ['is invalid'] };
}

/** Compared through digests of equal length, so that neither the length nor a prefix leaks through timing. */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
