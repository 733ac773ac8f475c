import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ClientInfo } from '../../common/client-info';
import { Database } from '../../database/database.service';
import { DomainEvents } from '../../events/domain-events.service';
import { PermanentJobError } from '../../jobs/job-handler';
import { JobQueue } from '../../jobs/job-queue.service';
import { JobRunner } from '../../jobs/job-runner.service';
import { UsersService } from '../../users/users.service';
import { PasswordHasher } from '../password-hasher.service';
import { SessionsService } from '../sessions/sessions.service';
import { AccountTokens } from './account-tokens.service';
import { PasswordResetCompleted, PasswordResetRequested } from './account.events';

const REQUEST_JOB = 'password-reset.request';

/**
 * Password reset by a link mailed to the account's address. Asking answers the same whatever the address: the
 * request only adds a job (the same one write either way), and the job looks the address up and mails the link
 * if it belongs to an account. A reset signs out every session.
 */
@Injectable()
export class PasswordResetService implements OnModuleInit {
  constructor(
    private readonly tokens: AccountTokens,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly queue: JobQueue,
    private readonly runner: JobRunner,
    private readonly database: Database,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.runner.handle(REQUEST_JOB, (payload) => this.mailLink(payload));
  }

  async request(email: string): Promise<void> {
    await this.queue.enqueue(REQUEST_JOB, { email });
  }

  async reset(token: string, password: string, client: ClientInfo): Promise<void> {
    const passwordHash = await this.passwords.hash(password);
    const at = new Date();
    const userId = await this.database.transaction(async (tx) => {
      const used = await this.tokens.use(token, 'password-reset', tx);
      await this.tokens.retire(used.userId, 'password-reset', tx);
      await this.users.setPassword(used.userId, passwordHash, at, tx);
      return used.userId;
    });
    await this.sessions.revokeAllBut(userId, null, 'password-reset', client);
    await this.events.publish(new PasswordResetCompleted(userId, client, at));
  }

  private async mailLink(payload: unknown): Promise<void> {
    const email =
      typeof payload === 'object' && payload !== null ? (payload as { email?: unknown }).email : null;
    if (typeof email !== 'string') throw new PermanentJobError('no email in the payload');
    const account = await this.users.findAccountByEmail(email);
    if (!account) return;
    await this.database.transaction(async (tx) => {
      const token = await this.tokens.issue(account.id, 'password-reset', account.email, tx);
      await this.events.publishWithin(
        tx,
        new PasswordResetRequested(account.id, account.email, token, new Date()),
      );
    });
  }
}
