import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

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

/** An optional boolean variable: true/false, 1/0 or yes/no, in any case. */
export function EnvBool(): PropertyDecorator {
  return applyDecorators(IsOptional(), Transform(toBoolean), IsBoolean());
}
