import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_BUCKET_KEY = 'rateLimitBucket';

/** Puts a route in a stricter bucket on top of the read/write limits (e.g. registration). */
export const RateLimitBucket = (bucket: 'registrations' | 'mail' | 'reports'): MethodDecorator =>
  SetMetadata(RATE_LIMIT_BUCKET_KEY, bucket);
