import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Transaction } from '../database/sql-executor';
import { PermanentJobError } from '../jobs/job-handler';
import { JobQueue } from '../jobs/job-queue.service';
import { JobRunner } from '../jobs/job-runner.service';
import type { ClaimedJob } from '../jobs/jobs.repository';
import { isMailMessage, MailMessage } from './mail-message';
import { MailTransport } from './mail-transport';

export const MAIL_JOB = 'mail.send';

/**
 * The mail outbox: a mail is a job row written in the transaction of the change that causes it, so it is sent if
 * and only if the change commits, even when the process stops right after the commit. The job runner sends it,
 * retrying with backoff; an address the server refuses for good (a 5xx answer) is not retried.
 */
@Injectable()
export class MailOutbox implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly runner: JobRunner,
    private readonly transport: MailTransport,
  ) {}

  onModuleInit(): void {
    this.runner.handle(MAIL_JOB, (payload, job) => this.deliver(payload, job));
  }

  async add(message: MailMessage, tx: Transaction): Promise<void> {
    await this.queue.enqueue(MAIL_JOB, message, { executor: tx });
  }

  private async deliver(payload: unknown, job: ClaimedJob): Promise<void> {
    if (!isMailMessage(payload)) throw new PermanentJobError('not a mail message');
    try {
      await this.transport.send(payload, { jobId: job.id });
    } catch (error) {
      if (isPermanentRefusal(error)) throw new PermanentJobError(`refused: ${(error as Error).message}`);
      throw error;
    }
  }
}

/** An SMTP 5xx answer: the server will not take this mail, whenever it is tried. */
function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
