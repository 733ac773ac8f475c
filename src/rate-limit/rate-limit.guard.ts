import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { THROTTLER_SKIP } from '@nestjs/throttler/dist/throttler.constants';
import type { ThrottlerLimitDetail } from '@nestjs/throttler/dist/throttler.guard.interface';
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
  private readonly buckets = new WeakMap<object, Map<string, ThrottlerOptions[]>>();

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(rateLimitConfig.KEY) private readonly config: ConfigType<typeof rateLimitConfig>,
  ) {
    super(options, storage, reflector);
  }

  /**
   * ThrottlerGuard's own canActivate reads six metadata keys per bucket on every request; which buckets a route
   * spends never changes, so that is worked out once per handler and method (bucketsOf); the limits are numbers.
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.enabled) return true;
    const { req } = this.getRequestResponse(context);
    for (const throttler of this.bucketsOf(context, req.method as string)) {
      const ttl = throttler.ttl as number;
      await this.handleRequest({
        context,
        throttler,
        limit: throttler.limit as number,
        ttl,
        blockDuration: ttl,
        getTracker: this.commonOptions.getTracker!,
        generateKey: this.commonOptions.generateKey!,
      });
    }
    return true;
  }

  /** The buckets a request spends: reads or writes by method, plus the route's own (@RateLimitBucket); none skipped. */
  private bucketsOf(context: ExecutionContext, method: string): ThrottlerOptions[] {
    const handler = context.getHandler();
    let byMethod = this.buckets.get(handler);
    if (!byMethod) this.buckets.set(handler, (byMethod = new Map<string, ThrottlerOptions[]>()));
    let buckets = byMethod.get(method);
    if (!buckets) {
      const targets = [handler, context.getClass()];
      buckets = this.throttlers.filter(
        (throttler) =>
          this.applies(throttler.name ?? '', method, handler) &&
          !this.reflector.getAllAndOverride<boolean>(THROTTLER_SKIP + throttler.name, targets),
      );
      byMethod.set(method, buckets);
    }
    return buckets;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = detail.timeToBlockExpire;
    throw new TooManyRequests(seconds, { requests: [`too many requests, retry in ${seconds} s`] });
  }

  private applies(
    bucket: string,
    method: string,
    handler: ReturnType<ExecutionContext['getHandler']>,
  ): boolean {
    if (bucket === 'reads') return READ_METHODS.has(method);
    if (bucket === 'writes') return !READ_METHODS.has(method);
    return this.reflector.get<string>(RATE_LIMIT_BUCKET_KEY, handler) === bucket;
  }
}
