import { fakeEvents, rejection } from '../../../test/support/unit-doubles';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { UserRoleChanged, UserSuspensionChanged } from '../user.events';
import type { AdminAccountRow, UsersRepository } from '../users.repository';
import { AdminUsersService } from './admin-users.service';
import type { AdminUsersQueryDto } from './dto/admin-user.dto';

const CLIENT: ClientInfo = { address: '198.51.100.1', userAgent: 'admin-ui', requestId: 'req-9' };
const ADMIN: AuthUser = {
  id: 1,
  token: 'jwt',
  sessionId: 'session-of-the-admin',
  profile: { username: 'root', bio: null, image: null },
  emailConfirmed: true,
  role: 'admin',
};
const CREATED = new Date('2026-01-05T08:00:00.000Z');

const jake = (fields: Partial<AdminAccountRow> = {}): AdminAccountRow => ({
  id: 42,
  email: 'jake@example.com',
  username: 'jake',
  bio: null,
  image: null,
  emailConfirmed: true,
  role: 'user',
  suspended: false,
  createdAt: CREATED,
  articlesCount: 3,
  ...fields,
});

const page = (fields: Partial<AdminUsersQueryDto> = {}): AdminUsersQueryDto => ({
  limit: 20,
  offset: 0,
  ...fields,
});

describe('AdminUsersService', () => {
  let users: jest.Mocked<UsersRepository>;
  let events: ReturnType<typeof fakeEvents>;
  let service: AdminUsersService;

  beforeEach(() => {
    users = {
      findPage: jest.fn().mockResolvedValue({ accounts: [], count: 0 }),
      findAdminAccountByUsername: jest.fn().mockResolvedValue(jake()),
      findAccountByEmail: jest.fn().mockResolvedValue(jake()),
      setRole: jest.fn().mockResolvedValue(true),
      setSuspended: jest.fn().mockResolvedValue(true),
    } as unknown as jest.Mocked<UsersRepository>;
    events = fakeEvents();
    service = new AdminUsersService(users, events);
  });

  describe('list', () => {
    it.each([
      ['no filter', page(), { limit: 20, offset: 0 }],
      ['a role', page({ role: 'moderator' }), { limit: 20, offset: 0, role: 'moderator' }],
      ['status suspended', page({ status: 'suspended' }), { limit: 20, offset: 0, suspended: true }],
      ['status active', page({ status: 'active' }), { limit: 20, offset: 0, suspended: false }],
      ['a search', page({ q: 'jak' }), { limit: 20, offset: 0, search: 'jak' }],
      ['an empty search', page({ q: '' }), { limit: 20, offset: 0 }],
      [
        'everything at once',
        page({ limit: 5, offset: 10, role: 'admin', status: 'active', q: 'example.com' }),
        { limit: 5, offset: 10, role: 'admin', suspended: false, search: 'example.com' },
      ],
    ])('should ask the repository for the page with %s', async (_case, query, filter) => {
      await service.list(query);
      expect(users.findPage.mock.calls[0][0]).toStrictEqual(filter);
    });

    it('should answer the accounts as admins see them, with how many match', async () => {
      users.findPage.mockResolvedValueOnce({
        accounts: [jake({ suspended: true, role: 'moderator' })],
        count: 31,
      });
      expect(await service.list(page())).toEqual({
        users: [
          {
            username: 'jake',
            email: 'jake@example.com',
            role: 'moderator',
            status: 'suspended',
            emailConfirmed: true,
            articlesCount: 3,
            createdAt: CREATED.toISOString(),
          },
        ],
        usersCount: 31,
      });
    });
  });

  describe('manage', () => {
    it('should answer 404 for an unknown username, changing nothing', async () => {
      users.findAdminAccountByUsername.mockResolvedValueOnce(null);
      expect(await rejection(service.manage('nobody', ADMIN, { role: 'admin' }, CLIENT))).toEqual({
        status: 404,
        body: { errors: { user: ['not found'] } },
      });
      expect(users.setRole).not.toHaveBeenCalled();
    });

    it.each([
      ['role', { role: 'user' as const }],
      ['suspension', { suspended: true }],
    ])('should answer 422 to an admin changing their own %s, changing nothing', async (_what, dto) => {
      users.findAdminAccountByUsername.mockResolvedValueOnce(
        jake({ id: ADMIN.id, username: 'root', role: 'admin' }),
      );
      expect(await rejection(service.manage('root', ADMIN, dto, CLIENT))).toEqual({
        status: 422,
        body: { errors: { user: ['cannot change your own role or suspension'] } },
      });
      expect(users.setRole).not.toHaveBeenCalled();
      expect(users.setSuspended).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should give the account its new role, publish UserRoleChanged and answer the account as it is now', async () => {
      users.findAdminAccountByUsername
        .mockResolvedValueOnce(jake())
        .mockResolvedValueOnce(jake({ role: 'moderator' }));
      const answer = await service.manage('jake', ADMIN, { role: 'moderator' }, CLIENT);
      expect(users.setRole).toHaveBeenCalledWith(42, 'moderator');
      expect(users.setSuspended).not.toHaveBeenCalled();
      expect(events.published).toEqual([expect.any(UserRoleChanged)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        from: 'user',
        to: 'moderator',
        actorId: ADMIN.id,
        client: CLIENT,
      });
      expect(answer.user).toMatchObject({ username: 'jake', role: 'moderator' });
    });

    it('should suspend the account from now on and publish UserSuspensionChanged', async () => {
      const before = Date.now();
      await service.manage('jake', ADMIN, { suspended: true }, CLIENT);
      const [[id, at]] = users.setSuspended.mock.calls;
      expect(id).toBe(42);
      expect(at?.getTime()).toBeGreaterThanOrEqual(before);
      expect(events.published).toEqual([expect.any(UserSuspensionChanged)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        suspended: true,
        actorId: ADMIN.id,
        client: CLIENT,
        at,
      });
    });

    it('should restore a suspended account and publish UserSuspensionChanged', async () => {
      users.findAdminAccountByUsername.mockResolvedValue(jake({ suspended: true }));
      await service.manage('jake', ADMIN, { suspended: false }, CLIENT);
      expect(users.setSuspended).toHaveBeenCalledWith(42, null);
      expect(events.published).toEqual([expect.any(UserSuspensionChanged)]);
      expect(events.published[0]).toMatchObject({ userId: 42, suspended: false });
    });

    it('should change the role and the suspension in one request, publishing both', async () => {
      await service.manage('jake', ADMIN, { role: 'admin', suspended: true }, CLIENT);
      expect(users.setRole).toHaveBeenCalledWith(42, 'admin');
      expect(users.setSuspended).toHaveBeenCalledWith(42, expect.any(Date));
      expect(events.published).toEqual([expect.any(UserRoleChanged), expect.any(UserSuspensionChanged)]);
    });

    it.each([
      ['the role it has', { role: 'user' as const }],
      ['the suspension it has', { suspended: false }],
      ['nothing', {}],
    ])('should write and publish nothing when asked for %s', async (_case, dto) => {
      const answer = await service.manage('jake', ADMIN, dto, CLIENT);
      expect(users.setRole).not.toHaveBeenCalled();
      expect(users.setSuspended).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
      expect(answer.user).toMatchObject({ username: 'jake', role: 'user', status: 'active' });
    });
  });

  describe('setRoleByEmail', () => {
    it('should look the address up trimmed and in lower case, and publish the change with no actor nor client', async () => {
      await service.setRoleByEmail('  Jake@Example.COM ', 'admin');
      expect(users.findAccountByEmail).toHaveBeenCalledWith('jake@example.com');
      expect(users.setRole).toHaveBeenCalledWith(42, 'admin');
      expect(events.published).toEqual([expect.any(UserRoleChanged)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        from: 'user',
        to: 'admin',
        actorId: null,
        client: null,
      });
    });

    it('should answer 404 for an address no account has, changing nothing', async () => {
      users.findAccountByEmail.mockResolvedValueOnce(null);
      expect(await rejection(service.setRoleByEmail('nobody@example.com', 'admin'))).toEqual({
        status: 404,
        body: { errors: { user: ['not found'] } },
      });
      expect(users.setRole).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should write and publish nothing when the account has the role already', async () => {
      await service.setRoleByEmail('jake@example.com', 'user');
      expect(users.setRole).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });
  });
});
