import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/auth-user';
import { authConfig } from '../config/configuration';
import { SessionsService } from './sessions/sessions.service';

export interface JwtPayload {
  sub: number;
  username: string;
  /** The sign-in session: the token works while it does. */
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
    private readonly sessions: SessionsService,
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

  /** A token works while its session does: not signed out, not revoked, not expired, its account not deleted. */
  async validate(request: RequestWithHeaders, payload: JwtPayload): Promise<AuthUser | false> {
    if (!Number.isInteger(payload.sub) || typeof payload.sid !== 'string') return false;
    const session = await this.sessions.findLive(payload.sid);
    if (!session || session.userId !== payload.sub) return false;
    const profile = { username: session.username, bio: session.bio, image: session.image };
    return {
      id: session.userId,
      token: extractToken(request) ?? '',
      sessionId: payload.sid,
      profile,
      emailConfirmed: session.emailConfirmed,
      role: session.role,
    };
  }
}
