import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Bounds a string by code points, as MySQL's VARCHAR(n) counts it. (class-validator's MaxLength discounts emoji
 * variation selectors, so "❤️" passes as 1 character where the column stores 2.)
 */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxChars',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `is too long (maximum is ${max} characters)`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || codePoints(value) <= max },
    });
}

export function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
