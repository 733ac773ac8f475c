import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../dto/error-response.dto';
import type { ErrorMap } from '../errors/http-errors';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
};

const ERRORS: Record<ErrorStatus, { description: string; example: ErrorMap; retryAfter?: true }> = {
  400: {
    description: 'The body is not valid JSON',
    example: { body: ["Body is not valid JSON but content-type is set to 'application/json'"] },
  },
  401: {
    description: 'The token is missing, invalid or expired, or not sent as `Token <jwt>` or `Bearer <jwt>`',
    example: { token: ['is missing'] },
  },
  403: { description: 'The caller may not change this resource', example: { article: ['forbidden'] } },
  404: { description: 'No such resource', example: { article: ['not found'] } },
  409: { description: 'Already taken', example: { username: ['has already been taken'] } },
  413: { description: 'The body is larger than BODY_LIMIT_BYTES', example: { body: ['is too large'] } },
  415: {
    description: 'The body is not sent as JSON',
    example: { body: ['must be JSON (Content-Type: application/json)'] },
  },
  422: { description: 'A field is missing or invalid', example: { title: ["can't be blank"] } },
  429: {
    description: 'Over a rate limit for this client address',
    example: { requests: ['too many requests, retry in 42 s'] },
    retryAfter: true,
  },
  503: {
    description: 'The database does not answer; retry shortly',
    example: { database: ['unavailable, retry shortly'] },
    retryAfter: true,
  },
};

/** One error answer in the RealWorld shape `{"errors": {...}}`, with an example body for Swagger UI. */
export function ApiErrorResponse(
  status: ErrorStatus,
  description = ERRORS[status].description,
  example: ErrorMap = ERRORS[status].example,
): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description,
    type: ErrorResponseDto,
    example: { errors: example },
    ...(ERRORS[status].retryAfter ? { headers: RETRY_AFTER } : {}),
  });
}

/** What every /api route may answer besides its own: 429 over a rate limit, 503 while the database is down. */
export function ApiCommonErrors(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiErrorResponse(429), ApiErrorResponse(503));
}

/** What a route that takes a JSON body may answer: 400 malformed, 413 too large, 415 not JSON, 422 invalid fields. */
export function ApiBodyErrors(
  invalid: ErrorMap,
  description = ERRORS[422].description,
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiErrorResponse(400),
    ApiErrorResponse(413),
    ApiErrorResponse(415),
    ApiErrorResponse(422, description, invalid),
  );
}
