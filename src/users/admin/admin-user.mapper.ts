import type { AdminAccountRow } from '../users.repository';
import type { AdminUserDto } from './dto/admin-user.dto';

export function toAdminUserDto(account: AdminAccountRow): AdminUserDto {
  return {
    username: account.username,
    email: account.email,
    role: account.role,
    status: account.suspended ? 'suspended' : 'active',
    emailConfirmed: account.emailConfirmed,
    articlesCount: account.articlesCount,
    createdAt: account.createdAt.toISOString(),
  };
}
