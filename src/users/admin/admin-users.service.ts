import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { notFound, unprocessable } from '../../common/errors/http-errors';
import { DomainEvents } from '../../events/domain-events.service';
import type { Role } from '../../policy/roles';
import { UserRoleChanged, UserSuspensionChanged } from '../user.events';
import { AccountFilter, AdminAccountRow, UsersRepository } from '../users.repository';
import {
  AdminUsersQueryDto,
  ManageUserDto,
  MultipleAdminUsersResponseDto,
  SingleAdminUserResponseDto,
} from './dto/admin-user.dto';
import { toAdminUserDto } from './admin-user.mapper';

/** Admins list accounts, change roles, suspend and restore (the policy's `user.manage`, checked by the route). */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly events: DomainEvents,
  ) {}

  async list(query: AdminUsersQueryDto): Promise<MultipleAdminUsersResponseDto> {
    const filter: AccountFilter = { limit: query.limit, offset: query.offset };
    if (query.role !== undefined) filter.role = query.role;
    if (query.status !== undefined) filter.suspended = query.status === 'suspended';
    if (query.q !== undefined && query.q !== '') filter.search = query.q;
    const { accounts, count } = await this.users.findPage(filter);
    return { users: accounts.map(toAdminUserDto), usersCount: count };
  }

  /** An admin cannot change their own role or suspend themselves: Folio is never left without an admin that way. */
  async manage(
    username: string,
    admin: AuthUser,
    dto: ManageUserDto,
    client: ClientInfo,
  ): Promise<SingleAdminUserResponseDto> {
    const target = await this.findOrFail(username);
    if (target.id === admin.id) throw unprocessable({ user: ['cannot change your own role or suspension'] });
    const at = new Date();
    if (dto.role !== undefined && dto.role !== target.role)
      await this.changeRole(target, dto.role, admin.id, client, at);
    if (dto.suspended !== undefined && dto.suspended !== target.suspended) {
      if (!(await this.users.setSuspended(target.id, dto.suspended ? at : null))) throw notFound('user');
      await this.events.publish(new UserSuspensionChanged(target.id, dto.suspended, admin.id, client, at));
    }
    return { user: toAdminUserDto(await this.findOrFail(username)) };
  }

  /** `npm run admin -- grant|revoke <email>`: no actor, no request. */
  async setRoleByEmail(email: string, role: Role): Promise<void> {
    const account = await this.users.findAccountByEmail(email.trim().toLowerCase());
    if (!account) throw notFound('user');
    if (account.role === role) return;
    if (!(await this.users.setRole(account.id, role))) throw notFound('user');
    await this.events.publish(new UserRoleChanged(account.id, account.role, role, null, null, new Date()));
  }

  private async changeRole(
    target: AdminAccountRow,
    role: Role,
    adminId: number,
    client: ClientInfo,
    at: Date,
  ): Promise<void> {
    if (!(await this.users.setRole(target.id, role))) throw notFound('user');
    await this.events.publish(new UserRoleChanged(target.id, target.role, role, adminId, client, at));
  }

  private async findOrFail(username: string): Promise<AdminAccountRow> {
    const account = await this.users.findAdminAccountByUsername(username);
    if (!account) throw notFound('user');
    return account;
  }
}
