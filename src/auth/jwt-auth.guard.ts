import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC_KEY } from '../common/decorators/public.decorator';
import { unauthorized } from '../common/errors/http-errors';
import type { AuthUser } from '../common/auth-user';

/**
 * Global guard: every route needs a valid token unless marked @Public(). On public routes a valid token still
 * identifies the caller, and a missing or unusable one simply means an anonymous caller.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    // Anonymous calls to public routes need no token work at all.
    if (this.isPublic(context) && !context.switchToHttp().getRequest<FastifyRequest>().headers.authorization)
      return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser = AuthUser>(
    error: unknown,
    user: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    // Passport hands over what the strategy threw: an Error (an HttpException or a database error).
    if (error) throw error as Error;
    if (user) return user;
    if (this.isPublic(context)) return undefined as TUser;
    throw unauthorized({ token: [describeFailure(info)] });
  }

  private isPublic(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) ??
      false
    );
  }
}

function describeFailure(info: unknown): string {
  if (!(info instanceof Error)) return 'is invalid';
  if (info.name === 'TokenExpiredError') return 'has expired';
  if (/no auth token/i.test(info.message)) return 'is missing';
  return 'is invalid';
}
