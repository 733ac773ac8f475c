import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createTransport, type Transporter } from 'nodemailer';
import { mailConfig } from '../config/configuration';
import type { MailMessage } from './mail-message';

/** Bounds every SMTP conversation, so that a stuck server costs a job attempt, not a job runner slot for ever. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const LINK = /https?:\/\/\S+/g;

/** What a sent mail is known by; the job id lets a receiver (and a test) tell a repeated delivery. */
export interface MailEnvelope {
  jobId: number;
}

/**
 * Sends mail through SMTP_URL (nodemailer), or without it writes each message to the log: whole in development,
 * with its links left out in production (they carry tokens).
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly smtp: Transporter | undefined;

  constructor(@Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>) {
    this.smtp = config.smtpUrl ? createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS }) : undefined;
  }

  async send(message: MailMessage, envelope: MailEnvelope): Promise<void> {
    if (!this.smtp) return this.log(message);
    await this.smtp.sendMail({
      from: this.config.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: `<folio-job-${envelope.jobId}@${messageIdDomain(this.config.from)}>`,
      headers: { 'X-Folio-Job': String(envelope.jobId) },
    });
  }

  onModuleDestroy(): void {
    this.smtp?.close();
  }

  private log(message: MailMessage): void {
    const text = this.config.logLinks
      ? message.text
      : message.text.replace(LINK, '[link left out in production]');
    this.logger.log(
      `mail to ${message.to} (SMTP_URL is not set, so it is not sent): ${message.subject}\n${text}`,
    );
  }
}

function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'folio.invalid';
}
