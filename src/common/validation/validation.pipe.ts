import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorMap, unprocessable } from '../errors/http-errors';

/**
 * Validates every body, query and param DTO: unknown fields are stripped, and failures become a 422 keyed by the
 * field's own name (`user.email` reports as `email`, as RealWorld clients expect).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => unprocessable(toErrorMap(errors)),
  });
}

export function toErrorMap(errors: ValidationError[], map: ErrorMap = {}): ErrorMap {
  for (const error of errors) {
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) (map[error.property] ??= []).push(...firstOnly(messages));
    if (error.children?.length) toErrorMap(error.children, map);
  }
  return map;
}

/** "can't be blank" makes every other complaint about the same value noise. */
function firstOnly(messages: string[]): string[] {
  return messages.includes(BLANK) ? [BLANK] : messages;
}

export const BLANK = "can't be blank";
