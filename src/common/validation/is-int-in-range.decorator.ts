import { registerDecorator } from 'class-validator';

/** A whole number within [min, max], reported with one message that says what is expected. */
export function IsIntInRange(min: number, max: number): PropertyDecorator {
  const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIntInRange',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `must be a whole number ${range}` },
      validator: {
        validate: (value: unknown) =>
          Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
      },
    });
}
