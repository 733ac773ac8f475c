import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { jobsConfig } from '../config/configuration';
import { Database } from '../database/database.service';
import { backoffMs, JobHandler, PermanentJobError } from './job-handler';
import { JobQueue } from './job-queue.service';
import { ClaimedJob, JobsRepository } from './jobs.repository';

export type JobOutcome = 'done' | 'retry' | 'dead';

/** How long a stop waits for the jobs in hand; unfinished ones are run again elsewhere once their lease ends. */
const STOP_WAIT_MS = 5000;

/**
 * Folio's one job runner. Every instance polls the jobs table and claims due jobs under a lease (SKIP LOCKED on
 * MySQL/MariaDB, so instances never claim the same job; SQLite's embedded default is one process). A failed
 * attempt is retried with exponential backoff and jitter; after the last one the job is dead. Jobs are delivered
 * at least once: a job whose instance died mid-run is run again when its lease ends.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobRunner');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly periodic = new Map<string, { everyMs: number; lastPeriod: number }>();
  private readonly outcomeListeners: ((type: string, outcome: JobOutcome) => void)[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly worker = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private failingSince: number | undefined;
  private lastReleaseAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly jobs: JobsRepository,
    private readonly queue: JobQueue,
    private readonly database: Database,
    @Inject(jobsConfig.KEY) private readonly config: ConfigType<typeof jobsConfig>,
  ) {
    this.every('jobs.purge', 3_600_000, () => this.purgeFinished());
  }

  /** Registers the handler of a job type (at module init). */
  handle(type: string, handler: JobHandler): void {
    if (this.handlers.has(type)) throw new Error(`job type ${type} has two handlers`);
    this.handlers.set(type, handler);
  }

  /** A job type that runs every `everyMs` on one of the instances: each instance offers it once per period. */
  every(type: string, everyMs: number, handler: JobHandler): void {
    this.handle(type, handler);
    this.periodic.set(type, { everyMs, lastPeriod: -1 });
  }

  onOutcome(listener: (type: string, outcome: JobOutcome) => void): void {
    this.outcomeListeners.push(listener);
  }

  onApplicationBootstrap(): void {
    if (!this.config.enabled) return;
    this.stopped = false;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const inHand = Promise.all(this.running);
    await Promise.race([inHand, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
  }

  /** One round: offer the periodic jobs, free lost leases, claim what there is room for and start it. */
  async tick(): Promise<void> {
    const now = new Date();
    await this.offerPeriodic(now);
    await this.releaseExpiredLeases(now);
    const room = this.config.concurrency - this.running.size;
    if (room <= 0) return;
    const until = new Date(now.getTime() + this.config.leaseMs);
    const claimed = await this.database.transaction((tx) =>
      this.jobs.claim(this.worker, room, now, until, tx),
    );
    for (const job of claimed) this.track(this.run(job));
  }

  /** Lost leases are rare (an instance died): look for them a few times per lease period, not every poll. */
  private async releaseExpiredLeases(now: Date): Promise<void> {
    const everyMs = Math.max(this.config.pollIntervalMs, this.config.leaseMs / 4);
    if (now.getTime() - this.lastReleaseAt < everyMs) return;
    await this.jobs.releaseExpired(now);
    this.lastReleaseAt = now.getTime();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.loop(), delayMs);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    try {
      await this.tick();
      if (this.failingSince !== undefined) this.logger.log('job runner reaches the database again');
      this.failingSince = undefined;
    } catch (error) {
      // The database is down or busy: keep polling, say so once.
      if (this.failingSince === undefined)
        this.logger.warn(`job runner cannot reach the database: ${describe(error)}`);
      this.failingSince ??= Date.now();
    }
    this.schedule(this.config.pollIntervalMs);
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  private async run(job: ClaimedJob): Promise<void> {
    try {
      const handler = this.handlers.get(job.type);
      if (!handler) throw new PermanentJobError(`no handler for job type ${job.type}`);
      await handler(job.payload, job);
    } catch (error) {
      await this.fail(job, error).catch((failure: unknown) => this.unrecorded(job, failure));
      return;
    }
    // Not recorded (the database is gone): the job runs again when its lease ends. At least once, never lost.
    const recorded = await this.jobs.complete(job.id, this.worker, new Date()).catch((failure: unknown) => {
      this.unrecorded(job, failure);
      return false;
    });
    if (recorded) this.report(job.type, 'done');
  }

  private unrecorded(job: ClaimedJob, failure: unknown): void {
    this.logger.warn(`job ${job.id} (${job.type}): its outcome could not be recorded: ${describe(failure)}`);
  }

  private async fail(job: ClaimedJob, error: unknown): Promise<void> {
    const message = describe(error);
    const now = new Date();
    if (error instanceof PermanentJobError || job.attempts >= job.maxAttempts) {
      await this.jobs.bury(job.id, this.worker, now, message);
      this.logger.error(`job ${job.id} (${job.type}) is dead after ${job.attempts} attempt(s): ${message}`);
      this.report(job.type, 'dead');
      return;
    }
    const delay = backoffMs(job.attempts, this.config.backoffBaseMs, this.config.backoffMaxMs);
    await this.jobs.retryLater(job.id, this.worker, new Date(now.getTime() + delay), message);
    this.logger.warn(
      `job ${job.id} (${job.type}) attempt ${job.attempts} failed, retry in ${delay} ms: ${message}`,
    );
    this.report(job.type, 'retry');
  }

  private async offerPeriodic(now: Date): Promise<void> {
    for (const [type, schedule] of this.periodic) {
      const period = Math.floor(now.getTime() / schedule.everyMs);
      if (period === schedule.lastPeriod) continue;
      await this.queue.enqueue(type, {}, { dedupeKey: `${type}@${period}` });
      schedule.lastPeriod = period;
    }
  }

  private async purgeFinished(): Promise<void> {
    const deleted = await this.jobs.deleteFinished(new Date(Date.now() - this.config.retentionMs));
    if (deleted > 0) this.logger.log(`deleted ${deleted} finished job(s)`);
  }

  private report(type: string, outcome: JobOutcome): void {
    for (const listener of this.outcomeListeners) listener(type, outcome);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
