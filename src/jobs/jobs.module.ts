import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service';
import { JobRunner } from './job-runner.service';
import { JobsRepository } from './jobs.repository';

/** Background work: JobQueue adds jobs (in the caller's transaction when given one), JobRunner runs them. */
@Module({
  providers: [JobsRepository, JobQueue, JobRunner],
  exports: [JobQueue, JobRunner, JobsRepository],
})
export class JobsModule {}
