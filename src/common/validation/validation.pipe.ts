import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorMap, unprocessable } from '../errors/http-errors';

/**
 * Validates every body, query and param DTO: unknown fields are stripped, and failures become a 422 keyed by the
 * field's own name (`user.email` reports as `email`, as RealWorld clients expect). One rule for the messages: each
 * field reports the first rule it breaks, and only that one — the shared decorators (./decorators.ts) order their
 * rules presence, type, blank, length, format, so `123` says "must be a string" and `""` says "can't be blank".
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => unprocessable(toErrorMap(errors)),
  });
}

/** One message per field: the first one reported (a field name met twice, in two envelopes, keeps its first). */
export function toErrorMap(errors: ValidationError[], map: ErrorMap = {}): ErrorMap {
  for (const error of errors) {
    const [first] = Object.values(error.constraints ?? {});
    if (first !== undefined) map[error.property] ??= [first];
    if (error.children?.length) toErrorMap(error.children, map);
  }
  return map;
}

export const BLANK = "can't be blank";
