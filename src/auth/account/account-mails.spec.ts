import { TX } from '../../../test/support/unit-doubles';
import type { ClientInfo } from '../../common/client-info';
import type { MailOutbox } from '../../mail/mail-outbox.service';
import { AccountMails } from './account-mails';
import {
  EmailChanged,
  EmailChangeRequested,
  EmailConfirmationRequested,
  PasswordResetRequested,
} from './account.events';

const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: 'curl/8.5.0', requestId: 'req-1' };
const TOKEN = 'ab+/=';
const AT = new Date(0);

describe('AccountMails', () => {
  let outbox: jest.Mocked<MailOutbox>;
  let mails: AccountMails;

  beforeEach(() => {
    outbox = { add: jest.fn().mockResolvedValue(undefined) } as unknown as jest.Mocked<MailOutbox>;
    mails = new AccountMails(outbox, {
      smtpUrl: undefined,
      from: 'Folio <no-reply@folio.invalid>',
      appUrl: 'https://app.example.com',
      logLinks: false,
    });
  });

  const sent = () => {
    expect(outbox.add).toHaveBeenCalledTimes(1);
    const [[mail, tx]] = outbox.add.mock.calls;
    expect(tx).toBe(TX);
    return mail;
  };

  it('should mail the confirmation link to the address to confirm, in the transaction', async () => {
    await mails.confirmation(new EmailConfirmationRequested(42, 'jake@example.com', TOKEN, AT), TX);
    const mail = sent();
    expect(mail).toMatchObject({ to: 'jake@example.com', subject: 'Confirm your e-mail address' });
    expect(mail.text).toContain('https://app.example.com/confirm-email?token=ab%2B%2F%3D');
  });

  it('should mail the reset link to the account, in the transaction', async () => {
    await mails.passwordReset(new PasswordResetRequested(42, 'jake@example.com', TOKEN, AT), TX);
    const mail = sent();
    expect(mail).toMatchObject({ to: 'jake@example.com', subject: 'Reset your password' });
    expect(mail.text).toContain('https://app.example.com/reset-password?token=ab%2B%2F%3D');
  });

  it('should mail the e-mail change link to the new address only', async () => {
    await mails.emailChange(new EmailChangeRequested(42, 'new@example.com', TOKEN, AT), TX);
    const mail = sent();
    expect(mail.to).toBe('new@example.com');
    expect(mail.text).toContain('https://app.example.com/confirm-email-change?token=ab%2B%2F%3D');
  });

  it('should tell the old address that the change was made, without a link', async () => {
    await mails.emailChanged(new EmailChanged(42, 'jake@example.com', 'new@example.com', CLIENT, AT), TX);
    const mail = sent();
    expect(mail.to).toBe('jake@example.com');
    expect(mail.text).toContain('new@example.com');
    expect(mail.text).not.toMatch(/https?:\/\//);
  });
});
