import { registerDecorator } from 'class-validator';

/** Bounds a string by its UTF-8 size, which is what a MySQL text column limits. */
export function MaxUtf8Bytes(max: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxUtf8Bytes',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `is too long (maximum is ${max} bytes)` },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || Buffer.byteLength(value, 'utf8') <= max,
      },
    });
}
