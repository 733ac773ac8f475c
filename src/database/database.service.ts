import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isAnswerLost, isTransientLockError, WriteOutcomeUnknownError } from './db-errors';
import { PoolEvents } from './deadlines';
import { Dialect, dialectOf } from './dialect';
import { Engine, engineOf } from './engine';
import { poolStats, PoolStats } from './pool-stats';
import { FolioDataSource } from './folio-data-source';
import { SerialQueue, SerialQueueLimits } from './serial-queue';
import { SqlExecutor, Transaction, WriteResult } from './sql-executor';

const TRANSACTION_ATTEMPTS = 4;
const ISOLATION = 'READ COMMITTED';

/**
 * The application's database: repositories run their SQL through it, services open transactions with it.
 * - MySQL/MariaDB: a pool; statements outside a transaction autocommit. Transactions are READ COMMITTED (no gap
 *   locks between unrelated inserts), and a transaction or statement chosen as a deadlock victim runs again.
 * - SQLite: one shared connection, so statements and transactions take turns (SerialQueue): nothing another
 *   request sends can land inside an open transaction and be rolled back with it.
 * Every call is bounded (FolioDataSource's deadlines; on SQLite, the wait for a turn). A write whose answer was
 * lost after it was sent (a statement outside a transaction, or a COMMIT) fails with WriteOutcomeUnknownError.
 */
@Injectable()
export class Database implements SqlExecutor {
  readonly engine: Engine;
  readonly dialect: Dialect;
  /** TypeORM's name for the driver in use (better-sqlite3, mysql, mariadb). */
  readonly driver: string;
  readonly poolEvents: PoolEvents;
  private readonly turns: SerialQueue | undefined;

  constructor(private readonly dataSource: DataSource) {
    this.engine = engineOf(dataSource);
    this.driver = dataSource.options.type;
    this.dialect = dialectOf(this.engine);
    const folio = dataSource instanceof FolioDataSource ? dataSource : undefined;
    this.poolEvents = folio?.poolEvents ?? new PoolEvents();
    this.turns = this.engine === 'sqlite' ? new SerialQueue(turnLimits(folio, this.poolEvents)) : undefined;
  }

  query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.withConnection((runner) => runner.query(sql, [...params]) as Promise<T[]>);
  }

  /** A deadlock victim did nothing (the statement is its own transaction), so it is sent again, as a transaction is. */
  execute(sql: string, params: readonly unknown[] = []): Promise<WriteResult> {
    const once = (): Promise<WriteResult> =>
      this.withConnection((runner) => executeOn(runner, sql, params).catch(unknownIfAnswerLost));
    return this.turns ? once() : withRetries(once);
  }

  /** Runs `work` atomically; it must send every statement through the Transaction it is given. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const once = (): Promise<T> => this.withConnection((runner) => this.runTransaction(runner, work));
    return this.turns ? once() : withRetries(once);
  }

  poolStats(): PoolStats {
    return poolStats(this.dataSource);
  }

  /** Calls `listener` with the error of every statement that fails (for metrics). */
  onQueryFailed(listener: (error: unknown) => void): void {
    this.dataSource.subscribers.push({
      afterQuery: (event) => {
        if (!event.success) listener(event.error);
      },
    });
  }

  /** A connection of the pool (on SQLite: the turn of the one connection) for `work`, released after it. */
  private withConnection<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.connect();
        return await work(runner);
      } finally {
        await runner.release();
      }
    };
    return this.turns ? this.turns.run(run) : run();
  }

  private async runTransaction<T>(runner: QueryRunner, work: (tx: Transaction) => Promise<T>): Promise<T> {
    await runner.startTransaction(this.turns ? undefined : ISOLATION);
    let result: T;
    try {
      result = await work(new OpenTransaction(runner.manager, this));
    } catch (error) {
      // Rolled back by the server anyway when the connection is gone; nothing of it was committed.
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
    await runner.commitTransaction().catch(unknownIfAnswerLost);
    return result;
  }
}

function turnLimits(folio: FolioDataSource | undefined, observer: PoolEvents): SerialQueueLimits | undefined {
  if (!folio?.deadlines) return undefined;
  return { maxWaitMs: folio.deadlines.acquireTimeoutMs, maxWaiting: folio.deadlines.queueLimit, observer };
}

function unknownIfAnswerLost(error: unknown): never {
  throw isAnswerLost(error) ? new WriteOutcomeUnknownError(error) : error;
}

class OpenTransaction implements Transaction {
  readonly inTransaction = true;
  readonly engine: Engine;
  readonly dialect: Dialect;

  constructor(
    private readonly manager: EntityManager,
    database: SqlExecutor,
  ) {
    this.engine = database.engine;
    this.dialect = database.dialect;
  }

  query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.manager.query<T[]>(sql, [...params]);
  }

  execute(sql: string, params: readonly unknown[] = []): Promise<WriteResult> {
    return executeOn(this.manager.queryRunner!, sql, params);
  }
}

async function executeOn(runner: QueryRunner, sql: string, params: readonly unknown[]): Promise<WriteResult> {
  const { raw, affected } = (await runner.query(sql, [...params], true)) as {
    raw: unknown;
    affected?: number;
  };
  // mysql2 answers a result header; better-sqlite3 (through TypeORM) the last inserted rowid.
  const insertId = typeof raw === 'object' && raw !== null ? (raw as { insertId?: number }).insertId : raw;
  return { insertId: Number(insertId ?? 0), affectedRows: Number(affected ?? 0) };
}

async function withRetries<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (!isTransientLockError(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
