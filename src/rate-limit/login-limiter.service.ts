import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { TooManyRequests } from '../common/errors/http-errors';
import { rateLimitConfig } from '../config/configuration';
import { COUNTER_STORE, type CounterStore, type WindowCount } from './counter-store';

/**
 * Limits failed sign-ins per account and per client address within a window. Every attempt is counted before the
 * password is checked (so a burst of simultaneous guesses cannot slip through together) and a successful one is
 * taken back: in effect only failures count, and nobody is locked out by traffic on other accounts.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    @Inject(rateLimitConfig.KEY) private readonly config: ConfigType<typeof rateLimitConfig>,
  ) {}

  /** Counts an attempt; past either limit, answers 429 (and the attempt is not made). */
  async begin(account: string, address: string): Promise<void> {
    if (!this.config.enabled) return;
    const window = this.config.loginWindowMs;
    const [byAccount, byAddress] = await Promise.all([
      this.counters.hit(accountKey(account), window),
      this.counters.hit(addressKey(address), window),
    ]);
    const msLeft = Math.max(
      overLimit(byAccount, this.config.loginFailuresPerAccount),
      overLimit(byAddress, this.config.loginFailuresPerAddress),
    );
    if (msLeft > 0) {
      const seconds = Math.ceil(msLeft / 1000);
      throw new TooManyRequests(seconds, {
        credentials: [`too many failed sign-ins, retry in ${seconds} s`],
      });
    }
  }

  /** A successful sign-in clears the account's failures and takes its attempt back from the address. */
  async succeeded(account: string, address: string): Promise<void> {
    if (!this.config.enabled) return;
    await Promise.all([this.counters.clear(accountKey(account)), this.counters.release(addressKey(address))]);
  }
}

function overLimit(count: WindowCount, limit: number): number {
  return count.count > limit ? count.msLeft : 0;
}

// Account keys are hashed so that counters in Redis hold no email addresses.
const accountKey = (account: string): string =>
  `login:acct:${createHash('sha256').update(account).digest('base64url')}`;
const addressKey = (address: string): string => `login:addr:${address}`;
