import { HttpException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { fakeEvents, rejection } from '../../test/support/unit-doubles';
import type { AuthUser } from '../common/auth-user';
import type { ClientInfo } from '../common/client-info';
import { conflict, unauthorized } from '../common/errors/http-errors';
import type { LoginLimiter } from '../rate-limit/login-limiter.service';
import type { Credentials } from '../users/users.repository';
import type { UsersService } from '../users/users.service';
import type { EmailChangeService } from './account/email-change.service';
import type { EmailConfirmationService } from './account/email-confirmation.service';
import { SignedIn, SignInFailed } from './auth.events';
import { AuthService } from './auth.service';
import type { UpdateUserDto } from './dto/update-user.dto';
import type { UserResponseDto } from './dto/user-response.dto';
import type { JwtPayload } from './jwt.strategy';
import type { MfaChallengeResponseDto } from './mfa/dto/mfa.dto';
import type { MfaService, SecondFactor } from './mfa/mfa.service';
import type { PasswordHasher } from './password-hasher.service';
import type { SessionGrant, SessionsService } from './sessions/sessions.service';

const PLAIN = 'correct horse battery staple';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const ACCESS_SECONDS = 900;
const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const CALLER: AuthUser = {
  id: 42,
  token: 'old.jwt.token',
  sessionId: 'session-of-the-caller',
  profile: { username: 'jake', bio: null, image: null },
  emailConfirmed: true,
  role: 'user',
};
const GRANT: SessionGrant = {
  userId: 42,
  sessionId: 'new-session',
  refreshToken: 'R'.repeat(43),
};
const LOGIN = { email: 'jake@example.com', password: PLAIN };
const CHALLENGE: MfaChallengeResponseDto = {
  mfa: {
    challenge: 'q3Xv2m9cT0i8gk1ZpH4rLwAbCdEfGhIjKlMnOpQrStU',
    expiresAt: '2026-04-01T09:05:00.000Z',
    methods: ['totp', 'recoveryCode'],
  },
};
const COMPLETION = { challenge: CHALLENGE.mfa.challenge, code: '123456' };
const STEP_UP_REFUSED = { mfaCode: ['is invalid'] };

const credentials = (): Credentials => ({
  id: 42,
  email: 'jake@example.com',
  username: 'jake',
  bio: null,
  image: null,
  emailConfirmed: true,
  role: 'user',
  suspended: false,
  passwordHash: HASH,
});

const account = () => {
  const { passwordHash: _hash, ...rest } = credentials();
  return rest;
};

/** The signed-in answer of a login, failing the test when it is a challenge instead. */
function signedIn(response: UserResponseDto | MfaChallengeResponseDto): UserResponseDto {
  if (!('user' in response)) throw new Error(`expected a signed-in user, got ${JSON.stringify(response)}`);
  return response;
}

describe('AuthService', () => {
  let users: jest.Mocked<UsersService>;
  let sessions: jest.Mocked<SessionsService>;
  let passwords: jest.Mocked<PasswordHasher>;
  let loginLimiter: jest.Mocked<LoginLimiter>;
  let events: ReturnType<typeof fakeEvents>;
  let confirmations: jest.Mocked<EmailConfirmationService>;
  let emailChanges: jest.Mocked<EmailChangeService>;
  let mfa: jest.Mocked<MfaService>;
  let jwt: JwtService;
  let service: AuthService;

  beforeEach(() => {
    users = {
      create: jest.fn().mockResolvedValue(account()),
      findCredentials: jest.fn().mockResolvedValue(credentials()),
      findAccount: jest.fn().mockResolvedValue(account()),
      findAccountOrFail: jest.fn().mockResolvedValue(account()),
      update: jest.fn().mockResolvedValue(account()),
    } as unknown as jest.Mocked<UsersService>;
    sessions = {
      open: jest.fn().mockResolvedValue(GRANT),
      refresh: jest.fn().mockResolvedValue(GRANT),
      signOut: jest.fn().mockResolvedValue(undefined),
      revokeAllBut: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<SessionsService>;
    passwords = {
      hash: jest.fn().mockResolvedValue(HASH),
      verify: jest.fn().mockResolvedValue(true),
    } as unknown as jest.Mocked<PasswordHasher>;
    loginLimiter = {
      begin: jest.fn().mockResolvedValue(undefined),
      succeeded: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<LoginLimiter>;
    events = fakeEvents();
    confirmations = {
      send: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<EmailConfirmationService>;
    emailChanges = {
      request: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<EmailChangeService>;
    mfa = {
      isEnabled: jest.fn().mockResolvedValue(false),
      challenge: jest.fn().mockResolvedValue(CHALLENGE),
      complete: jest.fn().mockResolvedValue({ userId: 42, factor: 'totp' }),
      stepUp: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<MfaService>;
    jwt = new JwtService({
      secret: 'unit-test-secret-0123456789',
      signOptions: { expiresIn: ACCESS_SECONDS },
    });
    service = new AuthService(
      users,
      sessions,
      passwords,
      jwt,
      loginLimiter,
      events,
      confirmations,
      emailChanges,
      mfa,
    );
  });

  const claimsOf = (token: string) => jwt.verify<JwtPayload & { exp: number; iat: number }>(token);

  function expectTokenExpiry(response: { user: { token: string; tokenExpiresAt?: string } }): void {
    const { exp, iat } = claimsOf(response.user.token);
    expect(exp - iat).toBe(ACCESS_SECONDS);
    expect(response.user.tokenExpiresAt).toBe(new Date(exp * 1000).toISOString());
  }

  describe('login', () => {
    async function loginFailure(): Promise<HttpException> {
      const failure = await service.login(LOGIN, CLIENT).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(HttpException);
      return failure as HttpException;
    }

    it('should answer 401 credentials invalid for an unknown email, after still verifying a password', async () => {
      users.findCredentials.mockResolvedValue(null);
      passwords.verify.mockResolvedValue(false);
      expect(await rejection(service.login(LOGIN, CLIENT))).toEqual({
        status: 401,
        body: { errors: { credentials: ['invalid'] } },
      });
      // Verifying against the hasher's decoy keeps an unknown email as slow as a wrong password.
      expect(passwords.verify).toHaveBeenCalledTimes(1);
      expect(passwords.verify).toHaveBeenCalledWith(undefined, PLAIN);
      expect(sessions.open).not.toHaveBeenCalled();
    });

    it('should answer the same 401 for a wrong password', async () => {
      passwords.verify.mockResolvedValue(false);
      expect(await rejection(service.login(LOGIN, CLIENT))).toEqual({
        status: 401,
        body: { errors: { credentials: ['invalid'] } },
      });
      expect(passwords.verify).toHaveBeenCalledWith(HASH, PLAIN);
      expect(sessions.open).not.toHaveBeenCalled();
    });

    it('should publish SignInFailed naming the account only when the email is known', async () => {
      passwords.verify.mockResolvedValue(false);
      users.findCredentials.mockResolvedValueOnce(null);
      await loginFailure();
      await loginFailure();
      expect(events.published).toEqual([expect.any(SignInFailed), expect.any(SignInFailed)]);
      expect(events.published[0]).toMatchObject({
        email: 'jake@example.com',
        userId: null,
        client: CLIENT,
        actorId: null,
      });
      expect(events.published[1]).toMatchObject({ email: 'jake@example.com', userId: 42, actorId: null });
    });

    it('should count the attempt before checking, and keep it counted whichever way the login failed', async () => {
      passwords.verify.mockResolvedValue(false);
      for (const found of [null, credentials()]) {
        loginLimiter.begin.mockClear();
        users.findCredentials.mockResolvedValue(found);
        await loginFailure();
        expect(loginLimiter.begin).toHaveBeenCalledWith('jake@example.com', CLIENT.address);
        expect(loginLimiter.begin.mock.invocationCallOrder[0]).toBeLessThan(
          users.findCredentials.mock.invocationCallOrder.at(-1) ?? 0,
        );
      }
      expect(loginLimiter.succeeded).not.toHaveBeenCalled();
    });

    it('should not let a hasher that accepts anything sign in an unknown email', async () => {
      users.findCredentials.mockResolvedValue(null);
      passwords.verify.mockResolvedValue(true);
      expect((await loginFailure()).getStatus()).toBe(401);
      expect(sessions.open).not.toHaveBeenCalled();
    });

    it('should refuse before looking anything up when the limiter says so', async () => {
      const blocked = new HttpException({ errors: { credentials: ['too many failed sign-ins'] } }, 429);
      loginLimiter.begin.mockRejectedValue(blocked);
      expect(await loginFailure()).toBe(blocked);
      expect(users.findCredentials).not.toHaveBeenCalled();
      expect(passwords.verify).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should open a session and answer its tokens, without the hash', async () => {
      const response = signedIn(await service.login(LOGIN, CLIENT));
      expect(users.findCredentials).toHaveBeenCalledWith('jake@example.com');
      expect(loginLimiter.succeeded).toHaveBeenCalledWith('jake@example.com', CLIENT.address);
      expect(sessions.open).toHaveBeenCalledWith(42, CLIENT);
      expect(response).toEqual({
        user: {
          email: 'jake@example.com',
          token: expect.any(String),
          username: 'jake',
          bio: null,
          image: null,
          refreshToken: GRANT.refreshToken,
          tokenExpiresAt: expect.any(String),
        },
      });
      expect(claimsOf(response.user.token)).toEqual({
        sub: 42,
        username: 'jake',
        sid: GRANT.sessionId,
        iat: expect.any(Number),
        exp: expect.any(Number),
      });
      expectTokenExpiry(response);
      expect(JSON.stringify(response)).not.toContain(HASH);
    });

    it('should answer 403 to the right password of a suspended account, opening no session', async () => {
      users.findCredentials.mockResolvedValue({ ...credentials(), suspended: true });
      expect(await rejection(service.login(LOGIN, CLIENT))).toEqual({
        status: 403,
        body: { errors: { credentials: ['this account is suspended'] } },
      });
      expect(passwords.verify).toHaveBeenCalledWith(HASH, PLAIN);
      expect(sessions.open).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should answer a wrong password of a suspended account as any wrong password, not telling the suspension', async () => {
      users.findCredentials.mockResolvedValue({ ...credentials(), suspended: true });
      passwords.verify.mockResolvedValue(false);
      expect(await rejection(service.login(LOGIN, CLIENT))).toEqual({
        status: 401,
        body: { errors: { credentials: ['invalid'] } },
      });
      expect(events.published).toEqual([expect.any(SignInFailed)]);
      expect(sessions.open).not.toHaveBeenCalled();
    });

    it('should publish SignedIn with the session it opened', async () => {
      await service.login(LOGIN, CLIENT);
      expect(events.published).toEqual([expect.any(SignedIn)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        sessionId: GRANT.sessionId,
        method: 'password',
        client: CLIENT,
        actorId: 42,
      });
    });

    it('should ask whether the account has two-factor sign-in on only once the password is right', async () => {
      await service.login(LOGIN, CLIENT);
      expect(mfa.isEnabled).toHaveBeenCalledWith(42);
      expect(mfa.challenge).not.toHaveBeenCalled();
    });

    it('should answer the challenge and open no session when two-factor sign-in is on', async () => {
      mfa.isEnabled.mockResolvedValue(true);
      const signAsync = jest.spyOn(jwt, 'signAsync');
      expect(await service.login(LOGIN, CLIENT)).toEqual(CHALLENGE);
      expect(mfa.challenge).toHaveBeenCalledWith(42);
      expect(sessions.open).not.toHaveBeenCalled();
      expect(signAsync).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should still clear the password failures of the account when it answers a challenge', async () => {
      mfa.isEnabled.mockResolvedValue(true);
      await service.login(LOGIN, CLIENT);
      expect(loginLimiter.succeeded).toHaveBeenCalledWith('jake@example.com', CLIENT.address);
    });

    it('should answer no challenge to a wrong password, or to the right one of a suspended account', async () => {
      mfa.isEnabled.mockResolvedValue(true);
      passwords.verify.mockResolvedValueOnce(false);
      expect((await rejection(service.login(LOGIN, CLIENT))).status).toBe(401);
      users.findCredentials.mockResolvedValue({ ...credentials(), suspended: true });
      expect((await rejection(service.login(LOGIN, CLIENT))).status).toBe(403);
      expect(mfa.challenge).not.toHaveBeenCalled();
    });
  });

  describe('completeMfa', () => {
    it.each<SecondFactor>(['totp', 'recovery-code'])(
      'should open a session once the %s passes, publishing SignedIn with that factor',
      async (factor) => {
        mfa.complete.mockResolvedValue({ userId: 42, factor });
        const response = await service.completeMfa(COMPLETION, CLIENT);
        expect(mfa.complete).toHaveBeenCalledWith(COMPLETION, CLIENT);
        expect(users.findAccount).toHaveBeenCalledWith(42);
        expect(sessions.open).toHaveBeenCalledWith(42, CLIENT);
        expect(events.published).toEqual([expect.any(SignedIn)]);
        expect(events.published[0]).toMatchObject({
          userId: 42,
          sessionId: GRANT.sessionId,
          method: factor,
          client: CLIENT,
        });
        expect(response.user).toMatchObject({ email: 'jake@example.com', refreshToken: GRANT.refreshToken });
        expect(claimsOf(response.user.token)).toMatchObject({
          sub: 42,
          username: 'jake',
          sid: GRANT.sessionId,
        });
        expectTokenExpiry(response);
      },
    );

    it('should sign in the account the challenge belongs to', async () => {
      mfa.complete.mockResolvedValue({ userId: 43, factor: 'totp' });
      users.findAccount.mockResolvedValue({ ...account(), id: 43, username: 'jacob' });
      const response = await service.completeMfa(COMPLETION, CLIENT);
      expect(users.findAccount).toHaveBeenCalledWith(43);
      expect(sessions.open).toHaveBeenCalledWith(43, CLIENT);
      expect(claimsOf(response.user.token)).toMatchObject({ sub: 43, username: 'jacob' });
    });

    it.each([
      ['suspended', { ...account(), suspended: true }],
      ['deleted', null],
    ])('should answer 401 and open no session when the account is %s', async (_case, found) => {
      users.findAccount.mockResolvedValue(found);
      expect(await rejection(service.completeMfa(COMPLETION, CLIENT))).toEqual({
        status: 401,
        body: { errors: { challenge: ['is invalid or has expired'] } },
      });
      expect(sessions.open).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should pass on the refusal of the second step without looking the account up', async () => {
      mfa.complete.mockRejectedValue(unauthorized({ code: ['is invalid'] }));
      expect(await rejection(service.completeMfa(COMPLETION, CLIENT))).toEqual({
        status: 401,
        body: { errors: { code: ['is invalid'] } },
      });
      expect(users.findAccount).not.toHaveBeenCalled();
      expect(sessions.open).not.toHaveBeenCalled();
    });
  });

  describe('register', () => {
    const REGISTRATION = { email: 'jake@example.com', username: 'jake', password: PLAIN };

    it('should hash the password and give UsersService only the hash', async () => {
      await service.register(REGISTRATION, CLIENT);
      expect(passwords.hash).toHaveBeenCalledWith(PLAIN);
      expect(users.create).toHaveBeenCalledTimes(1);
      expect(users.create).toHaveBeenCalledWith({
        email: 'jake@example.com',
        username: 'jake',
        passwordHash: HASH,
      });
      expect(JSON.stringify(users.create.mock.calls)).not.toContain(PLAIN);
    });

    it('should open a session for the new user and answer its tokens, with neither password nor hash', async () => {
      const response = await service.register(REGISTRATION, CLIENT);
      expect(sessions.open).toHaveBeenCalledWith(42, CLIENT);
      expect(claimsOf(response.user.token)).toMatchObject({
        sub: 42,
        username: 'jake',
        sid: GRANT.sessionId,
      });
      expect(response.user.refreshToken).toBe(GRANT.refreshToken);
      expectTokenExpiry(response);
      expect(JSON.stringify(response)).not.toContain(PLAIN);
      expect(JSON.stringify(response)).not.toContain(HASH);
    });

    it("should mail a confirmation link to the new account's address before signing it in", async () => {
      users.create.mockResolvedValue({ ...account(), id: 43, email: 'jacob@example.com' });
      await service.register(REGISTRATION, CLIENT);
      expect(confirmations.send).toHaveBeenCalledTimes(1);
      expect(confirmations.send).toHaveBeenCalledWith(43, 'jacob@example.com');
      expect(users.create.mock.invocationCallOrder[0]).toBeLessThan(
        confirmations.send.mock.invocationCallOrder[0],
      );
      expect(confirmations.send.mock.invocationCallOrder[0]).toBeLessThan(
        sessions.open.mock.invocationCallOrder[0],
      );
    });

    it('should publish SignedIn as a registration', async () => {
      await service.register(REGISTRATION, CLIENT);
      expect(events.published).toEqual([expect.any(SignedIn)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        sessionId: GRANT.sessionId,
        method: 'registration',
      });
    });

    it('should not create the user when hashing fails', async () => {
      passwords.hash.mockRejectedValue(new Error('out of memory'));
      await expect(service.register(REGISTRATION, CLIENT)).rejects.toThrow('out of memory');
      expect(users.create).not.toHaveBeenCalled();
      expect(sessions.open).not.toHaveBeenCalled();
    });

    it('should open no session when the account could not be created', async () => {
      users.create.mockRejectedValue(conflict({ email: ['has already been taken'] }));
      expect((await rejection(service.register(REGISTRATION, CLIENT))).status).toBe(409);
      expect(confirmations.send).not.toHaveBeenCalled();
      expect(sessions.open).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });
  });

  describe('refresh', () => {
    const REFRESHED: SessionGrant = { userId: 42, sessionId: 'session-a', refreshToken: 'N'.repeat(43) };

    it("should trade the refresh token for the session's next tokens", async () => {
      sessions.refresh.mockResolvedValue(REFRESHED);
      const response = await service.refresh('O'.repeat(43), CLIENT);
      expect(sessions.refresh).toHaveBeenCalledWith('O'.repeat(43), CLIENT);
      expect(users.findAccount).toHaveBeenCalledWith(42);
      expect(response.user).toMatchObject({
        email: 'jake@example.com',
        refreshToken: REFRESHED.refreshToken,
      });
      expect(claimsOf(response.user.token)).toMatchObject({ sub: 42, username: 'jake', sid: 'session-a' });
      expectTokenExpiry(response);
      expect(events.published).toEqual([]);
    });

    it('should pass on the refusal of a bad refresh token without looking the account up', async () => {
      sessions.refresh.mockRejectedValue(unauthorized({ refreshToken: ['has expired'] }));
      expect(await rejection(service.refresh('O'.repeat(43), CLIENT))).toEqual({
        status: 401,
        body: { errors: { refreshToken: ['has expired'] } },
      });
      expect(users.findAccount).not.toHaveBeenCalled();
    });

    it('should answer 401 is invalid when the account is suspended, issuing no access token', async () => {
      users.findAccount.mockResolvedValue({ ...account(), suspended: true });
      const signAsync = jest.spyOn(jwt, 'signAsync');
      expect(await rejection(service.refresh('O'.repeat(43), CLIENT))).toEqual({
        status: 401,
        body: { errors: { refreshToken: ['is invalid'] } },
      });
      expect(signAsync).not.toHaveBeenCalled();
    });

    it('should answer 401 is invalid when the account is gone', async () => {
      users.findAccount.mockResolvedValue(null);
      expect(await rejection(service.refresh('O'.repeat(43), CLIENT))).toEqual({
        status: 401,
        body: { errors: { refreshToken: ['is invalid'] } },
      });
    });
  });

  describe('logout', () => {
    it("should sign the caller's session out", async () => {
      await service.logout(CALLER, CLIENT);
      expect(sessions.signOut).toHaveBeenCalledWith(CALLER, CLIENT);
    });
  });

  describe('findCurrent', () => {
    it('should answer the account with the token the caller sent, and no refresh token', async () => {
      expect(await service.findCurrent(CALLER)).toEqual({
        user: { email: 'jake@example.com', token: CALLER.token, username: 'jake', bio: null, image: null },
      });
      expect(users.findAccount).toHaveBeenCalledWith(42);
    });

    it('should answer 401 when the account is gone', async () => {
      users.findAccount.mockResolvedValue(null);
      expect(await rejection(service.findCurrent(CALLER))).toEqual({
        status: 401,
        body: { errors: { token: ['is invalid'] } },
      });
    });
  });

  describe('update', () => {
    it('should store a new password only as its hash, passing the client on', async () => {
      await service.update(CALLER, { password: PLAIN, bio: 'hi' }, CLIENT);
      expect(users.update).toHaveBeenCalledWith(42, { passwordHash: HASH, bio: 'hi' }, CLIENT);
      expect(JSON.stringify(users.update.mock.calls)).not.toContain(PLAIN);
    });

    it("should sign out every other session after the new password is stored, keeping the caller's", async () => {
      await service.update(CALLER, { password: PLAIN }, CLIENT);
      expect(sessions.revokeAllBut).toHaveBeenCalledTimes(1);
      expect(sessions.revokeAllBut).toHaveBeenCalledWith(42, CALLER.sessionId, 'password-changed', CLIENT);
      expect(users.update.mock.invocationCallOrder[0]).toBeLessThan(
        sessions.revokeAllBut.mock.invocationCallOrder[0],
      );
    });

    it('should sign no session out and ask for no e-mail change when the update could not be stored', async () => {
      users.update.mockRejectedValue(conflict({ username: ['has already been taken'] }));
      expect(
        (await rejection(service.update(CALLER, { email: 'x@example.com', password: PLAIN }, CLIENT))).status,
      ).toBe(409);
      expect(sessions.revokeAllBut).not.toHaveBeenCalled();
      expect(emailChanges.request).not.toHaveBeenCalled();
    });

    it('should not read the account when the e-mail is not part of the update', async () => {
      await service.update(CALLER, { bio: 'hi', password: PLAIN }, CLIENT);
      expect(users.findAccountOrFail).not.toHaveBeenCalled();
      expect(users.update).toHaveBeenCalledTimes(1);
    });

    it('should sign no session out when the password is not changed', async () => {
      await service.update(CALLER, { email: 'new@example.com', username: 'jacob' }, CLIENT);
      expect(users.update).toHaveBeenCalledWith(42, { username: 'jacob' }, CLIENT);
      expect(sessions.revokeAllBut).not.toHaveBeenCalled();
    });

    it('should ask for a change to a new e-mail address instead of writing it, answering the current one', async () => {
      const response = await service.update(CALLER, { email: 'new@example.com' }, CLIENT);
      expect(users.update).toHaveBeenCalledWith(42, {}, CLIENT);
      expect(JSON.stringify(users.update.mock.calls)).not.toContain('new@example.com');
      expect(emailChanges.request).toHaveBeenCalledTimes(1);
      expect(emailChanges.request).toHaveBeenCalledWith(42, 'new@example.com');
      expect(response.user.email).toBe('jake@example.com');
    });

    it('should replace an address never confirmed at once, and send a confirmation link to the new one', async () => {
      users.findAccountOrFail.mockResolvedValue({ ...account(), emailConfirmed: false });
      await service.update(CALLER, { email: 'new@example.com' }, CLIENT);
      expect(users.update).toHaveBeenCalledWith(42, { email: 'new@example.com' }, CLIENT);
      expect(confirmations.send).toHaveBeenCalledWith(42, 'new@example.com');
      expect(emailChanges.request).not.toHaveBeenCalled();
    });

    it("should ask for no e-mail change when the address sent is the account's current one", async () => {
      await service.update(CALLER, { email: 'jake@example.com', bio: 'hi' }, CLIENT);
      expect(users.update).toHaveBeenCalledWith(42, { bio: 'hi' }, CLIENT);
      expect(emailChanges.request).not.toHaveBeenCalled();
    });

    it("should re-issue the token within the caller's session, without a refresh token", async () => {
      users.update.mockResolvedValue({ ...account(), username: 'jacob' });
      const response = await service.update(CALLER, { username: 'jacob' }, CLIENT);
      expect(claimsOf(response.user.token)).toMatchObject({
        sub: 42,
        username: 'jacob',
        sid: CALLER.sessionId,
      });
      expect(response.user.token).not.toBe(CALLER.token);
      expect(response.user).not.toHaveProperty('refreshToken');
      expectTokenExpiry(response);
      expect(sessions.open).not.toHaveBeenCalled();
    });

    it.each<[string, UpdateUserDto]>([
      ['a new password', { password: PLAIN, mfaCode: '123456' }],
      ['a new e-mail address', { email: 'new@example.com', mfaCode: '123456' }],
      ['a new password without a code', { password: PLAIN }],
    ])('should ask for the second factor before storing %s', async (_case, dto) => {
      await service.update(CALLER, dto, CLIENT);
      expect(mfa.stepUp).toHaveBeenCalledTimes(1);
      expect(mfa.stepUp).toHaveBeenCalledWith(42, dto.mfaCode);
      expect(mfa.stepUp.mock.invocationCallOrder[0]).toBeLessThan(users.update.mock.invocationCallOrder[0]);
    });

    it.each([
      ['a new password', { password: PLAIN, bio: 'hi' }],
      ['a new e-mail address', { email: 'new@example.com', username: 'jacob' }],
    ])('should change nothing when the second factor refuses %s', async (_case, dto) => {
      mfa.stepUp.mockRejectedValue(new HttpException({ errors: STEP_UP_REFUSED }, 403));
      expect(await rejection(service.update(CALLER, { ...dto, mfaCode: '000000' }, CLIENT))).toEqual({
        status: 403,
        body: { errors: STEP_UP_REFUSED },
      });
      expect(users.update).not.toHaveBeenCalled();
      expect(sessions.revokeAllBut).not.toHaveBeenCalled();
      expect(emailChanges.request).not.toHaveBeenCalled();
    });

    it('should treat an address as new when it differs from the stored one', async () => {
      users.findAccountOrFail.mockResolvedValue({ ...account(), email: 'jacob@example.com' });
      await service.update(CALLER, { email: 'jake@example.com' }, CLIENT);
      expect(users.findAccountOrFail).toHaveBeenCalledWith(42);
      expect(mfa.stepUp).toHaveBeenCalledWith(42, undefined);
      expect(emailChanges.request).toHaveBeenCalledWith(42, 'jake@example.com');
    });

    it.each([
      ['a profile-only change', { bio: 'hi', username: 'jacob', image: null }],
      ['the current e-mail address', { email: 'jake@example.com', bio: 'hi' }],
    ])('should not ask for the second factor for %s', async (_case, dto) => {
      await service.update(CALLER, dto, CLIENT);
      expect(mfa.stepUp).not.toHaveBeenCalled();
      expect(users.update).toHaveBeenCalledTimes(1);
    });

    it('should pass only the fields that were sent, keeping null to clear bio and image', async () => {
      await service.update(CALLER, { bio: null, image: null }, CLIENT);
      expect(users.update).toHaveBeenCalledWith(42, { bio: null, image: null }, CLIENT);
      expect(passwords.hash).not.toHaveBeenCalled();
      expect(emailChanges.request).not.toHaveBeenCalled();
    });
  });
});
