import { generate } from 'otplib';
import request from 'supertest';
import { auth } from './factories';
import type { TestApp } from './test-app';

/** The authenticator app: the code of the step `stepsAhead` after the current one (the window accepts one ahead). */
export const totpCodeOf = (secret: string, stepsAhead = 0): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });

/** Turns two-factor sign-in on for `user` as a client would: enrol, then confirm with a first code. */
export async function enableMfa(
  t: TestApp,
  user: { token: string },
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enrolment = await request(t.http)
    .post('/api/user/mfa/totp')
    .set(...auth(user))
    .expect(201);
  const { secret } = enrolment.body.totp as { secret: string };
  const confirmed = await request(t.http)
    .post('/api/user/mfa/totp/confirm')
    .set(...auth(user))
    .send({ code: await totpCodeOf(secret) })
    .expect(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes };
}

/** Turns it off again with the password and a recovery code. */
export async function disableMfa(
  t: TestApp,
  user: { token: string; password: string },
  recoveryCode: string,
): Promise<void> {
  await request(t.http)
    .post('/api/user/mfa/totp/disable')
    .set(...auth(user))
    .send({ password: user.password, code: recoveryCode })
    .expect(204);
}

/** A login of `user` (two-factor sign-in on): the challenge it answers. */
export async function mfaChallengeOf(t: TestApp, user: { email: string; password: string }): Promise<string> {
  const res = await request(t.http)
    .post('/api/users/login')
    .send({ user: { email: user.email, password: user.password } })
    .expect(200);
  return (res.body as { mfa: { challenge: string } }).mfa.challenge;
}
