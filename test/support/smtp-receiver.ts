import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait';

/** A delivered mail as a test reads it. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  /** Folio's job id (X-Folio-Job): the same for every delivery of one outbox row. */
  jobId: string;
}

/**
 * A real SMTP server on a free loopback port (the smtp-server package), keeping every mail it accepts. `refuse`
 * makes it answer 451 (try again later) until set back, as a mail server in trouble does.
 */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  refuse = false;
  private server?: SMTPServer;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onMailFrom: (_address, _session, callback) => {
        if (!this.refuse) return callback();
        const refusal = Object.assign(new Error('try again later'), { responseCode: 451 });
        return callback(refusal);
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.mails.push({
              to: addressesOf(parsed.to).join(', '),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              jobId: headerText(parsed.headers.get('x-folio-job')),
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** The first mail to `to` (whose subject matches `subject`), once it arrives. */
  async next(to: string, subject?: RegExp, timeoutMs = 15_000): Promise<ReceivedMail> {
    let found: ReceivedMail | undefined;
    await waitFor(
      async () => {
        found = this.to(to).find((mail) => !subject || subject.test(mail.subject));
        return found !== undefined;
      },
      timeoutMs,
      `a mail to ${to}`,
    );
    return found!;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.toLowerCase() === address.toLowerCase());
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The `token` parameter of the first link in a mail. */
export function linkToken(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no link in the mail "${mail.subject}"`);
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

function addressesOf(field: unknown): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((object: { value: { address?: string }[] }) =>
    object.value.map((entry) => entry.address ?? ''),
  );
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
