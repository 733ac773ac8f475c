import { fakeEvents, rejection, uniqueViolation } from '../../test/support/unit-doubles';
import { UserRegistered, UserUpdated } from './user.events';
import type { Account, UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const account: Account = {
  id: 4,
  email: 'jake@example.com',
  username: 'jake',
  bio: null,
  image: null,
  tokenVersion: 0,
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
    await service.update(4, { email: 'new@example.com', passwordHash: 'h', passwordSessionId: 's' });
    const [profile, secret] = events.published as UserUpdated[];
    expect(profile.fields).toEqual(['bio']);
    expect(profile.changesProfile).toBe(true);
    expect(secret.fields).toEqual(['email', 'password']);
    expect(secret.changesProfile).toBe(false);
  });

  it('should answer 404 for a profile nobody has', async () => {
    expect(await rejection(service.findProfileOrFail('nobody'))).toEqual({
      status: 404,
      body: { errors: { profile: ['not found'] } },
    });
  });
});
