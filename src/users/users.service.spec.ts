import { fakeEvents, rejection, uniqueViolation } from '../../test/support/unit-doubles';
import type { ClientInfo } from '../common/client-info';
import { UserRegistered, UserUpdated } from './user.events';
import type { Account, UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };

const account: Account = {
  id: 4,
  email: 'jake@example.com',
  username: 'jake',
  bio: null,
  image: null,
  emailConfirmed: false,
  role: 'user',
  suspended: false,
};

describe('UsersService', () => {
  let users: jest.Mocked<UsersRepository>;
  let events: ReturnType<typeof fakeEvents>;
  let service: UsersService;

  beforeEach(() => {
    users = {
      insert: jest.fn().mockResolvedValue(4),
      update: jest.fn().mockResolvedValue(true),
      findAccountById: jest.fn().mockResolvedValue(account),
      findProfileByUsername: jest.fn().mockResolvedValue(null),
    } as unknown as jest.Mocked<UsersRepository>;
    events = fakeEvents();
    service = new UsersService(users, events);
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
});
