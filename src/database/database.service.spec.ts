import type { DataSource, QueryRunner } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { deadlock } from '../../test/support/unit-doubles';
import { Database } from './database.service';
import { WriteOutcomeUnknownError } from './db-errors';

const lost = (): QueryFailedError =>
  new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error('Query inactivity timeout'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' }),
  );
const duplicate = (): QueryFailedError =>
  new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY', errno: 1062 }),
  );

function fakeMariaDb(runner: Partial<Record<keyof QueryRunner, jest.Mock>>): {
  database: Database;
  runner: Record<string, jest.Mock>;
} {
  const full: Record<string, jest.Mock> = {
    connect: jest.fn().mockResolvedValue(undefined),
    release: jest.fn().mockResolvedValue(undefined),
    query: jest.fn().mockResolvedValue({ raw: { insertId: 7 }, affected: 1 }),
    startTransaction: jest.fn().mockResolvedValue(undefined),
    commitTransaction: jest.fn().mockResolvedValue(undefined),
    rollbackTransaction: jest.fn().mockResolvedValue(undefined),
    ...runner,
  };
  Object.assign(full, { manager: { queryRunner: full, query: full.query } });
  const dataSource = { options: { type: 'mariadb' }, createQueryRunner: () => full } as unknown as DataSource;
  return { database: new Database(dataSource), runner: full };
}

describe('Database', () => {
  it('should report a write whose answer was lost after it was sent as of unknown outcome, and release the connection', async () => {
    const { database, runner } = fakeMariaDb({ query: jest.fn().mockRejectedValue(lost()) });
    await expect(database.execute('INSERT INTO t VALUES (1)')).rejects.toBeInstanceOf(
      WriteOutcomeUnknownError,
    );
    expect(runner.release).toHaveBeenCalledTimes(1);
  });

  it('should report a COMMIT whose answer was lost as of unknown outcome', async () => {
    const { database } = fakeMariaDb({ commitTransaction: jest.fn().mockRejectedValue(lost()) });
    await expect(database.transaction((tx) => tx.execute('INSERT INTO t VALUES (1)'))).rejects.toBeInstanceOf(
      WriteOutcomeUnknownError,
    );
  });

  it('should roll back, and pass the error on as it is, when a statement inside a transaction fails', async () => {
    const failure = lost();
    const { database, runner } = fakeMariaDb({ query: jest.fn().mockRejectedValue(failure) });
    await expect(database.transaction((tx) => tx.execute('INSERT INTO t VALUES (1)'))).rejects.toBe(failure);
    expect(runner.rollbackTransaction).toHaveBeenCalledTimes(1);
    expect(runner.commitTransaction).not.toHaveBeenCalled();
    expect(runner.release).toHaveBeenCalledTimes(1);
  });

  it("should pass a statement's own errors on as they are: the write is known not to have happened", async () => {
    const failure = duplicate();
    const { database } = fakeMariaDb({ query: jest.fn().mockRejectedValue(failure) });
    await expect(database.execute('INSERT INTO t VALUES (1)')).rejects.toBe(failure);
  });

  it('should send a statement chosen as a deadlock victim again (it did nothing), and give up after four tries', async () => {
    const query = jest
      .fn()
      .mockRejectedValueOnce(deadlock())
      .mockResolvedValue({ raw: { insertId: 3 }, affected: 1 });
    const { database } = fakeMariaDb({ query });
    await expect(database.execute('INSERT INTO t VALUES (1)')).resolves.toEqual({
      insertId: 3,
      affectedRows: 1,
    });
    expect(query).toHaveBeenCalledTimes(2);
    query.mockReset().mockRejectedValue(deadlock());
    await expect(database.execute('INSERT INTO t VALUES (1)')).rejects.toThrow('Deadlock');
    expect(query).toHaveBeenCalledTimes(4);
  });

  it('should answer what a write did', async () => {
    const { database } = fakeMariaDb({});
    await expect(database.execute('INSERT INTO t VALUES (1)')).resolves.toEqual({
      insertId: 7,
      affectedRows: 1,
    });
  });
});
