import { HttpException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { LoginLimiter } from '../rate-limit/login-limiter.service';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher.service';

const PLAIN = 'correct horse battery staple';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const ADDRESS = '203.0.113.7';
const CALLER = {
  id: 42,
  token: 'old.jwt.token',
  sessionId: 'session-of-the-caller',
  profile: { username: 'jake', bio: null, image: null },
};

const storedUser = () => ({
  id: 42,
  email: 'jake@example.com',
  username: 'jake',
  passwordHash: HASH,
  tokenVersion: 3,
  passwordSessionId: null,
  bio: null,
  image: null,
  createdAt: new Date(),
  updatedAt: new Date(),
});

describe('AuthService', () => {
  let service: AuthService;
  const users = {
    create: jest.fn(),
    findCredentials: jest.fn(),
    findAccount: jest.fn(),
    update: jest.fn(),
  };
  const passwords = { hash: jest.fn(), verify: jest.fn() };
  const jwt = { signAsync: jest.fn() };
  const loginLimiter = { begin: jest.fn(), succeeded: jest.fn() };

  beforeEach(async () => {
    for (const mock of [users, passwords, jwt, loginLimiter].flatMap((group) => Object.values(group))) {
      mock.mockReset();
    }
    jwt.signAsync.mockResolvedValue('signed.jwt.token');
    const moduleRef = await Test.createTestingModule({
      providers: [
        AuthService,
        { provide: UsersService, useValue: users },
        { provide: PasswordHasher, useValue: passwords },
        { provide: JwtService, useValue: jwt },
        { provide: LoginLimiter, useValue: loginLimiter },
      ],
    }).compile();
    service = moduleRef.get(AuthService);
  });

  async function loginFailure(): Promise<HttpException> {
    const failure = await service
      .login({ email: 'jake@example.com', password: PLAIN }, ADDRESS)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpException);
    return failure as HttpException;
  }

  describe('login', () => {
    it('should answer 401 credentials invalid for an unknown email, after still verifying a password', async () => {
      users.findCredentials.mockResolvedValue(null);
      passwords.verify.mockResolvedValue(false);
      const failure = await loginFailure();
      expect(failure.getStatus()).toBe(401);
      expect(failure.getResponse()).toEqual({ errors: { credentials: ['invalid'] } });
      // Verifying against the hasher's decoy keeps an unknown email as slow as a wrong password.
      expect(passwords.verify).toHaveBeenCalledTimes(1);
      expect(passwords.verify).toHaveBeenCalledWith(undefined, PLAIN);
      expect(jwt.signAsync).not.toHaveBeenCalled();
    });

    it('should answer the same 401 for a wrong password', async () => {
      users.findCredentials.mockResolvedValue(storedUser());
      passwords.verify.mockResolvedValue(false);
      const failure = await loginFailure();
      expect(failure.getStatus()).toBe(401);
      expect(failure.getResponse()).toEqual({ errors: { credentials: ['invalid'] } });
      expect(passwords.verify).toHaveBeenCalledWith(HASH, PLAIN);
      expect(jwt.signAsync).not.toHaveBeenCalled();
    });

    it('should count the attempt before checking, and keep it counted whichever way the login failed', async () => {
      for (const found of [null, storedUser()]) {
        loginLimiter.begin.mockClear();
        users.findCredentials.mockResolvedValue(found);
        passwords.verify.mockResolvedValue(false);
        await loginFailure();
        expect(loginLimiter.begin).toHaveBeenCalledWith('jake@example.com', ADDRESS);
      }
      expect(loginLimiter.succeeded).not.toHaveBeenCalled();
    });

    it('should not let a hasher that accepts anything sign in an unknown email', async () => {
      users.findCredentials.mockResolvedValue(null);
      passwords.verify.mockResolvedValue(true);
      expect((await loginFailure()).getStatus()).toBe(401);
    });

    it('should refuse before looking anything up when the limiter says so', async () => {
      const blocked = new HttpException({ errors: { credentials: ['too many failed sign-ins'] } }, 429);
      loginLimiter.begin.mockRejectedValue(blocked);
      expect(await loginFailure()).toBe(blocked);
      expect(loginLimiter.begin).toHaveBeenCalledWith('jake@example.com', ADDRESS);
      expect(users.findCredentials).not.toHaveBeenCalled();
      expect(passwords.verify).not.toHaveBeenCalled();
    });

    it('should sign in with the right password and answer the user with a fresh token, without the hash', async () => {
      users.findCredentials.mockResolvedValue(storedUser());
      passwords.verify.mockResolvedValue(true);
      const response = await service.login({ email: 'jake@example.com', password: PLAIN }, ADDRESS);
      expect(users.findCredentials).toHaveBeenCalledWith('jake@example.com');
      expect(jwt.signAsync).toHaveBeenCalledWith({
        sub: 42,
        username: 'jake',
        ver: 3,
        sid: expect.stringMatching(/^[\w-]{16,}$/),
      });
      expect(loginLimiter.succeeded).toHaveBeenCalledWith('jake@example.com', ADDRESS);
      expect(response).toEqual({
        user: {
          email: 'jake@example.com',
          token: 'signed.jwt.token',
          username: 'jake',
          bio: null,
          image: null,
        },
      });
      expect(JSON.stringify(response)).not.toContain(HASH);
    });

    it('should start a new session at every sign-in', async () => {
      users.findCredentials.mockResolvedValue(storedUser());
      passwords.verify.mockResolvedValue(true);
      await service.login({ email: 'jake@example.com', password: PLAIN }, ADDRESS);
      await service.login({ email: 'jake@example.com', password: PLAIN }, ADDRESS);
      const [first, second] = jwt.signAsync.mock.calls.map(([payload]) => payload.sid);
      expect(first).not.toBe(second);
    });
  });

  describe('register', () => {
    it('should hash the password and give UsersService only the hash', async () => {
      passwords.hash.mockResolvedValue(HASH);
      users.create.mockImplementation(async (fields: { email: string; username: string }) => ({
        ...storedUser(),
        ...fields,
      }));
      await service.register({ email: 'jake@example.com', username: 'jake', password: PLAIN });
      expect(passwords.hash).toHaveBeenCalledWith(PLAIN);
      expect(users.create).toHaveBeenCalledTimes(1);
      expect(users.create).toHaveBeenCalledWith({
        email: 'jake@example.com',
        username: 'jake',
        passwordHash: HASH,
      });
      expect(JSON.stringify(users.create.mock.calls)).not.toContain(PLAIN);
    });

    it('should answer the new user with a token and neither password nor hash', async () => {
      passwords.hash.mockResolvedValue(HASH);
      users.create.mockResolvedValue(storedUser());
      const response = await service.register({
        email: 'jake@example.com',
        username: 'jake',
        password: PLAIN,
      });
      expect(jwt.signAsync).toHaveBeenCalledWith(
        expect.objectContaining({ sub: 42, username: 'jake', ver: 3 }),
      );
      expect(response).toEqual({
        user: {
          email: 'jake@example.com',
          token: 'signed.jwt.token',
          username: 'jake',
          bio: null,
          image: null,
        },
      });
      expect(JSON.stringify(response)).not.toContain(PLAIN);
      expect(JSON.stringify(response)).not.toContain(HASH);
    });

    it('should not create the user when hashing fails', async () => {
      passwords.hash.mockRejectedValue(new Error('out of memory'));
      await expect(
        service.register({ email: 'jake@example.com', username: 'jake', password: PLAIN }),
      ).rejects.toThrow('out of memory');
      expect(users.create).not.toHaveBeenCalled();
    });
  });

  describe('update', () => {
    it("should store a new password only as its hash, with the caller's session as the one that stays", async () => {
      passwords.hash.mockResolvedValue(HASH);
      users.update.mockResolvedValue(storedUser());
      await service.update(CALLER, { password: PLAIN, bio: 'hi' });
      expect(users.update).toHaveBeenCalledWith(42, {
        passwordHash: HASH,
        passwordSessionId: CALLER.sessionId,
        bio: 'hi',
      });
      expect(JSON.stringify(users.update.mock.calls)).not.toContain(PLAIN);
    });

    it("should re-issue the token within the caller's session", async () => {
      users.update.mockResolvedValue({ ...storedUser(), tokenVersion: 4 });
      const response = await service.update(CALLER, { bio: 'hi' });
      expect(jwt.signAsync).toHaveBeenCalledWith({
        sub: 42,
        username: 'jake',
        ver: 4,
        sid: CALLER.sessionId,
      });
      expect(response.user.token).toBe('signed.jwt.token');
    });

    it('should pass only the fields that were sent, keeping null to clear bio and image', async () => {
      users.update.mockResolvedValue(storedUser());
      await service.update(CALLER, { bio: null, image: null });
      expect(users.update).toHaveBeenCalledWith(42, { bio: null, image: null });
      expect(passwords.hash).not.toHaveBeenCalled();
    });
  });
});
