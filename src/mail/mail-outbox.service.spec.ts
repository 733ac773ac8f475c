import { TX } from '../../test/support/unit-doubles';
import { PermanentJobError } from '../jobs/job-handler';
import type { JobQueue } from '../jobs/job-queue.service';
import type { JobRunner } from '../jobs/job-runner.service';
import type { ClaimedJob } from '../jobs/jobs.repository';
import { MAIL_JOB, MailOutbox } from './mail-outbox.service';
import type { MailMessage } from './mail-message';
import type { MailTransport } from './mail-transport';

const MAIL: MailMessage = {
  to: 'jake@example.com',
  subject: 'Reset your password',
  text: 'Follow this link',
};
const JOB: ClaimedJob = { id: 12, type: MAIL_JOB, payload: MAIL, attempts: 1, maxAttempts: 8 };

/** What an SMTP server's answer looks like once nodemailer turns it into an error. */
const smtpError = (responseCode: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode });

describe('MailOutbox', () => {
  let queue: jest.Mocked<JobQueue>;
  let runner: jest.Mocked<JobRunner>;
  let transport: jest.Mocked<MailTransport>;
  let outbox: MailOutbox;

  beforeEach(() => {
    queue = { enqueue: jest.fn().mockResolvedValue(true) } as unknown as jest.Mocked<JobQueue>;
    runner = { handle: jest.fn() } as unknown as jest.Mocked<JobRunner>;
    transport = { send: jest.fn().mockResolvedValue(undefined) } as unknown as jest.Mocked<MailTransport>;
    outbox = new MailOutbox(queue, runner, transport);
    outbox.onModuleInit();
  });

  function deliver(payload: unknown): Promise<void> {
    const [[type, handler]] = runner.handle.mock.calls;
    expect(type).toBe('mail.send');
    return handler(payload, { ...JOB, payload });
  }

  describe('add', () => {
    it("should enqueue a 'mail.send' job with the message in the given transaction", async () => {
      await outbox.add(MAIL, TX);
      expect(queue.enqueue).toHaveBeenCalledTimes(1);
      expect(queue.enqueue).toHaveBeenCalledWith('mail.send', MAIL, { executor: TX });
    });
  });

  describe('delivery', () => {
    it('should send the mail through the transport, known by its job id', async () => {
      await deliver(MAIL);
      expect(transport.send).toHaveBeenCalledWith(MAIL, { jobId: 12 });
    });

    it.each([
      ['550 mailbox unavailable', 550],
      ['500 syntax error', 500],
      ['599 at the top of the range', 599],
    ])('should give up for good when the server refuses it (%s)', async (message, code) => {
      transport.send.mockRejectedValue(smtpError(code, message));
      const failure = await deliver(MAIL).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PermanentJobError);
      expect((failure as Error).message).toBe(`refused: ${message}`);
    });

    it.each([
      ['a 4xx answer', smtpError(451, '451 try again later')],
      ['a 499 answer', smtpError(499, '499 nearly permanent')],
      ['a code beyond the 5xx range', smtpError(600, '600 unheard of')],
      ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
      ['a timeout', Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' })],
      ['a code that is not a number', Object.assign(new Error('odd'), { responseCode: '550' })],
    ])('should rethrow %s as it is, to be retried', async (_case, error) => {
      transport.send.mockRejectedValue(error);
      await expect(deliver(MAIL)).rejects.toBe(error);
    });

    it.each([
      ['nothing', null],
      ['a string', 'jake@example.com'],
      ['a mail without text', { to: MAIL.to, subject: MAIL.subject }],
      ['a mail to a number', { ...MAIL, to: 42 }],
      ['an emptied payload', {}],
    ])('should give up for good on a payload that is %s, sending nothing', async (_case, payload) => {
      const failure = await deliver(payload).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PermanentJobError);
      expect((failure as Error).message).toBe('not a mail message');
      expect(transport.send).not.toHaveBeenCalled();
    });
  });
});
