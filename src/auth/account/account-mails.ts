import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { mailConfig } from '../../config/configuration';
import type { Transaction } from '../../database/sql-executor';
import { OnDomainEventWithin } from '../../events/on-domain-event.decorator';
import { MailOutbox } from '../../mail/mail-outbox.service';
import {
  EmailChanged,
  EmailChangeRequested,
  EmailConfirmationRequested,
  PasswordResetRequested,
} from './account.events';

/** The mails of the account flows, written to the outbox in the transaction of the change that causes each. */
@Injectable()
export class AccountMails {
  constructor(
    private readonly outbox: MailOutbox,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
  ) {}

  @OnDomainEventWithin(EmailConfirmationRequested)
  async confirmation(event: EmailConfirmationRequested, tx: Transaction): Promise<void> {
    const link = this.link('confirm-email', event.token);
    await this.outbox.add(
      {
        to: event.email,
        subject: 'Confirm your e-mail address',
        text: `Follow this link to confirm that ${event.email} is yours:\n\n${link}\n\nIf you did not sign up, ignore this mail.\n`,
      },
      tx,
    );
  }

  @OnDomainEventWithin(PasswordResetRequested)
  async passwordReset(event: PasswordResetRequested, tx: Transaction): Promise<void> {
    const link = this.link('reset-password', event.token);
    await this.outbox.add(
      {
        to: event.email,
        subject: 'Reset your password',
        text: `Follow this link to choose a new password (it works once, for a limited time):\n\n${link}\n\nIf you did not ask for it, ignore this mail: your password stays as it is.\n`,
      },
      tx,
    );
  }

  @OnDomainEventWithin(EmailChangeRequested)
  async emailChange(event: EmailChangeRequested, tx: Transaction): Promise<void> {
    const link = this.link('confirm-email-change', event.token);
    await this.outbox.add(
      {
        to: event.newEmail,
        subject: 'Confirm your new e-mail address',
        text: `Follow this link to make ${event.newEmail} the address of your account:\n\n${link}\n\nIf you did not ask for it, ignore this mail.\n`,
      },
      tx,
    );
  }

  @OnDomainEventWithin(EmailChanged)
  async emailChanged(event: EmailChanged, tx: Transaction): Promise<void> {
    await this.outbox.add(
      {
        to: event.oldEmail,
        subject: 'Your e-mail address was changed',
        text: `The address of your account is now ${event.newEmail}. If you did not make this change, reset your password and contact us.\n`,
      },
      tx,
    );
  }

  private link(page: string, token: string): string {
    return `${this.config.appUrl}/${page}?token=${encodeURIComponent(token)}`;
  }
}
