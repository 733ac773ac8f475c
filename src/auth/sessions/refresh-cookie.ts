import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { map, type Observable } from 'rxjs';
import { forbiddenWith } from '../../common/errors/http-errors';
import { newSecretToken } from '../secret-token';
import { authConfig } from '../../config/configuration';

export const REFRESH_COOKIE = 'folio_refresh';
export const CSRF_COOKIE = 'folio_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** The refresh cookie is sent only to the refresh and logout routes. */
const REFRESH_COOKIE_PATH = '/api/auth';

type CookieRole = 'issue' | 'read' | 'clear';
const COOKIE_ROLE = 'folio:refresh-cookie';

/**
 * What a route does with the refresh cookie in browser mode (REFRESH_TOKEN_COOKIE): `issue` moves the answer's
 * refresh token into it, `read` takes the token from it when the body has none, `clear` removes it.
 */
export const RefreshCookie = (role: CookieRole): MethodDecorator => SetMetadata(COOKIE_ROLE, role);

interface UserAnswer {
  user?: { refreshToken?: string };
}

/**
 * Browser mode's transport of refresh tokens. The cookie is HttpOnly (scripts cannot read it), Secure, SameSite=Strict
 * (never sent by another site's page) and scoped to /api/auth. Refreshing from the cookie also needs the double-submit
 * token: the readable folio_csrf cookie repeated in the X-CSRF-Token header, which another origin cannot read.
 */
@Injectable()
export class RefreshCookieInterceptor implements NestInterceptor {
  private readonly maxAgeSeconds: number;

  constructor(
    private readonly reflector: Reflector,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {
    this.maxAgeSeconds = Math.max(config.refreshExpiresIn, config.jwtExpiresIn);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const role = this.reflector.get<CookieRole | undefined>(COOKIE_ROLE, context.getHandler());
    if (!this.config.refreshCookie || !role) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest<{ Body: { refreshToken?: unknown } | undefined }>>();
    const reply = http.getResponse<FastifyReply>();
    if (role === 'read') this.readInto(request);
    return next.handle().pipe(
      map((answer: unknown) => {
        if (role === 'clear') this.clear(reply);
        else this.issueFrom(answer as UserAnswer, reply);
        return answer;
      }),
    );
  }

  /** A token in the body wins (a client that is not a browser); else the cookie's, behind the CSRF check. */
  private readInto(request: FastifyRequest<{ Body: { refreshToken?: unknown } | undefined }>): void {
    const body = request.body;
    if (body && typeof body === 'object' && body.refreshToken !== undefined) return;
    const cookies = parseCookies(request.headers.cookie);
    const token = cookies.get(REFRESH_COOKIE);
    if (token === undefined) return;
    if (!csrfMatches(cookies.get(CSRF_COOKIE), request.headers[CSRF_HEADER]))
      throw forbiddenWith({ csrf: ['the X-CSRF-Token header must repeat the folio_csrf cookie'] });
    request.body = { ...(body && typeof body === 'object' ? body : {}), refreshToken: token };
  }

  /** Refreshes also answer from the cookie (the renewed refresh token is part of a successful answer). */
  private issueFrom(answer: UserAnswer, reply: FastifyReply): void {
    const refreshToken = answer.user?.refreshToken;
    if (refreshToken === undefined) return;
    delete answer.user!.refreshToken;
    const common = `Max-Age=${this.maxAgeSeconds}; Secure; SameSite=Strict`;
    reply.header('set-cookie', [
      `${REFRESH_COOKIE}=${refreshToken}; Path=${REFRESH_COOKIE_PATH}; HttpOnly; ${common}`,
      `${CSRF_COOKIE}=${newSecretToken()}; Path=/; ${common}`,
    ]);
  }

  private clear(reply: FastifyReply): void {
    reply.header('set-cookie', [
      `${REFRESH_COOKIE}=; Path=${REFRESH_COOKIE_PATH}; HttpOnly; Max-Age=0; Secure; SameSite=Strict`,
      `${CSRF_COOKIE}=; Path=/; Max-Age=0; Secure; SameSite=Strict`,
    ]);
  }
}

/** `name=value; name=value` as sent in a Cookie header (values are base64url, so no decoding is needed). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return cookies;
}

function csrfMatches(cookie: string | undefined, header: string | string[] | undefined): boolean {
  if (!cookie || typeof header !== 'string') return false;
  const expected = Buffer.from(cookie);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
