import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { GenerateSql } from '../database/generate-sql.decorator';
import { placeholders, type SqlExecutor } from '../database/sql-executor';
import { toSqlTimestamp } from '../database/timestamps';
import type { JobStatus } from './entities/job.entity';

export interface NewJob {
  type: string;
  payload: unknown;
  runAt: Date;
  maxAttempts: number;
  dedupeKey: string | null;
}

/** A job as its runner holds it while it runs. */
export interface ClaimedJob {
  id: number;
  type: string;
  payload: unknown;
  /** This one included. */
  attempts: number;
  maxAttempts: number;
}

export interface JobCount {
  type: string;
  status: JobStatus;
  count: number;
}

const ERROR_MAX = 1000;

/** The jobs table: enqueueing, claiming under a lease, and the outcome of each attempt. */
@Injectable()
export class JobsRepository {
  constructor(private readonly db: Database) {}

  /** Adds the job unless one with its dedupe key exists; answers whether it was added. */
  @GenerateSql({
    params: [
      { type: 'mail.send', payload: {}, runAt: new Date(0), maxAttempts: 8, dedupeKey: null },
      new Date(0),
    ],
  })
  async insert(job: NewJob, at: Date, executor: SqlExecutor = this.db): Promise<boolean> {
    const { affectedRows } = await executor.execute(
      `${executor.dialect.insertIgnore} jobs (type, payload, status, attempts, max_attempts, run_at, locked_by,
         locked_until, last_error, dedupe_key, created_at, finished_at)
       VALUES (?, ?, 'pending', 0, ?, ?, NULL, NULL, NULL, ?, ?, NULL)`,
      [
        job.type,
        JSON.stringify(job.payload),
        job.maxAttempts,
        toSqlTimestamp(job.runAt),
        job.dedupeKey,
        toSqlTimestamp(at),
      ],
    );
    return affectedRows === 1;
  }

  /**
   * Leases up to `limit` due jobs to `worker` until `until`, in the caller's transaction. Rows another instance is
   * claiming are skipped rather than waited for, so instances never block each other nor claim the same job.
   */
  @GenerateSql({ params: ['worker', 4, new Date(0), new Date(0)] })
  async claim(
    worker: string,
    limit: number,
    now: Date,
    until: Date,
    executor: SqlExecutor = this.db,
  ): Promise<ClaimedJob[]> {
    const rows = await executor.query<{ id: number }>(
      `SELECT id FROM jobs WHERE status = 'pending' AND run_at <= ?
       ORDER BY run_at, id LIMIT ${Number(limit)}${executor.dialect.forUpdateSkipLocked}`,
      [toSqlTimestamp(now)],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((row) => Number(row.id));
    await executor.execute(
      `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ?, locked_until = ?
       WHERE id IN (${placeholders(ids)})`,
      [worker, toSqlTimestamp(until), ...ids],
    );
    const claimed = await executor.query<ClaimedJob & { payload: string }>(
      `SELECT id, type, payload, attempts, max_attempts AS maxAttempts FROM jobs WHERE id IN (${placeholders(ids)})
       ORDER BY run_at, id`,
      ids,
    );
    return claimed.map((row) => ({
      id: Number(row.id),
      type: row.type,
      payload: JSON.parse(row.payload) as unknown,
      attempts: Number(row.attempts),
      maxAttempts: Number(row.maxAttempts),
    }));
  }

  /** Running jobs whose lease ran out (their instance stopped or hung) become pending again; answers how many. */
  @GenerateSql({ params: [new Date(0)] })
  async releaseExpired(now: Date): Promise<number> {
    const { affectedRows } = await this.db.execute(
      `UPDATE jobs SET status = 'pending', locked_by = NULL, locked_until = NULL
       WHERE status = 'running' AND locked_until < ?`,
      [toSqlTimestamp(now)],
    );
    return affectedRows;
  }

  /** Marks the job done if `worker` still holds it; its payload is emptied. */
  @GenerateSql({ params: [1, 'worker', new Date(0)] })
  async complete(id: number, worker: string, at: Date): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      `UPDATE jobs SET status = 'done', payload = '{}', locked_by = NULL, locked_until = NULL, finished_at = ?
       WHERE id = ? AND locked_by = ? AND status = 'running'`,
      [toSqlTimestamp(at), id, worker],
    );
    return affectedRows === 1;
  }

  /** After a failed attempt: pending again at `runAt`. */
  @GenerateSql({ params: [1, 'worker', new Date(0), 'connect ECONNREFUSED'] })
  async retryLater(id: number, worker: string, runAt: Date, error: string): Promise<void> {
    await this.db.execute(
      `UPDATE jobs SET status = 'pending', run_at = ?, locked_by = NULL, locked_until = NULL, last_error = ?
       WHERE id = ? AND locked_by = ? AND status = 'running'`,
      [toSqlTimestamp(runAt), error.slice(0, ERROR_MAX), id, worker],
    );
  }

  /** After the last attempt failed: dead, kept with its error (not its payload) for operators. */
  @GenerateSql({ params: [1, 'worker', new Date(0), 'connect ECONNREFUSED'] })
  async bury(id: number, worker: string, at: Date, error: string): Promise<void> {
    await this.db.execute(
      `UPDATE jobs SET status = 'dead', payload = '{}', locked_by = NULL, locked_until = NULL, last_error = ?,
         finished_at = ?
       WHERE id = ? AND locked_by = ? AND status = 'running'`,
      [error.slice(0, ERROR_MAX), toSqlTimestamp(at), id, worker],
    );
  }

  /** Done and dead jobs finished before `before`, deleted; answers how many. */
  @GenerateSql({ params: [new Date(0)] })
  async deleteFinished(before: Date): Promise<number> {
    const { affectedRows } = await this.db.execute(
      `DELETE FROM jobs WHERE status IN ('done', 'dead') AND finished_at < ?`,
      [toSqlTimestamp(before)],
    );
    return affectedRows;
  }

  @GenerateSql({ params: [] })
  async countByTypeAndStatus(): Promise<JobCount[]> {
    const rows = await this.db.query<JobCount>(
      'SELECT type, status, COUNT(*) AS count FROM jobs GROUP BY type, status',
    );
    return rows.map((row) => ({ type: row.type, status: row.status, count: Number(row.count) }));
  }
}
