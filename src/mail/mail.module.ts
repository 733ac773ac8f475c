import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { MailOutbox } from './mail-outbox.service';
import { MailTransport } from './mail-transport';

/** Mail: written to the outbox in a write's transaction, sent by the job runner. */
@Module({
  imports: [JobsModule],
  providers: [MailTransport, MailOutbox],
  exports: [MailOutbox],
})
export class MailModule {}
