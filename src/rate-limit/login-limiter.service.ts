import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { TooManyRequests } from '../common/errors/http-errors';
import { rateLimitConfig } from '../config/configuration';
import { COUNTER_STORE, type CounterStore } from './counter-store';

/**
 * Limits failed sign-ins per account and per client address within a window. Only failures count, so a user
 * is never locked out by traffic on other accounts; a success clears the account's count.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    @Inject(rateLimitConfig.KEY) private readonly config: ConfigType<typeof rateLimitConfig>,
  ) {}

  async assertAllowed(account: string, address: string): Promise<void> {
    if (!this.config.enabled) return;
    const [byAccount, byAddress] = await Promise.all([
      this.counters.peek(accountKey(account)),
      this.counters.peek(addressKey(address)),
    ]);
    const blocked = [
      byAccount.count >= this.config.loginFailuresPerAccount ? byAccount.msLeft : 0,
      byAddress.count >= this.config.loginFailuresPerAddress ? byAddress.msLeft : 0,
    ];
    const msLeft = Math.max(...blocked);
    if (msLeft > 0) {
      const seconds = Math.ceil(msLeft / 1000);
      throw new TooManyRequests(seconds, {
        credentials: [`too many failed sign-ins, retry in ${seconds} s`],
      });
    }
  }

  async recordFailure(account: string, address: string): Promise<void> {
    if (!this.config.enabled) return;
    await Promise.all([
      this.counters.hit(accountKey(account), this.config.loginWindowMs),
      this.counters.hit(addressKey(address), this.config.loginWindowMs),
    ]);
  }

  async recordSuccess(account: string): Promise<void> {
    if (this.config.enabled) await this.counters.clear(accountKey(account));
  }
}

// Account keys are hashed so that counters in Redis hold no email addresses.
const accountKey = (account: string): string =>
  `login:acct:${createHash('sha256').update(account).digest('base64url')}`;
const addressKey = (address: string): string => `login:addr:${address}`;
