import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { isTransientLockError } from './db-errors';

const ATTEMPTS = 4;

/**
 * Runs multi-statement writes atomically.
 * - MySQL/MariaDB: READ COMMITTED (no gap locks between unrelated inserts), and a transaction chosen as a deadlock
 *   victim is run again, so concurrent writers never see a 500 for a lock conflict.
 * - SQLite: TypeORM drives it through one shared connection, where two interleaved transactions would nest into
 *   each other; there they take turns.
 */
@Injectable()
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialised: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serialised = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.serialised) return this.inTurn(() => this.dataSource.transaction(work));
    return this.withRetries(() => this.dataSource.transaction('READ COMMITTED', work));
  }

  private inTurn<T>(transaction: () => Promise<T>): Promise<T> {
    const result = this.queue.then(transaction);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async withRetries<T>(transaction: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction();
      } catch (error) {
        if (!isTransientLockError(error) || attempt >= ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }
}

/**
 * Locks the rows `where` matches until the transaction ends and tells whether there were any. SQLite needs no row
 * locks: its transactions already take turns.
 */
export async function lockRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  where: FindOptionsWhere<T>,
): Promise<boolean> {
  const query = manager.createQueryBuilder(target, 'locked').select('1', 'found').where(where);
  if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
  return (await query.getRawMany()).length > 0;
}
