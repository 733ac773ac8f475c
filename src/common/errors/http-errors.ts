import { HttpException, HttpStatus } from '@nestjs/common';

/** The RealWorld error body: every field maps to one or more human-readable messages. */
export type ErrorMap = Record<string, string[]>;

export function httpError(status: HttpStatus, errors: ErrorMap): HttpException {
  return new HttpException({ errors }, status);
}

export const unprocessable = (errors: ErrorMap): HttpException =>
  httpError(HttpStatus.UNPROCESSABLE_ENTITY, errors);
export const conflict = (errors: ErrorMap): HttpException => httpError(HttpStatus.CONFLICT, errors);
export const unauthorized = (errors: ErrorMap): HttpException => httpError(HttpStatus.UNAUTHORIZED, errors);
export const notFound = (field: string): HttpException =>
  httpError(HttpStatus.NOT_FOUND, { [field]: ['not found'] });
export const forbiddenWith = (errors: ErrorMap): HttpException => httpError(HttpStatus.FORBIDDEN, errors);
export const forbidden = (field: string): HttpException =>
  httpError(HttpStatus.FORBIDDEN, { [field]: ['forbidden'] });

export function isErrorBody(body: unknown): body is { errors: ErrorMap } {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return false;
  const errors = body.errors;
  return (
    typeof errors === 'object' &&
    errors !== null &&
    Object.values(errors).every(
      (messages) => Array.isArray(messages) && messages.every((m) => typeof m === 'string'),
    )
  );
}

/** A 429 that tells the client when to retry (the exception filter writes the Retry-After header). */
export class TooManyRequests extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    errors: ErrorMap,
  ) {
    super({ errors }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
