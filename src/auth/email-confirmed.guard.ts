import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth-user';
import { forbiddenWith } from '../common/errors/http-errors';
import { accountConfig } from '../config/configuration';

const ALLOW_UNCONFIRMED = 'folio:allow-unconfirmed-email';
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A write route an unconfirmed account may still use (to confirm, fix its address, or sign out). */
export const AllowUnconfirmedEmail = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOW_UNCONFIRMED, true);

/**
 * With REQUIRE_EMAIL_CONFIRMATION=true, a signed-in account whose address is not confirmed may read but not write:
 * 403 until it follows its confirmation link. Runs after the token guard, which established the caller.
 */
@Injectable()
export class EmailConfirmedGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(accountConfig.KEY) private readonly config: ConfigType<typeof accountConfig>,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.requireEmailConfirmation) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (!request.user || request.user.emailConfirmed || READ_METHODS.has(request.method)) return true;
    const allowed = this.reflector.getAllAndOverride<boolean>(ALLOW_UNCONFIRMED, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (allowed) return true;
    throw forbiddenWith({ email: ['must be confirmed first: follow the link mailed to you'] });
  }
}
