import { Controller, ExecutionContext, HttpException, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from '../common/auth-user';
import { AllowUnconfirmedEmail, EmailConfirmedGuard } from './email-confirmed.guard';

@Controller()
class ArticlesController {
  @Post()
  create(): void {}

  @Post('confirm')
  @AllowUnconfirmedEmail()
  resend(): void {}
}

@Controller()
@AllowUnconfirmedEmail()
class AccountController {
  @Post()
  signOut(): void {}
}

const caller = (emailConfirmed: boolean): AuthUser => ({
  id: 42,
  token: 'jwt',
  sessionId: 'session-a',
  profile: { username: 'jake', bio: null, image: null },
  emailConfirmed,
  role: 'user',
});

function context(
  request: { method: string; user?: AuthUser },
  controller: object = ArticlesController,
  handler: () => void = ArticlesController.prototype.create,
): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => handler,
    getClass: () => controller,
  } as unknown as ExecutionContext;
}

const guard = (requireEmailConfirmation: boolean): EmailConfirmedGuard =>
  new EmailConfirmedGuard(new Reflector(), {
    requireEmailConfirmation,
    passwordResetTtlMs: 3_600_000,
    emailTokenTtlMs: 86_400_000,
  });

function refusal(run: () => boolean): { status: number; body: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpException);
    return { status: (error as HttpException).getStatus(), body: (error as HttpException).getResponse() };
  }
  throw new Error('expected the guard to refuse');
}

describe('EmailConfirmedGuard', () => {
  it('should let every request through when confirmation is not required', () => {
    for (const method of ['POST', 'PUT', 'DELETE'])
      expect(guard(false).canActivate(context({ method, user: caller(false) }))).toBe(true);
  });

  describe('when confirmation is required', () => {
    it.each(['GET', 'HEAD', 'OPTIONS'])('should let an unconfirmed account read (%s)', (method) => {
      expect(guard(true).canActivate(context({ method, user: caller(false) }))).toBe(true);
    });

    it('should let an anonymous request through, for the token guard to judge', () => {
      expect(guard(true).canActivate(context({ method: 'POST' }))).toBe(true);
    });

    it('should let a confirmed account write', () => {
      expect(guard(true).canActivate(context({ method: 'POST', user: caller(true) }))).toBe(true);
    });

    it('should let an unconfirmed account use a route marked @AllowUnconfirmedEmail', () => {
      const request = { method: 'POST', user: caller(false) };
      expect(
        guard(true).canActivate(context(request, ArticlesController, ArticlesController.prototype.resend)),
      ).toBe(true);
    });

    it('should let an unconfirmed account use every route of a controller marked @AllowUnconfirmedEmail', () => {
      const request = { method: 'POST', user: caller(false) };
      expect(
        guard(true).canActivate(context(request, AccountController, AccountController.prototype.signOut)),
      ).toBe(true);
    });

    it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
      'should answer 403 naming the email when an unconfirmed account writes (%s)',
      (method) => {
        expect(refusal(() => guard(true).canActivate(context({ method, user: caller(false) })))).toEqual({
          status: 403,
          body: { errors: { email: [expect.stringContaining('confirmed')] } },
        });
      },
    );
  });
});
