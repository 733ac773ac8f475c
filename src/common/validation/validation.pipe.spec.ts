import { HttpException } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { EmailField, Envelope, RequiredText, UsernameField } from './decorators';
import { BLANK, createValidationPipe, toErrorMap } from './validation.pipe';

// A stand-in for a feature's request DTO (common/ imports no feature), built from the shared decorators.
class SignUpDto {
  @UsernameField(true, 64)
  username: string;

  @EmailField(true)
  email: string;

  @RequiredText({ min: 8, max: 128 })
  password: string;
}

class SignUpRequestDto {
  @Envelope(() => SignUpDto)
  user: SignUpDto;
}

function validationError(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('toErrorMap', () => {
  it('should key top-level errors by their property', () => {
    expect(toErrorMap([validationError('title', { isString: 'must be a string' })])).toEqual({
      title: ['must be a string'],
    });
  });

  it('should flatten nested errors to their leaf field names, without the envelope', () => {
    const errors = [
      validationError('user', undefined, [
        validationError('email', { isEmail: 'is invalid' }),
        validationError('password', { minLength: 'is too short (minimum is 8 characters)' }),
      ]),
    ];
    expect(toErrorMap(errors)).toEqual({
      email: ['is invalid'],
      password: ['is too short (minimum is 8 characters)'],
    });
  });

  it('should flatten errors nested several levels deep', () => {
    const errors = [
      validationError('article', undefined, [
        validationError('author', undefined, [validationError('username', { isString: 'must be a string' })]),
      ]),
    ];
    expect(toErrorMap(errors)).toEqual({ username: ['must be a string'] });
  });

  it('should report only the first message of a field', () => {
    const errors = [
      validationError('user', undefined, [
        validationError('email', { isString: 'must be a string', isEmail: 'is invalid' }),
        validationError('username', { matches: 'may only contain letters', maxChars: 'is too long' }),
      ]),
    ];
    expect(toErrorMap(errors)).toEqual({
      email: ['must be a string'],
      username: ['may only contain letters'],
    });
  });

  it('should keep the messages of a parent as well as those of its children', () => {
    const errors = [
      validationError('user', { isObject: 'must be an object' }, [
        validationError('email', { isEmail: 'is invalid' }),
      ]),
    ];
    expect(toErrorMap(errors)).toEqual({ user: ['must be an object'], email: ['is invalid'] });
  });

  it('should start from an empty map on every call', () => {
    toErrorMap([validationError('email', { isEmail: 'is invalid' })]);
    expect(toErrorMap([validationError('bio', { isString: 'must be a string' })])).toEqual({
      bio: ['must be a string'],
    });
  });
});

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const metadata = { type: 'body' as const, metatype: SignUpRequestDto };

  it('should answer a real DTO failure with a 422 keyed by leaf field names', async () => {
    const failure = await pipe
      .transform({ user: { username: '  ', email: 'nope', password: 'short' } }, metadata)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpException);
    expect((failure as HttpException).getStatus()).toBe(422);
    expect((failure as HttpException).getResponse()).toEqual({
      errors: {
        username: [BLANK],
        email: ['is invalid'],
        password: ['is too short (minimum is 8 characters)'],
      },
    });
  });

  it.each([
    ['a number', 123],
    ['a boolean', true],
    ['a list', ['password123']],
    ['an object', { value: 'password123' }],
  ])('should answer %s where a string belongs with "must be a string" alone', async (_kind, password) => {
    const failure = await pipe
      .transform({ user: { username: 'jake', email: 'jake@example.com', password } }, metadata)
      .catch((error: unknown) => error);
    expect((failure as HttpException).getResponse()).toEqual({ errors: { password: ['must be a string'] } });
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['whitespace', '  '],
  ])('should answer a %s string with "can\'t be blank" alone', async (_kind, password) => {
    const failure = await pipe
      .transform({ user: { username: 'jake', email: 'jake@example.com', password } }, metadata)
      .catch((error: unknown) => error);
    expect((failure as HttpException).getResponse()).toEqual({ errors: { password: [BLANK] } });
  });

  it('should answer an envelope that is not an object with one message, and nothing about its fields', async () => {
    const failure = await pipe.transform({ user: 'jake' }, metadata).catch((error: unknown) => error);
    expect((failure as HttpException).getResponse()).toEqual({ errors: { user: ['must be an object'] } });
  });

  it('should strip unknown fields from a valid body', async () => {
    const result = await pipe.transform(
      { user: { username: 'jake', email: 'Jake@Example.com', password: 'password123', admin: true } },
      metadata,
    );
    expect(result).toBeInstanceOf(SignUpRequestDto);
    expect(result.user).toEqual({ username: 'jake', email: 'jake@example.com', password: 'password123' });
  });
});
