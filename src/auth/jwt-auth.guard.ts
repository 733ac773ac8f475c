import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth-user';
import { authModeOf } from '../common/decorators/auth.decorator';
import { unauthorized } from '../common/errors/http-errors';
import { missingTokenReason } from './jwt.strategy';

/**
 * Global guard: every route needs a valid token unless it says otherwise with @Auth('optional') or @Auth('none').
 * On optional routes a valid token identifies the caller, and a missing or unusable one means an anonymous caller.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override canActivate(context: ExecutionContext) {
    const mode = authModeOf(context.getHandler(), context.getClass());
    if (mode === 'none') return true;
    // Anonymous calls to optional routes need no token work at all.
    if (mode === 'optional' && !context.switchToHttp().getRequest<FastifyRequest>().headers.authorization)
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
    if (authModeOf(context.getHandler(), context.getClass()) === 'optional') return undefined as TUser;
    throw unauthorized({
      token: [describeFailure(info, context.switchToHttp().getRequest<FastifyRequest>())],
    });
  }
}

function describeFailure(info: unknown, request: FastifyRequest): string {
  if (!(info instanceof Error)) return 'is invalid';
  if (info.name === 'TokenExpiredError') return 'has expired';
  if (/no auth token/i.test(info.message)) return missingTokenReason(request);
  return 'is invalid';
}
