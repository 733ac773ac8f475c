import { generate, generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';

/** RFC 6238 codes: 6 digits, 30-second steps, SHA-1 (what authenticator apps expect). */
const CODE = /^\d{6}$/;
/** ±1 step: a code of the previous or next 30 s is accepted too (clock drift, typing time). */
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Folio', label: account, secret });
}

/** The otpauth URI as a QR code: a PNG data URL an <img> shows as it is. */
export async function totpQrCode(uri: string): Promise<string> {
  return toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1 });
}

/**
 * The time step of `code` if it is right for `secret` now (±1 step) and later than `afterStep` (a code already used
 * cannot be used again); null otherwise, also for anything that is not six digits.
 */
export async function acceptedStep(secret: string, code: string, afterStep: number): Promise<number | null> {
  if (!CODE.test(code)) return null;
  // otplib throws when afterStep lies beyond the window (a step recorded by an instance whose clock runs ahead).
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    afterTimeStep: afterStep,
  }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The current code of `secret` (tests and documentation examples play the authenticator app with it). */
export function currentTotpCode(secret: string): Promise<string> {
  return generate({ secret });
}
