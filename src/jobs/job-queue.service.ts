import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { jobsConfig } from '../config/configuration';
import type { SqlExecutor } from '../database/sql-executor';
import { JobsRepository } from './jobs.repository';

export interface EnqueueOptions {
  /** Not before (default: now). */
  runAt?: Date;
  /** A job with the same key is added once (see Job.dedupeKey). */
  dedupeKey?: string;
  maxAttempts?: number;
  /** The transaction the job belongs to: it is added if and only if the transaction commits. */
  executor?: SqlExecutor;
}

/** Adds background jobs; the job runner of some instance runs each one. */
@Injectable()
export class JobQueue {
  constructor(
    private readonly jobs: JobsRepository,
    @Inject(jobsConfig.KEY) private readonly config: ConfigType<typeof jobsConfig>,
  ) {}

  /** Answers whether the job was added (false: one with its dedupe key exists). */
  enqueue(type: string, payload: unknown, options: EnqueueOptions = {}): Promise<boolean> {
    const at = new Date();
    const job = {
      type,
      payload,
      runAt: options.runAt ?? at,
      maxAttempts: options.maxAttempts ?? this.config.maxAttempts,
      dedupeKey: options.dedupeKey ?? null,
    };
    return this.jobs.insert(job, at, options.executor);
  }
}
