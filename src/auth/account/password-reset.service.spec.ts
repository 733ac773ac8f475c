import { rejection, TX, accountOf } from '../../../test/support/unit-doubles';
import type { ClientInfo } from '../../common/client-info';
import { notFound, unprocessable } from '../../common/errors/http-errors';
import type { Database } from '../../database/database.service';
import type { Transaction } from '../../database/sql-executor';
import type { DomainEvent } from '../../events/domain-event';
import type { DomainEvents } from '../../events/domain-events.service';
import { PermanentJobError } from '../../jobs/job-handler';
import type { JobQueue } from '../../jobs/job-queue.service';
import type { JobRunner } from '../../jobs/job-runner.service';
import type { UsersService } from '../../users/users.service';
import type { PasswordHasher } from '../password-hasher.service';
import type { SessionsService } from '../sessions/sessions.service';
import { AccountTokens, INVALID_TOKEN } from './account-tokens.service';
import { PasswordResetCompleted, PasswordResetRequested } from './account.events';
import { PasswordResetService } from './password-reset.service';

const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const TOKEN = 'A'.repeat(21) + '-' + 'b'.repeat(20) + '_';
const ISSUED = 'I'.repeat(43);
const PLAIN = 'correct horse battery staple';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const ACCOUNT = accountOf();
const JOB = { id: 3, type: 'password-reset.request', payload: {}, attempts: 1, maxAttempts: 8 };

describe('PasswordResetService', () => {
  let steps: string[];
  let tokens: jest.Mocked<AccountTokens>;
  let users: jest.Mocked<UsersService>;
  let passwords: jest.Mocked<PasswordHasher>;
  let sessions: jest.Mocked<SessionsService>;
  let queue: jest.Mocked<JobQueue>;
  let runner: jest.Mocked<JobRunner>;
  let database: jest.Mocked<Database>;
  let events: jest.Mocked<DomainEvents>;
  let service: PasswordResetService;

  /** A double that notes when it is called, so that a test can read the order of the steps. */
  const step = (name: string, answer?: unknown): jest.Mock =>
    jest.fn(async () => {
      steps.push(name);
      return answer;
    });

  beforeEach(() => {
    steps = [];
    tokens = {
      use: step('use token', { userId: 42, email: 'jake@example.com' }),
      retire: step('retire other reset tokens'),
      issue: step('issue token', ISSUED),
    } as unknown as jest.Mocked<AccountTokens>;
    users = {
      setPassword: step('set password'),
      findAccountByEmail: step('find account', ACCOUNT),
    } as unknown as jest.Mocked<UsersService>;
    passwords = { hash: step('hash', HASH) } as unknown as jest.Mocked<PasswordHasher>;
    sessions = { revokeAllBut: step('revoke sessions') } as unknown as jest.Mocked<SessionsService>;
    queue = { enqueue: step('enqueue', true) } as unknown as jest.Mocked<JobQueue>;
    runner = { handle: jest.fn() } as unknown as jest.Mocked<JobRunner>;
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
    service = new PasswordResetService(tokens, users, passwords, sessions, queue, runner, database, events);
    service.onModuleInit();
  });

  function mailLink(payload: unknown): Promise<void> {
    const [[type, handler]] = runner.handle.mock.calls;
    expect(type).toBe('password-reset.request');
    return handler(payload, { ...JOB, payload });
  }

  describe('request', () => {
    it('should only add a job naming the address, looking nothing up', async () => {
      await service.request('jake@example.com');
      expect(queue.enqueue).toHaveBeenCalledWith('password-reset.request', { email: 'jake@example.com' });
      expect(steps).toEqual(['enqueue']);
    });
  });

  describe('the request job', () => {
    it("should store a token and publish the mail's event in one transaction for a known address", async () => {
      await mailLink({ email: 'JAKE@example.com' });
      expect(users.findAccountByEmail).toHaveBeenCalledWith('JAKE@example.com');
      expect(steps).toEqual(['find account', 'begin', 'issue token', 'publish within', 'commit']);
      expect(tokens.issue).toHaveBeenCalledWith(42, 'password-reset', 'jake@example.com', TX);
      const [[tx, event]] = events.publishWithin.mock.calls;
      expect(tx).toBe(TX);
      expect(event).toBeInstanceOf(PasswordResetRequested);
      expect(event).toMatchObject({ userId: 42, email: 'jake@example.com', token: ISSUED, actorId: null });
    });

    it('should write nothing and mail nothing for an address no account has', async () => {
      users.findAccountByEmail.mockResolvedValue(null);
      await mailLink({ email: 'nobody@example.com' });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(tokens.issue).not.toHaveBeenCalled();
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(events.publish).not.toHaveBeenCalled();
    });

    it.each([
      ['no address', {}],
      ['an address that is not a string', { email: 42 }],
    ])('should give up for good on a payload with %s', async (_case, payload) => {
      const failure = await mailLink(payload).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PermanentJobError);
      expect(users.findAccountByEmail).not.toHaveBeenCalled();
    });

    it.each([
      ['null', null],
      ['a string', 'jake@example.com'],
      ['a number', 42],
    ])('should give up for good, looking nothing up, on a payload that is %s', async (_case, payload) => {
      const failure = await mailLink(payload).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PermanentJobError);
      expect(users.findAccountByEmail).not.toHaveBeenCalled();
      expect(database.transaction).not.toHaveBeenCalled();
    });
  });

  describe('reset', () => {
    it('should hash first, then use the token, retire the others and set the password in one transaction', async () => {
      await service.reset(TOKEN, PLAIN, CLIENT);
      expect(steps).toEqual([
        'hash',
        'begin',
        'use token',
        'retire other reset tokens',
        'set password',
        'commit',
        'revoke sessions',
        'publish',
      ]);
      expect(passwords.hash).toHaveBeenCalledWith(PLAIN);
      expect(tokens.use).toHaveBeenCalledWith(TOKEN, 'password-reset', TX);
      expect(tokens.retire).toHaveBeenCalledWith(42, 'password-reset', TX);
      expect(users.setPassword).toHaveBeenCalledWith(42, HASH, expect.any(Date), TX);
      expect(JSON.stringify(users.setPassword.mock.calls)).not.toContain(PLAIN);
    });

    it('should sign out every session of the account, keeping none, and publish PasswordResetCompleted', async () => {
      await service.reset(TOKEN, PLAIN, CLIENT);
      expect(sessions.revokeAllBut).toHaveBeenCalledWith(42, null, 'password-reset', CLIENT);
      const [, , at] = users.setPassword.mock.calls[0];
      const published: DomainEvent[] = events.publish.mock.calls.map(([event]) => event);
      expect(published).toEqual([expect.any(PasswordResetCompleted)]);
      expect(published[0]).toMatchObject({ userId: 42, client: CLIENT, at, actorId: 42 });
    });

    it('should change nothing when the token cannot be used', async () => {
      tokens.use.mockRejectedValue(unprocessable(INVALID_TOKEN));
      expect(await rejection(service.reset(TOKEN, PLAIN, CLIENT))).toEqual({
        status: 422,
        body: { errors: INVALID_TOKEN },
      });
      expect(tokens.retire).not.toHaveBeenCalled();
      expect(users.setPassword).not.toHaveBeenCalled();
      expect(sessions.revokeAllBut).not.toHaveBeenCalled();
      expect(events.publish).not.toHaveBeenCalled();
    });

    it('should open no transaction when the password cannot be hashed', async () => {
      passwords.hash.mockRejectedValue(new Error('out of memory'));
      await expect(service.reset(TOKEN, PLAIN, CLIENT)).rejects.toThrow('out of memory');
      expect(database.transaction).not.toHaveBeenCalled();
    });

    it('should sign no session out when the account is gone', async () => {
      users.setPassword.mockRejectedValue(notFound('user'));
      expect((await rejection(service.reset(TOKEN, PLAIN, CLIENT))).status).toBe(404);
      expect(sessions.revokeAllBut).not.toHaveBeenCalled();
      expect(events.publish).not.toHaveBeenCalled();
    });
  });
});
