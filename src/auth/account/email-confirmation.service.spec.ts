import { rejection, TX, accountOf } from '../../../test/support/unit-doubles';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { unprocessable } from '../../common/errors/http-errors';
import type { Database } from '../../database/database.service';
import type { Transaction } from '../../database/sql-executor';
import type { DomainEvents } from '../../events/domain-events.service';
import type { UsersService } from '../../users/users.service';
import { AccountTokens, INVALID_TOKEN } from './account-tokens.service';
import { EmailConfirmationRequested, EmailConfirmed } from './account.events';
import { EmailConfirmationService } from './email-confirmation.service';

const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const TOKEN = 'A'.repeat(21) + '-' + 'b'.repeat(20) + '_';
const ISSUED = 'I'.repeat(43);
const ACCOUNT = accountOf({ emailConfirmed: false });
const CALLER: AuthUser = {
  id: 42,
  token: 'jwt',
  sessionId: 'session-a',
  profile: { username: 'jake', bio: null, image: null },
  emailConfirmed: false,
  role: 'user',
};

describe('EmailConfirmationService', () => {
  let steps: string[];
  let tokens: jest.Mocked<AccountTokens>;
  let users: jest.Mocked<UsersService>;
  let database: jest.Mocked<Database>;
  let events: jest.Mocked<DomainEvents>;
  let service: EmailConfirmationService;

  const step = (name: string, answer?: unknown): jest.Mock =>
    jest.fn(async () => {
      steps.push(name);
      return answer;
    });

  beforeEach(() => {
    steps = [];
    tokens = {
      retire: jest.fn(async (_userId: number, purpose: string) => void steps.push(`retire ${purpose}`)),
      issue: step('issue token', ISSUED),
      use: step('use token', { userId: 42, email: 'jake@example.com' }),
    } as unknown as jest.Mocked<AccountTokens>;
    users = {
      findAccountOrFail: step('find account', ACCOUNT),
      confirmEmail: step('confirm email', true),
    } as unknown as jest.Mocked<UsersService>;
    database = {
      transaction: jest.fn(async (work: (tx: Transaction) => Promise<unknown>) => {
        steps.push('begin');
        const result = await work(TX);
        steps.push('commit');
        return result;
      }),
    } as unknown as jest.Mocked<Database>;
    events = {
      publish: step('publish'),
      publishWithin: step('publish within'),
    } as unknown as jest.Mocked<DomainEvents>;
    service = new EmailConfirmationService(tokens, users, database, events);
  });

  describe('send', () => {
    it('should store a token and publish the mail it needs in one transaction', async () => {
      await service.send(43, 'jacob@example.com');
      expect(steps).toEqual([
        'begin',
        'retire email-confirmation',
        'issue token',
        'publish within',
        'commit',
      ]);
      expect(tokens.issue).toHaveBeenCalledWith(43, 'email-confirmation', 'jacob@example.com', TX);
      const [[tx, event]] = events.publishWithin.mock.calls;
      expect(tx).toBe(TX);
      expect(event).toBeInstanceOf(EmailConfirmationRequested);
      expect(event).toMatchObject({ userId: 43, email: 'jacob@example.com', token: ISSUED, actorId: 43 });
      expect(events.publish).not.toHaveBeenCalled();
    });

    it("should retire the user's earlier confirmation links in the transaction before issuing the new one", async () => {
      await service.send(43, 'jacob@example.com');
      expect(tokens.retire.mock.calls).toEqual([[43, 'email-confirmation', TX]]);
      expect(steps.indexOf('retire email-confirmation')).toBeLessThan(steps.indexOf('issue token'));
      expect(steps.indexOf('begin')).toBeLessThan(steps.indexOf('retire email-confirmation'));
    });

    it('should issue and mail nothing when the earlier links cannot be retired', async () => {
      tokens.retire.mockRejectedValue(new Error('the tokens could not be retired'));
      await expect(service.send(43, 'jacob@example.com')).rejects.toThrow('the tokens could not be retired');
      expect(tokens.issue).not.toHaveBeenCalled();
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(steps).not.toContain('commit');
    });
  });

  describe('resend', () => {
    it("should send a new link to the account's current address", async () => {
      users.findAccountOrFail.mockResolvedValue({ ...ACCOUNT, email: 'jacob@example.com' });
      await service.resend(CALLER);
      expect(users.findAccountOrFail).toHaveBeenCalledWith(42);
      expect(tokens.retire).toHaveBeenCalledWith(42, 'email-confirmation', TX);
      expect(tokens.issue).toHaveBeenCalledWith(42, 'email-confirmation', 'jacob@example.com', TX);
      expect(events.publishWithin).toHaveBeenCalledTimes(1);
    });

    it('should answer 422 and send nothing when the address is confirmed already', async () => {
      users.findAccountOrFail.mockResolvedValue({ ...ACCOUNT, emailConfirmed: true });
      expect(await rejection(service.resend(CALLER))).toEqual({
        status: 422,
        body: { errors: { email: ['is already confirmed'] } },
      });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(tokens.retire).not.toHaveBeenCalled();
      expect(tokens.issue).not.toHaveBeenCalled();
    });
  });

  describe('confirm', () => {
    it('should use the token and confirm its address in one transaction, then publish EmailConfirmed', async () => {
      await service.confirm(TOKEN, CLIENT);
      expect(steps).toEqual(['begin', 'use token', 'confirm email', 'commit', 'publish']);
      expect(tokens.retire).not.toHaveBeenCalled();
      expect(tokens.use).toHaveBeenCalledWith(TOKEN, 'email-confirmation', TX);
      expect(users.confirmEmail).toHaveBeenCalledWith(42, 'jake@example.com', expect.any(Date), TX);
      const [, , at] = users.confirmEmail.mock.calls[0];
      const [[event]] = events.publish.mock.calls;
      expect(event).toBeInstanceOf(EmailConfirmed);
      expect(event).toMatchObject({ userId: 42, email: 'jake@example.com', client: CLIENT, at, actorId: 42 });
    });

    it('should answer 422 and publish nothing when the account no longer has the address', async () => {
      users.confirmEmail.mockResolvedValue(false);
      expect(await rejection(service.confirm(TOKEN, CLIENT))).toEqual({
        status: 422,
        body: { errors: INVALID_TOKEN },
      });
      expect(events.publish).not.toHaveBeenCalled();
    });

    it('should pass on the 422 of a token that cannot be used, confirming nothing', async () => {
      tokens.use.mockRejectedValue(unprocessable(INVALID_TOKEN));
      expect((await rejection(service.confirm(TOKEN, CLIENT))).status).toBe(422);
      expect(users.confirmEmail).not.toHaveBeenCalled();
      expect(events.publish).not.toHaveBeenCalled();
    });
  });
});
