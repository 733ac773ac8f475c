import { createHash } from 'node:crypto';
import { generate } from 'otplib';
import { fakeDatabase, fakeEvents, rejection, TX } from '../../../test/support/unit-doubles';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { TooManyRequests } from '../../common/errors/http-errors';
import type { JobHandler } from '../../jobs/job-handler';
import type { JobRunner } from '../../jobs/job-runner.service';
import type { LoginLimiter } from '../../rate-limit/login-limiter.service';
import type { Account, Credentials } from '../../users/users.repository';
import type { UsersService } from '../../users/users.service';
import { SignInFailed } from '../auth.events';
import type { PasswordHasher } from '../password-hasher.service';
import { MfaChanged } from './mfa.events';
import type { ChallengeState, MfaRepository, TotpState } from './mfa.repository';
import { MfaService } from './mfa.service';
import { SecretBox } from './secret-box';

const CONFIG = {
  encryptionKey: 'unit-test-mfa-encryption-key-0123456789',
  challengeTtlMs: 5 * 60_000,
  challengeAttempts: 5,
};
/** The RFC 6238 test secret ("12345678901234567890") in base32. */
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** Ten seconds into a 30-second step, so that no code sits on a step boundary. */
const NOW = new Date('2026-04-01T09:00:10.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const STEP = Math.floor(NOW_SECONDS / 30);
const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const CALLER: AuthUser = {
  id: 42,
  token: 'caller.jwt.token',
  sessionId: 'session-of-the-caller',
  profile: { username: 'jake', bio: null, image: null },
  emailConfirmed: true,
  role: 'user',
};
const PASSWORD = 'correct horse battery staple';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const CHALLENGE_TOKEN = 'q3Xv2m9cT0i8gk1ZpH4rLwAbCdEfGhIjKlMnOpQrStU';
const RECOVERY_CODE = '3f9a1-c07be';
const INVALID_CHALLENGE = { status: 401, body: { errors: { challenge: ['is invalid or has expired'] } } };
const INVALID_CODE = { status: 401, body: { errors: { code: ['is invalid'] } } };

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
/** How a recovery code is stored: the SHA-256 of its lower-case letters and digits. */
const recoveryHash = (code: string): string => sha256(code.toLowerCase().replace(/[^0-9a-z]/g, ''));
/** The code an authenticator app holding `secret` shows `steps` time steps away from now. */
const codeAt = (steps = 0, secret = SECRET): Promise<string> =>
  generate({ secret, epoch: NOW_SECONDS + steps * 30 });
/** Six digits that are no code of SECRET around now (the clock is frozen, so this holds in every run). */
async function wrongCode(): Promise<string> {
  const near = await Promise.all([-1, 0, 1].map((steps) => codeAt(steps)));
  let candidate = 0;
  while (near.includes(String(candidate).padStart(6, '0'))) candidate += 1;
  return String(candidate).padStart(6, '0');
}

const box = new SecretBox(CONFIG.encryptionKey);
const account = (): Account => ({
  id: 42,
  email: 'jake@example.com',
  username: 'jake',
  bio: null,
  image: null,
  emailConfirmed: true,
  role: 'user',
  suspended: false,
});
const credentials = (): Credentials => ({ ...account(), passwordHash: HASH });
const totpState = (fields: Partial<TotpState> = {}): TotpState => ({
  secretCiphertext: box.seal(SECRET),
  enabled: true,
  lastStep: STEP - 10,
  ...fields,
});
const challengeState = (fields: Partial<ChallengeState> = {}): ChallengeState => ({
  userId: 42,
  expiresAt: new Date(NOW.getTime() + 60_000),
  used: false,
  failedAttempts: 0,
  ...fields,
});

describe('MfaService', () => {
  let repository: jest.Mocked<MfaRepository>;
  let users: jest.Mocked<UsersService>;
  let passwords: jest.Mocked<PasswordHasher>;
  let limiter: jest.Mocked<LoginLimiter>;
  let runner: jest.Mocked<JobRunner>;
  let database: ReturnType<typeof fakeDatabase>;
  let events: ReturnType<typeof fakeEvents>;
  let service: MfaService;

  beforeEach(() => {
    // Only the clock is frozen: otplib and the service read it, the promises around them keep running.
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    repository = {
      findTotp: jest.fn().mockResolvedValue(null),
      savePending: jest.fn().mockResolvedValue(true),
      useStep: jest.fn().mockResolvedValue(true),
      replaceRecoveryCodes: jest.fn().mockResolvedValue(undefined),
      useRecoveryCode: jest.fn().mockResolvedValue(false),
      removeTotp: jest.fn().mockResolvedValue(true),
      insertChallenge: jest.fn().mockResolvedValue(undefined),
      findChallenge: jest.fn().mockResolvedValue(challengeState()),
      useChallenge: jest.fn().mockResolvedValue(true),
      countFailedAttempt: jest.fn().mockResolvedValue(undefined),
      deleteExpiredChallenges: jest.fn().mockResolvedValue(0),
    } as unknown as jest.Mocked<MfaRepository>;
    users = {
      findAccountOrFail: jest.fn().mockResolvedValue(account()),
      findCredentials: jest.fn().mockResolvedValue(credentials()),
    } as unknown as jest.Mocked<UsersService>;
    passwords = { verify: jest.fn().mockResolvedValue(true) } as unknown as jest.Mocked<PasswordHasher>;
    limiter = {
      begin: jest.fn().mockResolvedValue(undefined),
      succeeded: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<LoginLimiter>;
    runner = { every: jest.fn() } as unknown as jest.Mocked<JobRunner>;
    database = fakeDatabase();
    events = fakeEvents();
    service = new MfaService(repository, users, passwords, limiter, runner, database, events, CONFIG);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  /** The recovery code `code` (typed any way) is one of the user's unused codes. */
  function holdRecoveryCode(code: string): void {
    repository.useRecoveryCode.mockImplementation(
      async (userId, hash) => userId === 42 && hash === recoveryHash(code),
    );
  }

  describe('onModuleInit', () => {
    it('should purge the challenges past their end every hour', async () => {
      service.onModuleInit();
      expect(runner.every).toHaveBeenCalledWith('mfa-challenges.purge', 3_600_000, expect.any(Function));
      const purge: JobHandler = runner.every.mock.calls[0][2];
      await purge(null, {} as never);
      expect(repository.deleteExpiredChallenges).toHaveBeenCalledWith(NOW);
    });
  });

  describe('isEnabled', () => {
    it.each([
      ['no authenticator', null, false],
      ['an authenticator not yet confirmed', totpState({ enabled: false }), false],
      ['a confirmed authenticator', totpState(), true],
    ])('should answer whether the account has %s on', async (_case, state, enabled) => {
      repository.findTotp.mockResolvedValue(state);
      expect(await service.isEnabled(42)).toBe(enabled);
      expect(repository.findTotp).toHaveBeenCalledWith(42);
    });
  });

  describe('enrol', () => {
    it('should answer a new secret with its otpauth URI and QR code', async () => {
      const { totp } = await service.enrol(CALLER);
      expect(users.findAccountOrFail).toHaveBeenCalledWith(42);
      expect(totp.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(totp.otpauthUri).toMatch(/^otpauth:\/\/totp\/Folio:jake%40example\.com\?/);
      expect(new URL(totp.otpauthUri).searchParams.get('secret')).toBe(totp.secret);
      expect(totp.qrCode).toMatch(/^data:image\/png;base64,/);
    });

    it('should store the secret sealed, never in plain, as a pending one in a transaction', async () => {
      const { totp } = await service.enrol(CALLER);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(repository.savePending).toHaveBeenCalledWith(42, expect.any(String), NOW, TX);
      const sealed = repository.savePending.mock.calls[0][1];
      expect(sealed).not.toContain(totp.secret);
      expect(box.open(sealed)).toBe(totp.secret);
    });

    it('should give every enrolment its own secret', async () => {
      const first = await service.enrol(CALLER);
      const second = await service.enrol(CALLER);
      expect(second.totp.secret).not.toBe(first.totp.secret);
    });

    it('should answer 409 when an authenticator is enabled already', async () => {
      repository.savePending.mockResolvedValue(false);
      expect(await rejection(service.enrol(CALLER))).toEqual({
        status: 409,
        body: { errors: { mfa: ['is already enabled'] } },
      });
    });
  });

  describe('confirm', () => {
    beforeEach(() => {
      repository.findTotp.mockResolvedValue(totpState({ enabled: false, lastStep: 0 }));
    });

    it('should answer 422 when nothing was enrolled', async () => {
      repository.findTotp.mockResolvedValue(null);
      expect(await rejection(service.confirm(CALLER, await codeAt(), CLIENT))).toEqual({
        status: 422,
        body: { errors: { mfa: ['enrol first (POST /api/user/mfa/totp)'] } },
      });
      expect(repository.useStep).not.toHaveBeenCalled();
    });

    it('should answer 409 when the authenticator is enabled already', async () => {
      repository.findTotp.mockResolvedValue(totpState());
      expect(await rejection(service.confirm(CALLER, await codeAt(), CLIENT))).toEqual({
        status: 409,
        body: { errors: { mfa: ['is already enabled'] } },
      });
      expect(repository.useStep).not.toHaveBeenCalled();
      expect(repository.replaceRecoveryCodes).not.toHaveBeenCalled();
    });

    it('should answer 422 to a wrong code, enabling nothing', async () => {
      expect(await rejection(service.confirm(CALLER, await wrongCode(), CLIENT))).toEqual({
        status: 422,
        body: { errors: { code: ['is invalid'] } },
      });
      expect(repository.useStep).not.toHaveBeenCalled();
      expect(repository.replaceRecoveryCodes).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should answer 422 to a code of another secret', async () => {
      const other = await codeAt(0, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
      expect((await rejection(service.confirm(CALLER, other, CLIENT))).status).toBe(422);
    });

    it('should answer 422 when a racing request used the step first, storing no recovery codes', async () => {
      repository.useStep.mockResolvedValue(false);
      expect(await rejection(service.confirm(CALLER, await codeAt(), CLIENT))).toEqual({
        status: 422,
        body: { errors: { code: ['is invalid'] } },
      });
      expect(repository.useStep).toHaveBeenCalledWith(42, STEP, NOW, TX);
      expect(repository.replaceRecoveryCodes).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should enable the authenticator and store the hashes of ten new recovery codes in one transaction', async () => {
      const { recoveryCodes } = await service.confirm(CALLER, await codeAt(), CLIENT);
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-f]{5}-[0-9a-f]{5}$/);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(repository.useStep).toHaveBeenCalledWith(42, STEP, NOW, TX);
      expect(repository.replaceRecoveryCodes).toHaveBeenCalledWith(42, recoveryCodes.map(recoveryHash), TX);
      const stored = JSON.stringify(repository.replaceRecoveryCodes.mock.calls);
      for (const code of recoveryCodes) {
        expect(stored).not.toContain(code);
        expect(stored).not.toContain(code.replace('-', ''));
      }
    });

    it('should publish MfaChanged enabled after enabling it', async () => {
      await service.confirm(CALLER, await codeAt(), CLIENT);
      expect(events.published).toEqual([expect.any(MfaChanged)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        enabled: true,
        client: CLIENT,
        at: NOW,
        actorId: 42,
      });
    });

    it('should accept the code of the next step, recording that step', async () => {
      await service.confirm(CALLER, await codeAt(1), CLIENT);
      expect(repository.useStep).toHaveBeenCalledWith(42, STEP + 1, NOW, TX);
    });

    it('should confirm with a code of the secret that enrol answered', async () => {
      const { totp } = await service.enrol(CALLER);
      const sealed = repository.savePending.mock.calls[0][1];
      repository.findTotp.mockResolvedValue({ secretCiphertext: sealed, enabled: false, lastStep: 0 });
      const { recoveryCodes } = await service.confirm(CALLER, await codeAt(0, totp.secret), CLIENT);
      expect(recoveryCodes).toHaveLength(10);
    });
  });

  describe('disable', () => {
    beforeEach(() => {
      repository.findTotp.mockResolvedValue(totpState());
    });

    it('should answer 422 to a wrong password, checking no code', async () => {
      passwords.verify.mockResolvedValue(false);
      expect(await rejection(service.disable(CALLER, 'wrong', await codeAt(), CLIENT))).toEqual({
        status: 422,
        body: { errors: { password: ['is wrong'] } },
      });
      expect(users.findCredentials).toHaveBeenCalledWith('jake@example.com');
      expect(passwords.verify).toHaveBeenCalledWith(HASH, 'wrong');
      expect(repository.useStep).not.toHaveBeenCalled();
      expect(repository.removeTotp).not.toHaveBeenCalled();
    });

    it.each([
      ['no authenticator', null],
      ['an authenticator not yet confirmed', totpState({ enabled: false })],
    ])('should answer 422 not enabled with %s', async (_case, state) => {
      repository.findTotp.mockResolvedValue(state);
      expect(await rejection(service.disable(CALLER, PASSWORD, await codeAt(), CLIENT))).toEqual({
        status: 422,
        body: { errors: { mfa: ['is not enabled'] } },
      });
      expect(repository.removeTotp).not.toHaveBeenCalled();
    });

    it('should answer 422 to a wrong code that is no recovery code either, removing nothing', async () => {
      const code = await wrongCode();
      expect(await rejection(service.disable(CALLER, PASSWORD, code, CLIENT))).toEqual({
        status: 422,
        body: { errors: { code: ['is invalid'] } },
      });
      expect(repository.useRecoveryCode).toHaveBeenCalledWith(42, recoveryHash(code), NOW);
      expect(repository.removeTotp).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should answer 422 to a code already used', async () => {
      repository.findTotp.mockResolvedValue(totpState({ lastStep: STEP }));
      expect((await rejection(service.disable(CALLER, PASSWORD, await codeAt(), CLIENT))).status).toBe(422);
      expect(repository.removeTotp).not.toHaveBeenCalled();
    });

    it('should remove the authenticator in a transaction with the password and a code, using the code up', async () => {
      await service.disable(CALLER, PASSWORD, await codeAt(), CLIENT);
      expect(passwords.verify).toHaveBeenCalledWith(HASH, PASSWORD);
      expect(repository.useStep).toHaveBeenCalledWith(42, STEP, null);
      expect(repository.removeTotp).toHaveBeenCalledWith(42, TX);
    });

    it('should accept a recovery code however it is typed', async () => {
      holdRecoveryCode(RECOVERY_CODE);
      await service.disable(CALLER, PASSWORD, ' 3F9A1 C07BE ', CLIENT);
      expect(repository.useRecoveryCode).toHaveBeenCalledWith(42, recoveryHash(RECOVERY_CODE), NOW);
      expect(repository.removeTotp).toHaveBeenCalledWith(42, TX);
    });

    it('should publish MfaChanged disabled once it is removed', async () => {
      await service.disable(CALLER, PASSWORD, await codeAt(), CLIENT);
      expect(events.published).toEqual([expect.any(MfaChanged)]);
      expect(events.published[0]).toMatchObject({ userId: 42, enabled: false, client: CLIENT, at: NOW });
      expect(repository.removeTotp.mock.invocationCallOrder[0]).toBeLessThan(
        (events.publish as jest.Mock).mock.invocationCallOrder[0],
      );
    });
  });

  describe('challenge', () => {
    it('should answer a secret token that ends after the configured time, with both methods', async () => {
      expect(await service.challenge(42)).toEqual({
        mfa: {
          challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          expiresAt: new Date(NOW.getTime() + CONFIG.challengeTtlMs).toISOString(),
          methods: ['totp', 'recoveryCode'],
        },
      });
    });

    it('should store only the hash of the token, for the user, with its end', async () => {
      const { mfa } = await service.challenge(42);
      expect(repository.insertChallenge).toHaveBeenCalledWith(
        sha256(mfa.challenge),
        42,
        NOW,
        new Date(NOW.getTime() + CONFIG.challengeTtlMs),
      );
      expect(JSON.stringify(repository.insertChallenge.mock.calls)).not.toContain(mfa.challenge);
    });

    it('should answer a new token each time', async () => {
      const first = await service.challenge(42);
      const second = await service.challenge(42);
      expect(second.mfa.challenge).not.toBe(first.mfa.challenge);
    });
  });

  describe('complete', () => {
    beforeEach(() => {
      repository.findTotp.mockResolvedValue(totpState());
    });

    const complete = async (fields: { code?: string; recoveryCode?: string; challenge?: string }) =>
      service.complete({ challenge: CHALLENGE_TOKEN, ...fields }, CLIENT);

    it.each(['', 'short', `${CHALLENGE_TOKEN}x`, `${CHALLENGE_TOKEN.slice(1)}!`])(
      'should answer 401 to the malformed challenge %j before any lookup',
      async (challenge) => {
        expect(await rejection(complete({ challenge, code: await codeAt() }))).toEqual(INVALID_CHALLENGE);
        expect(repository.findChallenge).not.toHaveBeenCalled();
        expect(limiter.begin).not.toHaveBeenCalled();
      },
    );

    it.each([
      ['unknown', null],
      ['used', challengeState({ used: true })],
      ['ending just now', challengeState({ expiresAt: NOW })],
      ['a minute past its end', challengeState({ expiresAt: new Date(NOW.getTime() - 60_000) })],
      ['out of attempts', challengeState({ failedAttempts: CONFIG.challengeAttempts })],
      ['far past its attempts', challengeState({ failedAttempts: CONFIG.challengeAttempts + 3 })],
    ])(
      'should answer 401 to a challenge %s, checking no code and leaving the limiter alone',
      async (_case, state) => {
        repository.findChallenge.mockResolvedValue(state);
        expect(await rejection(complete({ code: await codeAt() }))).toEqual(INVALID_CHALLENGE);
        expect(repository.findChallenge).toHaveBeenCalledWith(sha256(CHALLENGE_TOKEN));
        expect(limiter.begin).not.toHaveBeenCalled();
        expect(limiter.succeeded).not.toHaveBeenCalled();
        expect(repository.useStep).not.toHaveBeenCalled();
        expect(repository.useChallenge).not.toHaveBeenCalled();
      },
    );

    it('should still take a code at the last attempt allowed', async () => {
      repository.findChallenge.mockResolvedValue(
        challengeState({ failedAttempts: CONFIG.challengeAttempts - 1 }),
      );
      expect(await complete({ code: await codeAt() })).toEqual({ userId: 42, factor: 'totp' });
    });

    it("should count the attempt on the account's second-step limiter before checking the code", async () => {
      await complete({ code: await codeAt() });
      expect(limiter.begin).toHaveBeenCalledWith('mfa:42', CLIENT.address);
      expect(limiter.begin.mock.invocationCallOrder[0]).toBeLessThan(
        repository.findTotp.mock.invocationCallOrder[0],
      );
    });

    it('should refuse past the limit without checking the code', async () => {
      const blocked = new TooManyRequests(60, { credentials: ['too many failed sign-ins'] });
      limiter.begin.mockRejectedValue(blocked);
      await expect(complete({ code: await codeAt() })).rejects.toBe(blocked);
      expect(repository.findTotp).not.toHaveBeenCalled();
      expect(repository.useChallenge).not.toHaveBeenCalled();
    });

    it('should count a wrong code on the challenge, publish SignInFailed without an e-mail and answer 401', async () => {
      expect(await rejection(complete({ code: await wrongCode() }))).toEqual(INVALID_CODE);
      expect(repository.countFailedAttempt).toHaveBeenCalledWith(sha256(CHALLENGE_TOKEN));
      expect(events.published).toEqual([expect.any(SignInFailed)]);
      expect(events.published[0]).toMatchObject({
        email: null,
        userId: 42,
        client: CLIENT,
        at: NOW,
        actorId: null,
      });
      expect(repository.useChallenge).not.toHaveBeenCalled();
      expect(limiter.succeeded).not.toHaveBeenCalled();
    });

    it('should refuse a code already used, as a wrong one', async () => {
      repository.findTotp.mockResolvedValue(totpState({ lastStep: STEP }));
      expect(await rejection(complete({ code: await codeAt() }))).toEqual(INVALID_CODE);
      expect(repository.countFailedAttempt).toHaveBeenCalledTimes(1);
    });

    it('should refuse a right code when a racing request used its step first', async () => {
      repository.useStep.mockResolvedValue(false);
      expect(await rejection(complete({ code: await codeAt() }))).toEqual(INVALID_CODE);
      expect(repository.useChallenge).not.toHaveBeenCalled();
    });

    it('should refuse a code when the authenticator is no longer enabled', async () => {
      repository.findTotp.mockResolvedValue(null);
      expect(await rejection(complete({ code: await codeAt() }))).toEqual(INVALID_CODE);
    });

    it('should answer whose sign-in it is with the factor totp, using the step and the challenge up', async () => {
      expect(await complete({ code: await codeAt() })).toEqual({ userId: 42, factor: 'totp' });
      expect(repository.findTotp).toHaveBeenCalledWith(42);
      expect(repository.useStep).toHaveBeenCalledWith(42, STEP, null);
      expect(repository.useChallenge).toHaveBeenCalledWith(sha256(CHALLENGE_TOKEN), NOW);
      expect(repository.countFailedAttempt).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should take the code of the user the challenge was made for', async () => {
      repository.findChallenge.mockResolvedValue(challengeState({ userId: 43 }));
      expect(await complete({ code: await codeAt() })).toEqual({ userId: 43, factor: 'totp' });
      expect(repository.findTotp).toHaveBeenCalledWith(43);
      expect(limiter.begin).toHaveBeenCalledWith('mfa:43', CLIENT.address);
    });

    it('should answer the factor recovery-code for a recovery code, using it up', async () => {
      holdRecoveryCode(RECOVERY_CODE);
      expect(await complete({ recoveryCode: RECOVERY_CODE.toUpperCase() })).toEqual({
        userId: 42,
        factor: 'recovery-code',
      });
      expect(repository.useRecoveryCode).toHaveBeenCalledWith(42, recoveryHash(RECOVERY_CODE), NOW);
      expect(repository.useStep).not.toHaveBeenCalled();
      expect(repository.useChallenge).toHaveBeenCalledWith(sha256(CHALLENGE_TOKEN), NOW);
    });

    it('should count a wrong recovery code as a failure', async () => {
      holdRecoveryCode(RECOVERY_CODE);
      expect(await rejection(complete({ recoveryCode: 'aaaaa-bbbbb' }))).toEqual(INVALID_CODE);
      expect(repository.countFailedAttempt).toHaveBeenCalledWith(sha256(CHALLENGE_TOKEN));
      expect(events.published).toEqual([expect.any(SignInFailed)]);
    });

    it('should answer 401 when a racing completion used the challenge first', async () => {
      repository.useChallenge.mockResolvedValue(false);
      expect(await rejection(complete({ code: await codeAt() }))).toEqual(INVALID_CHALLENGE);
      expect(limiter.succeeded).not.toHaveBeenCalled();
    });

    it('should clear the second-step failures of the account after using the challenge', async () => {
      await complete({ code: await codeAt() });
      expect(limiter.succeeded).toHaveBeenCalledWith('mfa:42', CLIENT.address);
      expect(repository.useChallenge.mock.invocationCallOrder[0]).toBeLessThan(
        limiter.succeeded.mock.invocationCallOrder[0],
      );
    });
  });

  describe('stepUp', () => {
    beforeEach(() => {
      repository.findTotp.mockResolvedValue(totpState());
    });

    it.each([
      ['no authenticator', null],
      ['an authenticator not yet confirmed', totpState({ enabled: false })],
    ])('should ask for nothing with %s', async (_case, state) => {
      repository.findTotp.mockResolvedValue(state);
      await expect(service.stepUp(42, undefined)).resolves.toBeUndefined();
      await expect(service.stepUp(42, await wrongCode())).resolves.toBeUndefined();
      expect(repository.useStep).not.toHaveBeenCalled();
      expect(repository.useRecoveryCode).not.toHaveBeenCalled();
    });

    it.each([undefined, ''])('should answer 403 mfaCode required to %j', async (code) => {
      expect(await rejection(service.stepUp(42, code))).toEqual({
        status: 403,
        body: { errors: { mfaCode: ['is required: two-factor sign-in is on for this account'] } },
      });
      expect(repository.useRecoveryCode).not.toHaveBeenCalled();
    });

    it('should answer 403 mfaCode invalid to a wrong code', async () => {
      expect(await rejection(service.stepUp(42, await wrongCode()))).toEqual({
        status: 403,
        body: { errors: { mfaCode: ['is invalid'] } },
      });
    });

    it('should answer 403 to a code already used', async () => {
      repository.findTotp.mockResolvedValue(totpState({ lastStep: STEP }));
      expect((await rejection(service.stepUp(42, await codeAt()))).status).toBe(403);
    });

    it('should pass with a code of the authenticator, using its step up', async () => {
      await expect(service.stepUp(42, await codeAt())).resolves.toBeUndefined();
      expect(repository.useStep).toHaveBeenCalledWith(42, STEP, null);
      expect(repository.useRecoveryCode).not.toHaveBeenCalled();
    });

    it('should pass with a code typed with spaces around it', async () => {
      await expect(service.stepUp(42, ` ${await codeAt()} `)).resolves.toBeUndefined();
    });

    it('should pass with a recovery code, using it up', async () => {
      holdRecoveryCode(RECOVERY_CODE);
      await expect(service.stepUp(42, RECOVERY_CODE)).resolves.toBeUndefined();
      expect(repository.useRecoveryCode).toHaveBeenCalledWith(42, recoveryHash(RECOVERY_CODE), NOW);
    });
  });
});
