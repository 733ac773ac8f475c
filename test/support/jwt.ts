import { createHmac, createSign, KeyObject } from 'node:crypto';

/** Tokens assembled by hand, so that a test can forge exactly the token it needs (bad alg, bad key, old exp). */
const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** HS256 over header.payload with `secret` (any string or buffer: a PEM public key too, for algorithm confusion). */
export function signHs256(
  payload: object,
  secret: string | Buffer,
  header: object = { alg: 'HS256', typ: 'JWT' },
): string {
  const signingInput = `${encode(header)}.${encode(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** RS256 or ES256 (JOSE's raw r||s signature form) with a private key. */
export function signAsymmetric(payload: object, algorithm: 'RS256' | 'ES256', key: KeyObject): string {
  const signingInput = `${encode({ alg: algorithm, typ: 'JWT' })}.${encode(payload)}`;
  const signature = createSign('sha256')
    .update(signingInput)
    .sign(algorithm === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** The unsigned token of `alg: "none"`. */
export function unsigned(payload: object): string {
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
