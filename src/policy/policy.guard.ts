import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from '../common/auth-user';
import { PERMISSION_KEY } from './allow.decorator';
import { forbidden } from '../common/errors/http-errors';
import { authorize, RULES, type Permission } from './policy';

/** Enforces @Allow(permission) on routes; runs after the token guard, which established the caller. */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!permission) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    // The token guard has already answered 401 on a route that needs a caller; an anonymous one here may not.
    if (!user) throw forbidden(RULES[permission].field);
    authorize(user, permission);
    return true;
  }
}
