import { QueryFailedError } from 'typeorm';
import type { Database } from '../../src/database/database.service';
import type { Transaction } from '../../src/database/sql-executor';
import type { DomainEvent } from '../../src/events/domain-event';
import type { DomainEvents } from '../../src/events/domain-events.service';
import type { Account } from '../../src/users/users.repository';

// Test doubles for unit specs: services are tested with their repositories replaced at the boundary.

/** The Transaction a service's work receives from the fake database; repository doubles only pass it on. */
export const TX = { inTransaction: true } as unknown as Transaction;

/** Runs every transaction's work at once with TX, as the real Database would after BEGIN. */
export function fakeDatabase(): jest.Mocked<Pick<Database, 'transaction'>> & Database {
  return {
    transaction: jest.fn(async (work: (tx: Transaction) => Promise<unknown>) => work(TX)),
  } as unknown as jest.Mocked<Pick<Database, 'transaction'>> & Database;
}

/** Records what a service publishes. */
export function fakeEvents(): DomainEvents & { published: DomainEvent[] } {
  const published: DomainEvent[] = [];
  return { published, publish: jest.fn(async (event: DomainEvent) => void published.push(event)) } as never;
}

/** A unique-index violation as mysql2 reports it (the index named in the message). */
export function uniqueViolation(index: string): QueryFailedError {
  const driverError = Object.assign(new Error(`Duplicate entry 'x' for key '${index}'`), {
    code: 'ER_DUP_ENTRY',
    errno: 1062,
  });
  return new QueryFailedError('INSERT …', [], driverError);
}

/** A write that referred to a row that is gone, as better-sqlite3 (by default) or mysql2 reports it. */
export function foreignKeyViolation(engine: 'sqlite' | 'mysql' = 'sqlite'): QueryFailedError {
  const driverError =
    engine === 'sqlite'
      ? Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })
      : Object.assign(new Error('Cannot add or update a child row: a foreign key constraint fails'), {
          code: 'ER_NO_REFERENCED_ROW_2',
          errno: 1452,
        });
  return new QueryFailedError('INSERT …', [], driverError);
}

/** A statement chosen as a deadlock victim (and rolled back), as mysql2 reports it. */
export function deadlock(): QueryFailedError {
  const driverError = Object.assign(
    new Error('Deadlock found when trying to get lock; try restarting transaction'),
    {
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
    },
  );
  return new QueryFailedError('INSERT …', [], driverError);
}

/** The status and body of what a failed call threw, for comparing HttpExceptions. */
export async function rejection(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    const http = error as { getStatus?: () => number; getResponse?: () => unknown };
    if (http.getStatus && http.getResponse) return { status: http.getStatus(), body: http.getResponse() };
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** An account as UsersRepository reads it: jake, confirmed, a plain user, unless `overrides` says otherwise. */
export function accountOf(overrides: Partial<Account> = {}): Account {
  return {
    id: 42,
    email: 'jake@example.com',
    username: 'jake',
    bio: null,
    image: null,
    emailConfirmed: true,
    role: 'user',
    suspended: false,
    ...overrides,
  };
}
