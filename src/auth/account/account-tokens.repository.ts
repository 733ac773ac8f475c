import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import type { SqlExecutor } from '../../database/sql-executor';
import { toSqlTimestamp } from '../../database/timestamps';
import type { AccountTokenPurpose } from './entities/account-token.entity';

export interface NewAccountToken {
  tokenHash: string;
  userId: number;
  purpose: AccountTokenPurpose;
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

/** What a used token was for. */
export interface UsedAccountToken {
  userId: number;
  email: string;
}

/** The account_tokens table. */
@Injectable()
export class AccountTokensRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({
    params: [
      {
        tokenHash: '0'.repeat(64),
        userId: 1,
        purpose: 'password-reset',
        email: 'jake@example.com',
        createdAt: new Date(0),
        expiresAt: new Date(0),
      },
    ],
  })
  async insert(token: NewAccountToken, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute(
      `INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at, used_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL)`,
      [
        token.tokenHash,
        token.userId,
        token.purpose,
        token.email,
        toSqlTimestamp(token.createdAt),
        toSqlTimestamp(token.expiresAt),
      ],
    );
  }

  /**
   * Uses a token of `purpose` that is unused and unexpired; answers what it was for, or null. Of racing uses of one
   * token exactly one gets an answer: the UPDATE decides.
   */
  @GenerateSql({ params: ['0'.repeat(64), 'password-reset', new Date(0)] })
  async use(
    tokenHash: string,
    purpose: AccountTokenPurpose,
    now: Date,
    executor: SqlExecutor = this.db,
  ): Promise<UsedAccountToken | null> {
    const at = toSqlTimestamp(now);
    const { affectedRows } = await executor.execute(
      `UPDATE account_tokens SET used_at = ?
       WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?`,
      [at, tokenHash, purpose, at],
    );
    if (affectedRows !== 1) return null;
    const [row] = await executor.query<UsedAccountToken>(
      'SELECT user_id AS userId, email FROM account_tokens WHERE token_hash = ?',
      [tokenHash],
    );
    return row ? { userId: Number(row.userId), email: row.email } : null;
  }

  /** Unused tokens of the user for `purpose` stop working (a newer one was sent, or the password was reset). */
  @GenerateSql({ params: [1, 'password-reset', new Date(0)] })
  async retire(
    userId: number,
    purpose: AccountTokenPurpose,
    now: Date,
    executor: SqlExecutor = this.db,
  ): Promise<void> {
    await executor.execute(
      'UPDATE account_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL',
      [toSqlTimestamp(now), userId, purpose],
    );
  }

  /** Tokens that can no longer be used, deleted; answers how many. */
  @GenerateSql({ params: [new Date(0)] })
  async deleteExpired(now: Date): Promise<number> {
    const { affectedRows } = await this.db.execute('DELETE FROM account_tokens WHERE expires_at < ?', [
      toSqlTimestamp(now),
    ]);
    return affectedRows;
  }
}
