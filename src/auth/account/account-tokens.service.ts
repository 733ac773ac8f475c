import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { unprocessable } from '../../common/errors/http-errors';
import { accountConfig } from '../../config/configuration';
import type { Transaction } from '../../database/sql-executor';
import { JobRunner } from '../../jobs/job-runner.service';
import { isSecretTokenShaped, newSecretToken, secretTokenHash } from '../secret-token';
import { AccountTokensRepository, UsedAccountToken } from './account-tokens.repository';
import type { AccountTokenPurpose } from './entities/account-token.entity';

/** The one answer for a token that is unknown, used, expired or of another purpose: which one is nobody's business. */
export const INVALID_TOKEN = { token: ['is invalid or has expired'] };

/** Issues and uses the single-use tokens of mailed links. */
@Injectable()
export class AccountTokens implements OnModuleInit {
  constructor(
    private readonly tokens: AccountTokensRepository,
    private readonly runner: JobRunner,
    @Inject(accountConfig.KEY) private readonly config: ConfigType<typeof accountConfig>,
  ) {}

  onModuleInit(): void {
    this.runner.every('account-tokens.purge', 3_600_000, async () => {
      await this.tokens.deleteExpired(new Date());
    });
  }

  /** A new token for `email`, stored (hashed) in `tx`; the secret is returned for the mail. */
  async issue(userId: number, purpose: AccountTokenPurpose, email: string, tx: Transaction): Promise<string> {
    const token = newSecretToken();
    const at = new Date();
    const ttl = purpose === 'password-reset' ? this.config.passwordResetTtlMs : this.config.emailTokenTtlMs;
    await this.tokens.insert(
      {
        tokenHash: secretTokenHash(token),
        userId,
        purpose,
        email,
        createdAt: at,
        expiresAt: new Date(at.getTime() + ttl),
      },
      tx,
    );
    return token;
  }

  /** Uses the token in `tx` (of racing uses one wins); 422 when it cannot be used. */
  async use(token: string, purpose: AccountTokenPurpose, tx: Transaction): Promise<UsedAccountToken> {
    const used = isSecretTokenShaped(token)
      ? await this.tokens.use(secretTokenHash(token), purpose, new Date(), tx)
      : null;
    if (!used) throw unprocessable(INVALID_TOKEN);
    return used;
  }

  /** The user's other unused tokens of `purpose` stop working. */
  retire(userId: number, purpose: AccountTokenPurpose, tx: Transaction): Promise<void> {
    return this.tokens.retire(userId, purpose, new Date(), tx);
  }
}
