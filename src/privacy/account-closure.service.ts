import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import type { ClientInfo } from '../common/client-info';
import { notFound, unprocessable } from '../common/errors/http-errors';
import { MfaService } from '../auth/mfa/mfa.service';
import { PasswordHasher } from '../auth/password-hasher.service';
import { UsersService } from '../users/users.service';
import type { CloseAccountDto } from './dto/close-account.dto';

/**
 * DELETE /api/user: with the password (and a second-factor code when two-factor sign-in is on) the account goes,
 * and with it everything it owns: articles (their comments, favorites and revisions), comments, favorites, follows,
 * sessions. Every token stops working at once (its session is gone), and the e-mail address and username are free.
 */
@Injectable()
export class AccountClosureService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly mfa: MfaService,
  ) {}

  async close(caller: AuthUser, dto: CloseAccountDto, client: ClientInfo): Promise<void> {
    const account = await this.users.findAccountOrFail(caller.id);
    const credentials = await this.users.findCredentials(account.email);
    if (!credentials || credentials.id !== caller.id) throw notFound('user');
    if (!(await this.passwords.verify(credentials.passwordHash, dto.password)))
      throw unprocessable({ password: ['is wrong'] });
    await this.mfa.stepUp(caller.id, dto.mfaCode);
    await this.users.close(account, client);
  }
}
