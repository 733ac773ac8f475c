import { rejection, accountOf } from '../../test/support/unit-doubles';
import type { AuthUser } from '../common/auth-user';
import type { ClientInfo } from '../common/client-info';
import { forbiddenWith, notFound } from '../common/errors/http-errors';
import type { MfaService } from '../auth/mfa/mfa.service';
import type { PasswordHasher } from '../auth/password-hasher.service';
import type { Credentials } from '../users/users.repository';
import type { UsersService } from '../users/users.service';
import { AccountClosureService } from './account-closure.service';

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
const ACCOUNT = accountOf();
const CREDENTIALS: Credentials = { ...ACCOUNT, passwordHash: HASH };

const NOT_FOUND = { status: 404, body: { errors: { user: ['not found'] } } };
const WRONG_PASSWORD = { status: 422, body: { errors: { password: ['is wrong'] } } };

describe('AccountClosureService', () => {
  let steps: string[];
  let users: jest.Mocked<Pick<UsersService, 'findAccountOrFail' | 'findCredentials' | 'close'>>;
  let passwords: jest.Mocked<Pick<PasswordHasher, 'verify'>>;
  let mfa: jest.Mocked<Pick<MfaService, 'stepUp'>>;
  let service: AccountClosureService;

  const step = (name: string, answer?: unknown): jest.Mock =>
    jest.fn(async () => {
      steps.push(name);
      return answer;
    });

  beforeEach(() => {
    steps = [];
    users = {
      findAccountOrFail: step('find account', ACCOUNT),
      findCredentials: step('find credentials', CREDENTIALS),
      close: step('close'),
    };
    passwords = { verify: step('verify password', true) };
    mfa = { stepUp: step('step up') };
    service = new AccountClosureService(
      users as unknown as UsersService,
      passwords as unknown as PasswordHasher,
      mfa as unknown as MfaService,
    );
  });

  /** Nothing was asked of the second factor and nothing was deleted. */
  const expectNothingClosed = (): void => {
    expect(mfa.stepUp).not.toHaveBeenCalled();
    expect(users.close).not.toHaveBeenCalled();
  };

  it("should check the password against the account's hash, then the second factor, then close the account", async () => {
    await service.close(CALLER, { password: PASSWORD, mfaCode: '123456' }, CLIENT);
    expect(steps).toEqual(['find account', 'find credentials', 'verify password', 'step up', 'close']);
    expect(users.findAccountOrFail).toHaveBeenCalledWith(42);
    expect(users.findCredentials).toHaveBeenCalledWith('jake@example.com');
    expect(passwords.verify).toHaveBeenCalledWith(HASH, PASSWORD);
    expect(mfa.stepUp).toHaveBeenCalledWith(42, '123456');
    expect(users.close).toHaveBeenCalledWith(ACCOUNT, CLIENT);
  });

  it('should leave it to the step-up whether a missing code will do (two-factor sign-in off)', async () => {
    await service.close(CALLER, { password: PASSWORD }, CLIENT);
    expect(mfa.stepUp).toHaveBeenCalledWith(42, undefined);
    expect(users.close).toHaveBeenCalledTimes(1);
  });

  it('should answer 404 when the account is gone, checking and deleting nothing', async () => {
    users.findAccountOrFail.mockRejectedValue(notFound('user'));
    expect(await rejection(service.close(CALLER, { password: PASSWORD }, CLIENT))).toEqual(NOT_FOUND);
    expect(passwords.verify).not.toHaveBeenCalled();
    expectNothingClosed();
  });

  it.each([
    ['no credentials answer to its address (it changed meanwhile)', null],
    ["the address's credentials are another account's", { ...CREDENTIALS, id: 43 }],
  ])('should answer 404 when %s, checking and deleting nothing', async (_case, credentials) => {
    users.findCredentials.mockResolvedValue(credentials);
    expect(await rejection(service.close(CALLER, { password: PASSWORD }, CLIENT))).toEqual(NOT_FOUND);
    expect(passwords.verify).not.toHaveBeenCalled();
    expectNothingClosed();
  });

  it('should answer 422 to a wrong password, asking for no second factor and deleting nothing', async () => {
    passwords.verify.mockResolvedValue(false);
    expect(await rejection(service.close(CALLER, { password: 'wrong', mfaCode: '123456' }, CLIENT))).toEqual(
      WRONG_PASSWORD,
    );
    expect(passwords.verify).toHaveBeenCalledWith(HASH, 'wrong');
    expectNothingClosed();
  });

  it('should delete nothing when the step-up refuses the code', async () => {
    const refused = forbiddenWith({ mfaCode: ['is invalid'] });
    mfa.stepUp.mockRejectedValue(refused);
    expect(await rejection(service.close(CALLER, { password: PASSWORD, mfaCode: '000000' }, CLIENT))).toEqual(
      { status: 403, body: { errors: { mfaCode: ['is invalid'] } } },
    );
    expect(mfa.stepUp).toHaveBeenCalledWith(42, '000000');
    expect(users.close).not.toHaveBeenCalled();
  });
});
