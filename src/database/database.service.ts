import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isTransientLockError } from './db-errors';
import { Dialect, dialectOf } from './dialect';
import { Engine, engineOf } from './engine';
import { poolStats, PoolStats } from './pool-stats';
import { SerialQueue } from './serial-queue';
import { SqlExecutor, Transaction, WriteResult } from './sql-executor';

const TRANSACTION_ATTEMPTS = 4;

/**
 * The application's database: repositories run their SQL through it, services open transactions with it.
 * - MySQL/MariaDB: a pool; statements outside a transaction autocommit. Transactions are READ COMMITTED (no gap
 *   locks between unrelated inserts), and one chosen as a deadlock victim runs again.
 * - SQLite: one shared connection, so statements and transactions take turns (SerialQueue): nothing another
 *   request sends can land inside an open transaction and be rolled back with it.
 */
@Injectable()
export class Database implements SqlExecutor {
  readonly engine: Engine;
  readonly dialect: Dialect;
  /** TypeORM's name for the driver in use (better-sqlite3, mysql, mariadb). */
  readonly driver: string;
  private readonly turns: SerialQueue | undefined;

  constructor(private readonly dataSource: DataSource) {
    this.engine = engineOf(dataSource);
    this.driver = dataSource.options.type;
    this.dialect = dialectOf(this.engine);
    this.turns = this.engine === 'sqlite' ? new SerialQueue() : undefined;
  }

  query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.inTurn(() => this.dataSource.query<T[]>(sql, [...params]));
  }

  execute(sql: string, params: readonly unknown[] = []): Promise<WriteResult> {
    return this.inTurn(async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return await executeOn(runner, sql, params);
      } finally {
        await runner.release();
      }
    });
  }

  /** Runs `work` atomically; it must send every statement through the Transaction it is given. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const open = (manager: EntityManager): Promise<T> => work(new OpenTransaction(manager, this));
    if (this.turns) return this.turns.run(() => this.dataSource.transaction(open));
    return withRetries(() => this.dataSource.transaction('READ COMMITTED', open));
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

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    return this.turns ? this.turns.run(work) : work();
  }
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
