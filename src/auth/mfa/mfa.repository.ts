import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import type { SqlExecutor } from '../../database/sql-executor';
import { fromSqlTimestamp, toSqlTimestamp } from '../../database/timestamps';

export interface TotpState {
  secretCiphertext: string;
  enabled: boolean;
  lastStep: number;
}

export interface ChallengeState {
  userId: number;
  expiresAt: Date;
  used: boolean;
  failedAttempts: number;
}

/** The mfa_totp, mfa_recovery_codes and mfa_challenges tables. */
@Injectable()
export class MfaRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({ params: [1] })
  async findTotp(userId: number): Promise<TotpState | null> {
    const [row] = await this.db.query<{ secretCiphertext: string; enabledAt: unknown; lastStep: number }>(
      `SELECT secret_ciphertext AS secretCiphertext, enabled_at AS enabledAt, last_step AS lastStep
       FROM mfa_totp WHERE user_id = ?`,
      [userId],
    );
    if (!row) return null;
    return {
      secretCiphertext: row.secretCiphertext,
      enabled: row.enabledAt !== null,
      lastStep: Number(row.lastStep),
    };
  }

  /** A new, not yet enabled secret; replaces one that was never enabled. Answers false when one is enabled. */
  @GenerateSql({ params: [1, 'v1.sealed', new Date(0)] })
  async savePending(
    userId: number,
    secretCiphertext: string,
    at: Date,
    executor: SqlExecutor = this.db,
  ): Promise<boolean> {
    const { affectedRows } = await executor.execute(
      `UPDATE mfa_totp SET secret_ciphertext = ?, last_step = 0, created_at = ?
       WHERE user_id = ? AND enabled_at IS NULL`,
      [secretCiphertext, toSqlTimestamp(at), userId],
    );
    if (affectedRows === 1) return true;
    const inserted = await executor.execute(
      `${executor.dialect.insertIgnore} mfa_totp (user_id, secret_ciphertext, enabled_at, last_step, created_at)
       VALUES (?, ?, NULL, 0, ?)`,
      [userId, secretCiphertext, toSqlTimestamp(at)],
    );
    return inserted.affectedRows === 1;
  }

  /**
   * Records `step` as the last code used, if it is later than the one recorded: of two requests with one code, one
   * wins. With `enableAt`, also enables the secret (the first code proves the user holds it).
   */
  @GenerateSql(
    { name: 'use', params: [1, 59869199, null] },
    { name: 'enable', params: [1, 59869199, new Date(0)] },
  )
  async useStep(
    userId: number,
    step: number,
    enableAt: Date | null,
    executor: SqlExecutor = this.db,
  ): Promise<boolean> {
    // Enabling also needs it not enabled yet: of two racing confirmations, one enables it and answers the codes.
    const enable = enableAt === null ? '' : ', enabled_at = ?';
    const notYet = enableAt === null ? '' : ' AND enabled_at IS NULL';
    const { affectedRows } = await executor.execute(
      `UPDATE mfa_totp SET last_step = ?${enable} WHERE user_id = ? AND last_step < ?${notYet}`,
      [step, ...(enableAt === null ? [] : [toSqlTimestamp(enableAt)]), userId, step],
    );
    return affectedRows === 1;
  }

  @GenerateSql({ params: [1, ['0'.repeat(64), '1'.repeat(64)]] })
  async replaceRecoveryCodes(
    userId: number,
    codeHashes: string[],
    executor: SqlExecutor = this.db,
  ): Promise<void> {
    await executor.execute('DELETE FROM mfa_recovery_codes WHERE user_id = ?', [userId]);
    const rows = codeHashes.map(() => '(?, ?, NULL)').join(', ');
    await executor.execute(
      `INSERT INTO mfa_recovery_codes (code_hash, user_id, used_at) VALUES ${rows}`,
      codeHashes.flatMap((hash) => [hash, userId]),
    );
  }

  /** Uses an unused recovery code of the user; answers whether there was one. */
  @GenerateSql({ params: [1, '0'.repeat(64), new Date(0)] })
  async useRecoveryCode(userId: number, codeHash: string, at: Date): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      'UPDATE mfa_recovery_codes SET used_at = ? WHERE code_hash = ? AND user_id = ? AND used_at IS NULL',
      [toSqlTimestamp(at), codeHash, userId],
    );
    return affectedRows === 1;
  }

  /** Removes the authenticator and its recovery codes. */
  @GenerateSql({ params: [1] })
  async removeTotp(userId: number, executor: SqlExecutor = this.db): Promise<boolean> {
    await executor.execute('DELETE FROM mfa_recovery_codes WHERE user_id = ?', [userId]);
    const { affectedRows } = await executor.execute('DELETE FROM mfa_totp WHERE user_id = ?', [userId]);
    return affectedRows === 1;
  }

  @GenerateSql({ params: ['0'.repeat(64), 1, new Date(0), new Date(0)] })
  async insertChallenge(tokenHash: string, userId: number, at: Date, expiresAt: Date): Promise<void> {
    await this.db.execute(
      `INSERT INTO mfa_challenges (token_hash, user_id, created_at, expires_at, used_at, failed_attempts)
       VALUES (?, ?, ?, ?, NULL, 0)`,
      [tokenHash, userId, toSqlTimestamp(at), toSqlTimestamp(expiresAt)],
    );
  }

  @GenerateSql({ params: ['0'.repeat(64)] })
  async findChallenge(tokenHash: string): Promise<ChallengeState | null> {
    const [row] = await this.db.query<{
      userId: number;
      expiresAt: Date | string;
      usedAt: unknown;
      failedAttempts: number;
    }>(
      `SELECT user_id AS userId, expires_at AS expiresAt, used_at AS usedAt, failed_attempts AS failedAttempts
       FROM mfa_challenges WHERE token_hash = ?`,
      [tokenHash],
    );
    if (!row) return null;
    return {
      userId: Number(row.userId),
      expiresAt: fromSqlTimestamp(row.expiresAt),
      used: row.usedAt !== null,
      failedAttempts: Number(row.failedAttempts),
    };
  }

  /** Marks the challenge used, if it still was not: of racing completions, one wins. */
  @GenerateSql({ params: ['0'.repeat(64), new Date(0)] })
  async useChallenge(tokenHash: string, at: Date): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      'UPDATE mfa_challenges SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
      [toSqlTimestamp(at), tokenHash],
    );
    return affectedRows === 1;
  }

  @GenerateSql({ params: ['0'.repeat(64)] })
  async countFailedAttempt(tokenHash: string): Promise<void> {
    await this.db.execute(
      'UPDATE mfa_challenges SET failed_attempts = failed_attempts + 1 WHERE token_hash = ?',
      [tokenHash],
    );
  }

  /** Challenges past their end, deleted. */
  @GenerateSql({ params: [new Date(0)] })
  async deleteExpiredChallenges(now: Date): Promise<number> {
    const { affectedRows } = await this.db.execute('DELETE FROM mfa_challenges WHERE expires_at < ?', [
      toSqlTimestamp(now),
    ]);
    return affectedRows;
  }
}
