import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isUniqueViolation } from './db-errors';

const EMAIL = { index: 'UQ_users_email', columns: ['email'] };
const USERNAME = { index: 'UQ_users_username', columns: ['username'] };
const FOLLOW = { index: 'PRIMARY', columns: ['follower_id', 'following_id'] };

function queryFailed(driverError: Record<string, unknown>): QueryFailedError {
  return new QueryFailedError('INSERT INTO users ...', [], Object.assign(new Error(), driverError));
}

/** As mysql2 reports a duplicate key on MariaDB and MySQL 5.7: the bare index name. */
const mariadbDuplicate = (index: string): QueryFailedError =>
  queryFailed({
    code: 'ER_DUP_ENTRY',
    errno: 1062,
    message: `Duplicate entry 'jake@example.com' for key '${index}'`,
  });

/** As MySQL 8 reports it: the index name qualified by its table. */
const mysql8Duplicate = (table: string, index: string): QueryFailedError =>
  queryFailed({
    code: 'ER_DUP_ENTRY',
    errno: 1062,
    message: `Duplicate entry 'jake' for key '${table}.${index}'`,
  });

/** As better-sqlite3 reports it: the table-qualified columns, never the index name. */
const sqliteDuplicate = (code: string, columns: string): QueryFailedError =>
  queryFailed({ code, message: `UNIQUE constraint failed: ${columns}` });

describe('isUniqueViolation', () => {
  describe('MySQL and MariaDB', () => {
    it('should recognise a duplicate entry without a target', () => {
      expect(isUniqueViolation(mariadbDuplicate('UQ_users_email'))).toBe(true);
    });

    it('should match the index the message names', () => {
      expect(isUniqueViolation(mariadbDuplicate('UQ_users_email'), EMAIL)).toBe(true);
      expect(isUniqueViolation(mysql8Duplicate('users', 'UQ_users_username'), USERNAME)).toBe(true);
    });

    it('should not match another index', () => {
      expect(isUniqueViolation(mariadbDuplicate('UQ_users_email'), USERNAME)).toBe(false);
      expect(isUniqueViolation(mysql8Duplicate('users', 'UQ_users_username'), EMAIL)).toBe(false);
    });

    it('should not match an index whose name only starts with the target name', () => {
      expect(isUniqueViolation(mariadbDuplicate('UQ_users_email_lower'), EMAIL)).toBe(false);
    });

    it('should recognise a duplicate by errno alone', () => {
      const error = queryFailed({ errno: 1062, message: "Duplicate entry 'x' for key 'UQ_users_email'" });
      expect(isUniqueViolation(error, EMAIL)).toBe(true);
    });

    it('should not treat other constraint failures as duplicates', () => {
      const foreignKey = queryFailed({
        code: 'ER_NO_REFERENCED_ROW_2',
        errno: 1452,
        message: "Cannot add or update a child row: a foreign key constraint fails ('UQ_users_email')",
      });
      expect(isUniqueViolation(foreignKey)).toBe(false);
      expect(isUniqueViolation(foreignKey, EMAIL)).toBe(false);
    });
  });

  describe('SQLite', () => {
    it('should recognise a unique violation without a target', () => {
      expect(isUniqueViolation(sqliteDuplicate('SQLITE_CONSTRAINT_UNIQUE', 'users.email'))).toBe(true);
    });

    it('should match the columns the message names', () => {
      expect(isUniqueViolation(sqliteDuplicate('SQLITE_CONSTRAINT_UNIQUE', 'users.email'), EMAIL)).toBe(true);
      expect(isUniqueViolation(sqliteDuplicate('SQLITE_CONSTRAINT_UNIQUE', 'users.username'), USERNAME)).toBe(
        true,
      );
    });

    it('should not match other columns', () => {
      expect(isUniqueViolation(sqliteDuplicate('SQLITE_CONSTRAINT_UNIQUE', 'users.email'), USERNAME)).toBe(
        false,
      );
      expect(isUniqueViolation(sqliteDuplicate('SQLITE_CONSTRAINT_UNIQUE', 'users.username'), EMAIL)).toBe(
        false,
      );
    });

    it('should not match a column whose name only ends like the target column', () => {
      const error = sqliteDuplicate('SQLITE_CONSTRAINT_UNIQUE', 'users.backup_email');
      expect(isUniqueViolation(error, EMAIL)).toBe(false);
    });

    it('should match a composite primary key only when every column is named', () => {
      const error = sqliteDuplicate(
        'SQLITE_CONSTRAINT_PRIMARYKEY',
        'follows.follower_id, follows.following_id',
      );
      expect(isUniqueViolation(error, FOLLOW)).toBe(true);
      expect(isUniqueViolation(error, { index: 'x', columns: ['follower_id', 'article_id'] })).toBe(false);
    });

    it('should not treat other constraint failures as duplicates', () => {
      for (const code of ['SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_BUSY']) {
        const error = queryFailed({ code, message: 'UNIQUE constraint failed: users.email' });
        expect(isUniqueViolation(error)).toBe(false);
        expect(isUniqueViolation(error, EMAIL)).toBe(false);
      }
    });
  });

  it('should answer false for anything that is not a QueryFailedError', () => {
    const lookalike = Object.assign(new Error("Duplicate entry 'x' for key 'UQ_users_email'"), {
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      driverError: { code: 'ER_DUP_ENTRY', errno: 1062 },
    });
    expect(isUniqueViolation(lookalike, EMAIL)).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('ER_DUP_ENTRY')).toBe(false);
  });
});

describe('isDatabaseUnavailable', () => {
  it('should recognise a refused or lost connection, bare or wrapped in a QueryFailedError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(queryFailed({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed({ code: 'ER_CON_COUNT_ERROR', errno: 1040 }))).toBe(true);
  });

  it('should recognise any fatal driver error that carries a code', () => {
    expect(isDatabaseUnavailable(queryFailed({ code: 'ER_SOMETHING_NEW', fatal: true }))).toBe(true);
  });

  it('should not treat failures of the query itself as an outage', () => {
    expect(isDatabaseUnavailable(mariadbDuplicate('UQ_users_email'))).toBe(false);
    expect(isDatabaseUnavailable(sqliteDuplicate('SQLITE_CONSTRAINT_UNIQUE', 'users.email'))).toBe(false);
    expect(isDatabaseUnavailable(queryFailed({ code: 'ER_PARSE_ERROR', errno: 1064 }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('ECONNREFUSED in a message only'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
