import { Controller, ExecutionContext, Get, HttpException, Patch } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from '../common/auth-user';
import { Allow } from './allow.decorator';
import { PolicyGuard } from './policy.guard';
import type { Role } from './roles';

@Controller()
class ReportsController {
  @Get()
  @Allow('report.review')
  list(): void {}

  @Get('open')
  anyone(): void {}
}

@Controller()
@Allow('user.manage')
class AdminController {
  @Patch()
  manage(): void {}

  @Get('reports')
  @Allow('report.review')
  reports(): void {}
}

const caller = (role: Role): AuthUser => ({
  id: 42,
  token: 'jwt',
  sessionId: 'session-a',
  profile: { username: 'jake', bio: null, image: null },
  emailConfirmed: true,
  role,
});

function context(user: AuthUser | undefined, controller: object, handler: () => void): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
    getHandler: () => handler,
    getClass: () => controller,
  } as unknown as ExecutionContext;
}

const guard = new PolicyGuard(new Reflector());

function refusal(run: () => boolean): { status: number; body: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpException);
    return { status: (error as HttpException).getStatus(), body: (error as HttpException).getResponse() };
  }
  throw new Error('expected the guard to refuse');
}

describe('PolicyGuard', () => {
  it('should let anyone, signed in or not, use a route without @Allow', () => {
    const anyone = ReportsController.prototype.anyone;
    expect(guard.canActivate(context(undefined, ReportsController, anyone))).toBe(true);
    expect(guard.canActivate(context(caller('user'), ReportsController, anyone))).toBe(true);
  });

  it.each(['moderator', 'admin'] as const)('should let a %s use a route allowed to reviewers', (role) => {
    expect(
      guard.canActivate(context(caller(role), ReportsController, ReportsController.prototype.list)),
    ).toBe(true);
  });

  it('should answer 403 naming the subject of the permission to a role the route is not for', () => {
    expect(
      refusal(() =>
        guard.canActivate(context(caller('user'), ReportsController, ReportsController.prototype.list)),
      ),
    ).toEqual({ status: 403, body: { errors: { report: ['forbidden'] } } });
  });

  it('should answer 403 to an anonymous caller of an @Allow route', () => {
    expect(
      refusal(() => guard.canActivate(context(undefined, AdminController, AdminController.prototype.manage))),
    ).toEqual({ status: 403, body: { errors: { user: ['forbidden'] } } });
  });

  it('should apply an @Allow of the controller to each of its routes', () => {
    const manage = AdminController.prototype.manage;
    expect(guard.canActivate(context(caller('admin'), AdminController, manage))).toBe(true);
    expect(refusal(() => guard.canActivate(context(caller('moderator'), AdminController, manage)))).toEqual({
      status: 403,
      body: { errors: { user: ['forbidden'] } },
    });
  });

  it("should let a route's own @Allow override its controller's", () => {
    const reports = AdminController.prototype.reports;
    expect(guard.canActivate(context(caller('moderator'), AdminController, reports))).toBe(true);
    expect(refusal(() => guard.canActivate(context(caller('user'), AdminController, reports)))).toEqual({
      status: 403,
      body: { errors: { report: ['forbidden'] } },
    });
  });
});
