import {
  fakeDatabase,
  fakeEvents,
  rejection,
  TX,
  uniqueViolation,
  accountOf,
} from '../../test/support/unit-doubles';
import type { ClientInfo } from '../common/client-info';
import type { Transaction } from '../database/sql-executor';
import type { DomainEvent } from '../events/domain-event';
import { AccountClosed, AccountClosing, UserRegistered, UserUpdated } from './user.events';
import type { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };

const account = accountOf({ id: 4, emailConfirmed: false });

/** fakeEvents, plus what the service publishes inside a transaction (publishWithin), with that transaction. */
function fakeEventsWithin() {
  const events = fakeEvents();
  const publishedWithin: { tx: Transaction; event: DomainEvent }[] = [];
  const publishWithin = jest.fn(async (tx: Transaction, event: DomainEvent) => {
    publishedWithin.push({ tx, event });
  });
  return Object.assign(events, { publishedWithin, publishWithin });
}

describe('UsersService', () => {
  let users: jest.Mocked<UsersRepository>;
  let events: ReturnType<typeof fakeEventsWithin>;
  let database: ReturnType<typeof fakeDatabase>;
  let service: UsersService;

  beforeEach(() => {
    users = {
      insert: jest.fn().mockResolvedValue(4),
      update: jest.fn().mockResolvedValue(true),
      findAccountById: jest.fn().mockResolvedValue(account),
      findProfileByUsername: jest.fn().mockResolvedValue(null),
      lock: jest.fn().mockResolvedValue(true),
      delete: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<UsersRepository>;
    events = fakeEventsWithin();
    database = fakeDatabase();
    service = new UsersService(users, events, database);
  });

  it('should answer a new account from what it wrote and publish UserRegistered', async () => {
    const created = await service.create({ email: 'jake@example.com', username: 'jake', passwordHash: 'h' });
    expect(created).toEqual(account);
    expect(users.findAccountById).not.toHaveBeenCalled();
    expect(events.published).toEqual([expect.any(UserRegistered)]);
    expect(events.published[0]).toMatchObject({ userId: 4, actorId: 4 });
  });

  it.each([
    ['UQ_users_email', { email: ['has already been taken'] }],
    ['UQ_users_username', { username: ['has already been taken'] }],
  ])('should answer 409 naming the field when %s refuses the row', async (index, errors) => {
    users.insert.mockRejectedValueOnce(uniqueViolation(index));
    expect(await rejection(service.create({ email: 'e', username: 'u', passwordHash: 'h' }))).toEqual({
      status: 409,
      body: { errors },
    });
    users.update.mockRejectedValueOnce(uniqueViolation(index));
    expect((await rejection(service.update(4, { email: 'e' }))).status).toBe(409);
    expect(events.published).toEqual([]);
  });

  it('should write nothing and publish nothing for an empty update', async () => {
    expect(await service.update(4, {})).toEqual(account);
    expect(users.update).not.toHaveBeenCalled();
    expect(events.published).toEqual([]);
  });

  it('should publish which fields changed, telling a public profile change from a private one', async () => {
    await service.update(4, { bio: 'hi' });
    await service.update(4, { email: 'new@example.com', passwordHash: 'h' });
    const [profile, secret] = events.published as UserUpdated[];
    expect(profile.fields).toEqual(['bio']);
    expect(profile.changesProfile).toBe(true);
    expect(secret.fields).toEqual(['email', 'password']);
    expect(secret.changesProfile).toBe(false);
  });

  it('should write the changes and publish UserUpdated with the client the change came from', async () => {
    expect(await service.update(4, { bio: 'hi' }, CLIENT)).toEqual(account);
    expect(users.update).toHaveBeenCalledWith(4, { bio: 'hi' }, expect.any(Date));
    expect(events.published).toEqual([expect.any(UserUpdated)]);
    expect(events.published[0]).toMatchObject({ userId: 4, fields: ['bio'], client: CLIENT, actorId: 4 });
  });

  it('should publish UserUpdated without a client when no request made the change', async () => {
    await service.update(4, { bio: 'hi' });
    expect((events.published[0] as UserUpdated).client).toBeNull();
  });

  it('should answer 404 and publish nothing when the account to update is gone', async () => {
    users.update.mockResolvedValueOnce(false);
    expect(await rejection(service.update(4, { bio: 'hi' }, CLIENT))).toEqual({
      status: 404,
      body: { errors: { user: ['not found'] } },
    });
    expect(events.published).toEqual([]);
  });

  it('should answer 404 for a profile nobody has', async () => {
    expect(await rejection(service.findProfileOrFail('nobody'))).toEqual({
      status: 404,
      body: { errors: { profile: ['not found'] } },
    });
  });

  describe('close', () => {
    const order = (mock: { mock: { invocationCallOrder: number[] } }): number =>
      mock.mock.invocationCallOrder[0];

    it('should lock the row, publish AccountClosing in the transaction, then delete the account', async () => {
      await service.close(account, CLIENT);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(users.lock).toHaveBeenCalledWith(4, TX);
      expect(events.publishedWithin).toEqual([{ tx: TX, event: expect.any(AccountClosing) }]);
      expect(events.publishedWithin[0].event).toMatchObject({ userId: 4, actorId: 4, at: expect.any(Date) });
      expect(users.delete).toHaveBeenCalledWith(4, TX);
      // The counters must count out what the account owns while it is still there to count.
      expect(order(users.lock)).toBeLessThan(order(events.publishWithin));
      expect(order(events.publishWithin)).toBeLessThan(order(users.delete));
    });

    it('should publish AccountClosed after the commit, with the username, the client and the same time', async () => {
      let committed = false;
      database.transaction.mockImplementationOnce(async (work) => {
        const result = await work(TX);
        committed = true;
        return result;
      });
      let committedWhenPublished: boolean | undefined;
      jest.mocked(events.publish).mockImplementationOnce(async (event: DomainEvent) => {
        committedWhenPublished = committed;
        events.published.push(event);
      });
      await service.close(account, CLIENT);
      expect(committedWhenPublished).toBe(true);
      expect(events.published).toEqual([expect.any(AccountClosed)]);
      expect(events.published[0]).toMatchObject({ userId: 4, username: 'jake', actorId: 4, client: CLIENT });
      expect((events.published[0] as AccountClosed).at).toEqual(
        (events.publishedWithin[0].event as AccountClosing).at,
      );
    });

    it('should publish AccountClosed without a client when no request closed the account', async () => {
      await service.close({ id: 4, username: 'jake' });
      expect((events.published[0] as AccountClosed).client).toBeNull();
    });

    it('should answer 404 when the account is gone, publishing and deleting nothing', async () => {
      users.lock.mockResolvedValueOnce(false);
      expect(await rejection(service.close(account, CLIENT))).toEqual({
        status: 404,
        body: { errors: { user: ['not found'] } },
      });
      expect(events.publishWithin).not.toHaveBeenCalled();
      expect(users.delete).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should delete nothing and publish no AccountClosed when a counter cannot count the account out', async () => {
      events.publishWithin.mockRejectedValueOnce(new Error('the counters could not be updated'));
      await expect(service.close(account, CLIENT)).rejects.toThrow('the counters could not be updated');
      expect(users.delete).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should publish no AccountClosed when the delete fails', async () => {
      users.delete.mockRejectedValueOnce(new Error('the row could not be deleted'));
      await expect(service.close(account, CLIENT)).rejects.toThrow('the row could not be deleted');
      expect(events.published).toEqual([]);
    });
  });
});
