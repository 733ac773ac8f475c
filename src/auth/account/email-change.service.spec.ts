import { rejection, TX, accountOf } from '../../../test/support/unit-doubles';
import type { ClientInfo } from '../../common/client-info';
import { conflict, unprocessable } from '../../common/errors/http-errors';
import type { Database } from '../../database/database.service';
import type { Transaction } from '../../database/sql-executor';
import type { DomainEvents } from '../../events/domain-events.service';
import type { UsersService } from '../../users/users.service';
import { AccountTokens, INVALID_TOKEN } from './account-tokens.service';
import { EmailChanged, EmailChangeRequested } from './account.events';
import { EmailChangeService } from './email-change.service';

const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const TOKEN = 'A'.repeat(21) + '-' + 'b'.repeat(20) + '_';
const ISSUED = 'I'.repeat(43);
const ACCOUNT = accountOf();

describe('EmailChangeService', () => {
  let steps: string[];
  let tokens: jest.Mocked<AccountTokens>;
  let users: jest.Mocked<UsersService>;
  let database: jest.Mocked<Database>;
  let events: jest.Mocked<DomainEvents>;
  let service: EmailChangeService;

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
      use: step('use token', { userId: 42, email: 'new@example.com' }),
    } as unknown as jest.Mocked<AccountTokens>;
    users = {
      findAccountOrFail: step('find account', ACCOUNT),
      changeEmail: step('change email'),
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
    service = new EmailChangeService(tokens, users, database, events);
  });

  describe('request', () => {
    it('should store a token for the new address and publish the mail it needs, changing nothing yet', async () => {
      await service.request(42, 'new@example.com');
      expect(steps).toEqual(['begin', 'retire email-change', 'issue token', 'publish within', 'commit']);
      expect(tokens.issue).toHaveBeenCalledWith(42, 'email-change', 'new@example.com', TX);
      const [[tx, event]] = events.publishWithin.mock.calls;
      expect(tx).toBe(TX);
      expect(event).toBeInstanceOf(EmailChangeRequested);
      expect(event).toMatchObject({ userId: 42, newEmail: 'new@example.com', token: ISSUED, actorId: 42 });
      expect(users.changeEmail).not.toHaveBeenCalled();
    });

    it("should retire only the user's earlier email-change links, in the transaction, before issuing the new one", async () => {
      await service.request(43, 'new@example.com');
      expect(tokens.retire.mock.calls).toEqual([[43, 'email-change', TX]]);
      expect(steps.indexOf('begin')).toBeLessThan(steps.indexOf('retire email-change'));
      expect(steps.indexOf('retire email-change')).toBeLessThan(steps.indexOf('issue token'));
    });

    it('should issue and mail nothing when the earlier links cannot be retired', async () => {
      tokens.retire.mockRejectedValue(new Error('the tokens could not be retired'));
      await expect(service.request(42, 'new@example.com')).rejects.toThrow('the tokens could not be retired');
      expect(tokens.issue).not.toHaveBeenCalled();
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(steps).not.toContain('commit');
    });
  });

  describe('confirm', () => {
    it('should read the old address, then apply the new one and publish EmailChanged in one transaction', async () => {
      await service.confirm(TOKEN, CLIENT);
      expect(steps).toEqual([
        'begin',
        'use token',
        'find account',
        'change email',
        'retire password-reset',
        'retire email-confirmation',
        'publish within',
        'commit',
        'publish',
      ]);
      expect(tokens.use).toHaveBeenCalledWith(TOKEN, 'email-change', TX);
      expect(users.findAccountOrFail).toHaveBeenCalledWith(42, TX);
      expect(users.changeEmail).toHaveBeenCalledWith(42, 'new@example.com', expect.any(Date), TX);
    });

    it("should retire the user's reset and confirmation links in the transaction once the address has changed", async () => {
      await service.confirm(TOKEN, CLIENT);
      expect(tokens.retire.mock.calls).toEqual([
        [42, 'password-reset', TX],
        [42, 'email-confirmation', TX],
      ]);
      const changed = steps.indexOf('change email');
      expect(changed).toBeGreaterThan(-1);
      expect(steps.indexOf('retire password-reset')).toBeGreaterThan(changed);
      expect(steps.indexOf('retire email-confirmation')).toBeGreaterThan(changed);
      expect(steps.indexOf('retire email-confirmation')).toBeLessThan(steps.indexOf('commit'));
    });

    it('should fail the change, publishing nothing, when the old links cannot be retired', async () => {
      tokens.retire.mockRejectedValue(new Error('the tokens could not be retired'));
      await expect(service.confirm(TOKEN, CLIENT)).rejects.toThrow('the tokens could not be retired');
      expect(steps).not.toContain('commit');
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(events.publish).not.toHaveBeenCalled();
    });

    it('should publish the same EmailChanged within the transaction and after it, naming both addresses', async () => {
      await service.confirm(TOKEN, CLIENT);
      const [, , at] = users.changeEmail.mock.calls[0];
      const [[tx, within]] = events.publishWithin.mock.calls;
      const [[after]] = events.publish.mock.calls;
      expect(tx).toBe(TX);
      expect(within).toBeInstanceOf(EmailChanged);
      expect(within).toMatchObject({
        userId: 42,
        oldEmail: 'jake@example.com',
        newEmail: 'new@example.com',
        client: CLIENT,
        at,
        actorId: 42,
      });
      expect(after).toBe(within);
    });

    it('should pass on the 409 of an address taken meanwhile, publishing nothing', async () => {
      users.changeEmail.mockRejectedValue(conflict({ email: ['has already been taken'] }));
      expect(await rejection(service.confirm(TOKEN, CLIENT))).toEqual({
        status: 409,
        body: { errors: { email: ['has already been taken'] } },
      });
      expect(tokens.retire).not.toHaveBeenCalled();
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(events.publish).not.toHaveBeenCalled();
    });

    it('should fail the change when its mail to the old address cannot be written, publishing nothing after', async () => {
      events.publishWithin.mockRejectedValue(new Error('the outbox row could not be written'));
      await expect(service.confirm(TOKEN, CLIENT)).rejects.toThrow('the outbox row could not be written');
      expect(steps).not.toContain('commit');
      expect(events.publish).not.toHaveBeenCalled();
    });

    it('should pass on the 422 of a token that cannot be used, changing nothing', async () => {
      tokens.use.mockRejectedValue(unprocessable(INVALID_TOKEN));
      expect(await rejection(service.confirm(TOKEN, CLIENT))).toEqual({
        status: 422,
        body: { errors: INVALID_TOKEN },
      });
      expect(users.changeEmail).not.toHaveBeenCalled();
      expect(tokens.retire).not.toHaveBeenCalled();
      expect(events.publish).not.toHaveBeenCalled();
    });
  });
});
