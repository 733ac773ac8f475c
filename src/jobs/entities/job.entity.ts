import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const JOB_STATUSES = ['pending', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A unit of background work, claimed by one instance at a time: pending (due at run_at) → running (leased to
 * locked_by until locked_until) → done, or back to pending with a later run_at after a failure, or dead after
 * the last attempt. A lease that runs out (its instance died) makes the job pending again.
 */
@Entity('jobs')
@Index('IDX_jobs_claim', ['status', 'runAt'])
@Index('UQ_jobs_dedupe_key', ['dedupeKey'], { unique: true })
export class Job {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** The job's input as JSON; emptied when it finishes (it may hold a link with a token). */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16 })
  status: JobStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts: number;

  @Column({ name: 'run_at', type: 'datetime', precision: 3 })
  runAt: Date;

  @Column({ name: 'locked_by', type: 'varchar', length: 64, nullable: true })
  lockedBy: string | null;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  /** Makes enqueueing idempotent: a second job with the same key is not added (periodic jobs use one per period). */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191, nullable: true })
  dedupeKey: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}
