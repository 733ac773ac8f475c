import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { mailConfig } from '../config/configuration';
import type { MailMessage } from './mail-message';
import { MailTransport } from './mail-transport';

const MAIL: MailMessage = {
  to: 'jake@example.com',
  subject: 'Reset your password',
  text:
    'Follow this link to choose a new password:\n\n' +
    'https://app.example.com/reset-password?token=s3cr3t-t0ken\n\n' +
    'or this one: http://localhost:4100/reset-password?token=s3cr3t-t0ken\n',
};

const transport = (logLinks: boolean): MailTransport => {
  const config: ConfigType<typeof mailConfig> = {
    smtpUrl: undefined,
    from: 'Folio <no-reply@folio.invalid>',
    appUrl: 'https://app.example.com',
    logLinks,
  };
  return new MailTransport(config);
};

describe('MailTransport without SMTP_URL', () => {
  let logged: jest.SpyInstance;

  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const loggedText = (): string => {
    expect(logged).toHaveBeenCalledTimes(1);
    return String(logged.mock.calls[0][0]);
  };

  it('should log the mail with its links left out when links may not be logged', async () => {
    await transport(false).send(MAIL, { jobId: 1 });
    const text = loggedText();
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toContain('s3cr3t-t0ken');
    expect(text.match(/\[link left out in production\]/g)).toHaveLength(2);
    expect(text).toContain('jake@example.com');
    expect(text).toContain('Reset your password');
    expect(text).toContain('Follow this link to choose a new password:');
  });

  it('should log the whole mail, links included, when links may be logged', async () => {
    await transport(true).send(MAIL, { jobId: 1 });
    const text = loggedText();
    expect(text).toContain('https://app.example.com/reset-password?token=s3cr3t-t0ken');
    expect(text).toContain('http://localhost:4100/reset-password?token=s3cr3t-t0ken');
    expect(text).not.toContain('left out');
  });
});
