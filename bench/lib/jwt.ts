import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims Folio signs (src/auth/auth.service.ts), before iat and exp. */
export interface TokenClaims {
  sub: number;
  username: string;
  /** The session the token belongs to: it works while that session does. */
  sid: string;
}

export interface VerifiedToken extends TokenClaims {
  iat: number;
  exp: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export interface SignedToken {
  token: string;
  /** Its `exp`, as Folio answers it in `tokenExpiresAt`. */
  expiresAt: Date;
}

/** An HS256 token laid out as jsonwebtoken lays it out: the claims, then iat and exp. */
export function signToken(claims: TokenClaims, secret: string, expiresInSeconds: number): SignedToken {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + expiresInSeconds;
  const payload = base64url(JSON.stringify({ ...claims, iat, exp }));
  const token = `${HEADER}.${payload}.${signature(`${HEADER}.${payload}`, secret)}`;
  return { token, expiresAt: new Date(exp * 1000) };
}

/** The claims of a well-formed, correctly signed, unexpired HS256 token; null otherwise. */
export function verifyToken(token: string, secret: string): VerifiedToken | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, sig] = parts;
  const expected = Buffer.from(signature(`${header}.${payload}`, secret));
  const actual = Buffer.from(sig);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const claims = parseJson(header) as { alg?: unknown } | null;
  if (claims?.alg !== 'HS256') return null;
  const body = parseJson(payload) as Partial<VerifiedToken> | null;
  if (!body || !isValidBody(body)) return null;
  return body.exp > Date.now() / 1000 ? body : null;
}

/** `Authorization: Token <jwt>` or `Bearer <jwt>`, as Folio reads it. */
export function tokenFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/**
 * JWT_EXPIRES_IN (or REFRESH_TOKEN_EXPIRES_IN, given its default) as Folio reads it: bare seconds, or a number
 * with s, m, h or d.
 */
export function parseExpiresIn(value: string | undefined, fallback = '7d'): number {
  const match = /^(\d+)([smhd]?)$/.exec(value ?? fallback);
  if (!match) throw new Error(`unsupported duration: ${value}`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

function isValidBody(body: Partial<VerifiedToken>): body is VerifiedToken {
  return Number.isInteger(body.sub) && typeof body.sid === 'string' && typeof body.exp === 'number';
}

function signature(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}
