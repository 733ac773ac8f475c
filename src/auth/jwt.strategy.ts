import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/auth-user';
import { authConfig } from '../config/configuration';
import { UsersService } from '../users/users.service';

export interface JwtPayload {
  sub: number;
  username: string;
}

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/** Reads `Authorization: Token <jwt>` (the RealWorld scheme) or `Authorization: Bearer <jwt>`. */
export function extractToken(request: RequestWithHeaders): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: extractToken,
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** A token of a deleted account is no longer a valid credential. */
  async validate(request: RequestWithHeaders, payload: JwtPayload): Promise<AuthUser | false> {
    if (!Number.isInteger(payload.sub)) return false;
    const user = await this.users.findById(payload.sub);
    return user ? { id: user.id, token: extractToken(request) ?? '' } : false;
  }
}
