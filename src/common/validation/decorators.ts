import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  isISO8601,
  Matches,
  MinLength,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { MaxChars } from './max-chars.decorator';
import { MaxUtf8Bytes } from './max-utf8-bytes.decorator';
import { BLANK } from './validation.pipe';

/**
 * The validation pipe stops at a field's first broken rule (stopAtFirstError), in the order the rules were
 * registered. The decorators below list their rules in that order — presence, type, blank, length, format — so a
 * field reports the one message that matters. Decorators stacked on a property register bottom-up: prefer these
 * composites over stacking.
 */

interface TextOptions {
  /** At most this many characters (code points), as a VARCHAR(n) column counts them. */
  max?: number;
  /** At most this many bytes of UTF-8, as a TEXT column counts them (implies the character bound). */
  maxBytes?: number;
  min?: number;
}

/**
 * Rejects null, empty and whitespace-only strings with the RealWorld "can't be blank". Any other kind of value
 * passes: saying what type it should be is the type rule's job.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: BLANK, ...options },
      validator: {
        validate: (value: unknown) =>
          value !== null && (typeof value !== 'string' || value.trim().length > 0),
      },
    });
}

const isText = (): PropertyDecorator => IsString({ message: 'must be a string' });

function lengthRule({ max, maxBytes }: TextOptions): PropertyDecorator {
  if (maxBytes !== undefined) return MaxUtf8Bytes(maxBytes);
  if (max !== undefined) return MaxChars(max);
  throw new Error('a text field needs max or maxBytes');
}

function textRules(options: TextOptions): PropertyDecorator[] {
  const rules = [IsNotBlank(), isText(), lengthRule(options)];
  const { min } = options;
  if (min) rules.push(MinLength(min, { message: `is too short (minimum is ${min} characters)` }));
  return rules;
}

/** A text field the request must carry, non-blank and within its column's length. */
export function RequiredText(options: TextOptions): PropertyDecorator {
  return applyDecorators(IsDefined({ message: BLANK }), ...textRules(options));
}

/** A text field that may be left out, but not sent as null or blank (updates of required columns). */
export function OptionalText(options: TextOptions): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_, value) => value !== undefined),
    ...textRules(options),
  );
}

/** A nullable text field: null, "" and whitespace clear it (normalised to null), anything else is validated. */
export function NullableText(options: TextOptions & { url?: boolean }): PropertyDecorator {
  const rules = [isText(), lengthRule(options)];
  if (options.url)
    rules.push(
      IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' }),
    );
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && value.trim() === '' ? null : value,
    ),
    ValidateIf((_, value) => value !== undefined && value !== null),
    ...rules,
  );
}

export function EmailField(required: boolean): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().toLowerCase() : value,
    ),
    required ? RequiredText({ max: 254 }) : OptionalText({ max: 254 }),
    IsEmail({}, { message: 'is invalid' }),
  );
}

/** Letters (any script), digits, '_', '-' and '.': usernames travel in URL paths. */
export function UsernameField(required: boolean, max: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    required ? RequiredText({ max }) : OptionalText({ max }),
    Matches(/^[\p{L}\p{N}_.-]*$/u, { message: "may only contain letters, digits, '_', '-' and '.'" }),
    // "." and ".." would be resolved away as path segments before a request reaches the server.
    Matches(/[\p{L}\p{N}]/u, { message: 'must contain a letter or a digit' }),
  );
}

/** The `{ "user": {...} }` style envelope: required, and validated as its own DTO. */
export function Envelope(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    IsDefined({ message: BLANK }),
    IsObject({ message: 'must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** An optional query parameter given at most once (a repeated one arrives as a list), within `max` characters. */
export function SingleQueryValue(max: number): PropertyDecorator {
  return applyDecorators(IsOptional(), IsString({ message: 'must be a single string' }), MaxChars(max));
}

/** An optional ISO 8601 date-time in the query string. */
export function DateTimeQuery(): PropertyDecorator {
  return applyDecorators(IsOptional(), IsIsoDateTime());
}

/**
 * An ISO 8601 date or date-time (`2026-01-01`, `2026-01-01T09:30:00Z`, `2026-01-01T09:30:00.000+02:00`) of a real
 * day, in the years a DATETIME column holds (1000 to 9999). Not whatever `new Date()` would make something of.
 */
export function isIsoDateTime(value: unknown): boolean {
  if (typeof value !== 'string' || !isISO8601(value, { strict: true })) return false;
  const year = new Date(value).getUTCFullYear();
  return year >= 1000 && year <= 9999;
}

function IsIsoDateTime(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an ISO 8601 date-time' },
      validator: { validate: isIsoDateTime },
    });
}

/** An optional query parameter that may be repeated (one value or several), each a tag name, at most `max`. */
export function TagNames(max: number): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value)),
    IsArray({ message: 'must be one or more tag names' }),
    ArrayMaxSize(max, { message: `must be at most ${max} tags` }),
    IsString({ each: true, message: 'must be one or more tag names' }),
    MaxChars(255, { each: true }),
  );
}
