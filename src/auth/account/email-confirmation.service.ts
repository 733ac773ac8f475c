import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { unprocessable } from '../../common/errors/http-errors';
import { Database } from '../../database/database.service';
import { DomainEvents } from '../../events/domain-events.service';
import { UsersService } from '../../users/users.service';
import { INVALID_TOKEN, AccountTokens } from './account-tokens.service';
import { EmailConfirmationRequested, EmailConfirmed } from './account.events';

/** Confirming that an account's address is its owner's: a link mailed at registration (and again on request). */
@Injectable()
export class EmailConfirmationService {
  constructor(
    private readonly tokens: AccountTokens,
    private readonly users: UsersService,
    private readonly database: Database,
    private readonly events: DomainEvents,
  ) {}

  /** Mails a confirmation link (earlier ones stop working): the token and the mail commit together. */
  async send(userId: number, email: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      await this.tokens.retire(userId, 'email-confirmation', tx);
      const token = await this.tokens.issue(userId, 'email-confirmation', email, tx);
      await this.events.publishWithin(tx, new EmailConfirmationRequested(userId, email, token, new Date()));
    });
  }

  async resend(caller: AuthUser): Promise<void> {
    const account = await this.users.findAccountOrFail(caller.id);
    if (account.emailConfirmed) throw unprocessable({ email: ['is already confirmed'] });
    await this.send(account.id, account.email);
  }

  /** A link for an address the account no longer has confirms nothing. */
  async confirm(token: string, client: ClientInfo): Promise<void> {
    const at = new Date();
    const confirmed = await this.database.transaction(async (tx) => {
      const used = await this.tokens.use(token, 'email-confirmation', tx);
      return (await this.users.confirmEmail(used.userId, used.email, at, tx)) ? used : null;
    });
    if (!confirmed) throw unprocessable(INVALID_TOKEN);
    await this.events.publish(new EmailConfirmed(confirmed.userId, confirmed.email, client, at));
  }
}
