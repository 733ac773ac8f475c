import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';

// An empty value is not "unset": it becomes NaN, so that validation rejects it naming the variable.
const toNumber = ({ value }: { value: unknown }): unknown =>
  value === undefined ? undefined : value === '' ? NaN : Number(value);

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
  return value;
};

/** An optional whole-number variable within [min, max] (max unbounded when left out). */
export function EnvInt({ min, max }: { min: number; max?: number }): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(toNumber),
    IsInt(),
    Min(min),
    ...(max === undefined ? [] : [Max(max)]),
  );
}

/**
 * A server URL that the URL parser accepts (a `#`, `?` or `/` in a password must be percent-encoded). Checked here
 * so that the start fails naming the variable, not later with a parser error that carries the whole URL.
 */
export function ParsesAsUrl(variable: string): PropertyDecorator {
  return ValidateBy({
    name: 'parsesAsUrl',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' || value.startsWith('sqlite:') || URL.canParse(value),
      defaultMessage: () =>
        `${variable} is not a valid URL: percent-encode reserved characters in the user name and password (# %23, ? %3F, / %2F, @ %40)`,
    },
  });
}

/** An optional boolean variable: true/false, 1/0 or yes/no, in any case. */
export function EnvBool(): PropertyDecorator {
  return applyDecorators(IsOptional(), Transform(toBoolean), IsBoolean());
}
