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
  /** The account's token version when the token was issued. */
  ver: number;
  /** The sign-in session. */
  sid: string;
}

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

const SCHEME = /^(?:Token|Bearer)(?:\s|$)/i;

/** Reads `Authorization: Token <jwt>` (the RealWorld scheme) or `Authorization: Bearer <jwt>`. */
export function extractToken(request: RequestWithHeaders): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Why extractToken found no token in the request, in the words of a `token` error. */
export function missingTokenReason(request: RequestWithHeaders): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return 'is missing';
  if (typeof header !== 'string') return 'is invalid';
  if (!SCHEME.test(header)) return 'must use the Token or Bearer scheme';
  return header.trim().includes(' ') ? 'is invalid' : 'is missing';
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: extractToken,
      // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject; its typings only list string and Buffer.
      secretOrKey: config.jwtVerifyingKey as unknown as Buffer,
      // Pinned: a token signed with any other algorithm (or "none") is rejected.
      algorithms: [config.jwtAlgorithm],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /**
   * A token of a deleted account is no longer valid, nor one issued before the password last changed — unless
   * it belongs to the session that made the change.
   */
  async validate(request: RequestWithHeaders, payload: JwtPayload): Promise<AuthUser | false> {
    if (!Number.isInteger(payload.sub) || !Number.isInteger(payload.ver) || typeof payload.sid !== 'string')
      return false;
    const user = await this.users.findAuthState(payload.sub);
    if (!user) return false;
    if (payload.ver !== user.tokenVersion && payload.sid !== user.passwordSessionId) return false;
    const profile = { username: user.username, bio: user.bio ?? null, image: user.image ?? null };
    return { id: user.id, token: extractToken(request) ?? '', sessionId: payload.sid, profile };
  }
}
