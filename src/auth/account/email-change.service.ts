import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '../../common/client-info';
import { Database } from '../../database/database.service';
import { DomainEvents } from '../../events/domain-events.service';
import { UsersService } from '../../users/users.service';
import { AccountTokens } from './account-tokens.service';
import { EmailChanged, EmailChangeRequested } from './account.events';

/**
 * A new address applies only once its owner follows the link mailed to it; the old address is then told. Whether
 * the new address belongs to another account is found out only then (409), so asking does not reveal it.
 */
@Injectable()
export class EmailChangeService {
  constructor(
    private readonly tokens: AccountTokens,
    private readonly users: UsersService,
    private readonly database: Database,
    private readonly events: DomainEvents,
  ) {}

  async request(userId: number, newEmail: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      // Only the latest request counts: a link mailed to an earlier (mistyped?) address must not apply later.
      await this.tokens.retire(userId, 'email-change', tx);
      const token = await this.tokens.issue(userId, 'email-change', newEmail, tx);
      await this.events.publishWithin(tx, new EmailChangeRequested(userId, newEmail, token, new Date()));
    });
  }

  async confirm(token: string, client: ClientInfo): Promise<void> {
    const at = new Date();
    const changed = await this.database.transaction(async (tx) => {
      const used = await this.tokens.use(token, 'email-change', tx);
      const account = await this.users.findAccountOrFail(used.userId, tx);
      await this.users.changeEmail(used.userId, used.email, at, tx);
      // Links mailed to the old address (a reset, a confirmation) must not work for the account any more.
      await this.tokens.retire(used.userId, 'password-reset', tx);
      await this.tokens.retire(used.userId, 'email-confirmation', tx);
      const event = new EmailChanged(used.userId, account.email, used.email, client, at);
      await this.events.publishWithin(tx, event);
      return event;
    });
    await this.events.publish(changed);
  }
}
