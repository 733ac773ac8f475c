import { QueryFailedError } from 'typeorm';
import { DatabaseBusyError, WriteOutcomeUnknownError } from '../../database/db-errors';
import { databaseFaultOf } from './database-fault';

const driverFailure = (fields: Record<string, unknown>): QueryFailedError =>
  new QueryFailedError('SELECT …', [], Object.assign(new Error('driver says no'), fields));

describe('databaseFaultOf', () => {
  it.each([
    ['a full pool', new DatabaseBusyError('acquire timeout'), 'busy, retry shortly'],
    ['a full queue', new DatabaseBusyError('queue full'), 'busy, retry shortly'],
    ["MariaDB's max_statement_time", driverFailure({ errno: 1969 }), 'timed out, retry shortly'],
    ["MySQL's max_execution_time", driverFailure({ errno: 3024 }), 'timed out, retry shortly'],
    [
      'a statement the client gave up on',
      driverFailure({ code: 'PROTOCOL_SEQUENCE_TIMEOUT' }),
      'timed out, retry shortly',
    ],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'unavailable, retry shortly',
    ],
  ])('should answer %s with a database message', (_case, error, message) => {
    expect(databaseFaultOf(error)?.errors).toEqual({ database: [message] });
  });

  it('should tell the client that a write of unknown outcome may be stored', () => {
    const fault = databaseFaultOf(
      new WriteOutcomeUnknownError(driverFailure({ code: 'PROTOCOL_CONNECTION_LOST' })),
    );
    expect(fault?.errors.database?.[0]).toContain('may or may not be stored');
    expect(fault?.summary).toMatch(/^write outcome unknown/);
  });

  it("should leave the client's own mistakes and unexpected errors alone", () => {
    expect(databaseFaultOf(driverFailure({ code: 'ER_DUP_ENTRY', errno: 1062 }))).toBeUndefined();
    expect(databaseFaultOf(new TypeError('x is undefined'))).toBeUndefined();
  });
});
