import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type {
  ThrottlerLimitDetail,
  ThrottlerRequest,
} from '@nestjs/throttler/dist/throttler.guard.interface';
import { TooManyRequests } from '../common/errors/http-errors';
import { rateLimitConfig } from '../config/configuration';
import { RATE_LIMIT_BUCKET_KEY } from './rate-limit.decorator';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Per client address: reads and writes have separate budgets, and routes marked with @RateLimitBucket spend
 * their own as well. Over budget: 429 in the RealWorld error shape, with Retry-After.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(rateLimitConfig.KEY) private readonly config: ConfigType<typeof rateLimitConfig>,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(): Promise<boolean> {
    return !this.config.enabled;
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { req } = this.getRequestResponse(props.context);
    if (!this.applies(props.throttler.name ?? '', req.method as string, props.context)) return true;
    return super.handleRequest(props);
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = detail.timeToBlockExpire;
    throw new TooManyRequests(seconds, { requests: [`too many requests, retry in ${seconds} s`] });
  }

  private applies(bucket: string, method: string, context: ExecutionContext): boolean {
    if (bucket === 'reads') return READ_METHODS.has(method);
    if (bucket === 'writes') return !READ_METHODS.has(method);
    return this.reflector.get<string>(RATE_LIMIT_BUCKET_KEY, context.getHandler()) === bucket;
  }
}
