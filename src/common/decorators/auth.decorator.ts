import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiErrorResponse } from './api-responses.decorator';

/**
 * - `required`: a valid token or 401 (also what a route without @Auth gets from the global guard);
 * - `optional`: a valid token personalises the answer (`following`, `favorited`); a missing or unusable one means
 *   an anonymous caller, never a 401;
 * - `none`: the route never looks at a token.
 */
export type AuthMode = 'required' | 'optional' | 'none';

export const AUTH_MODE_KEY = 'folio:auth-mode';

/** How a route authenticates: the guard's behaviour and its OpenAPI security and 401 answer, set together. */
export function Auth(mode: AuthMode): MethodDecorator & ClassDecorator {
  const guard = SetMetadata(AUTH_MODE_KEY, mode);
  if (mode === 'required') return applyDecorators(guard, ApiBearerAuth(), ApiErrorResponse(401));
  if (mode === 'optional') return applyDecorators(guard, ApiBearerAuth(), ApiSecurity({}));
  return guard;
}

/** The mode declared on the handler, else on its controller, else `required`. */
export function authModeOf(handler: object, controller: object): AuthMode {
  let mode = modes.get(handler);
  if (!mode) {
    const declared = (target: object): AuthMode | undefined =>
      Reflect.getMetadata(AUTH_MODE_KEY, target) as AuthMode | undefined;
    mode = declared(handler) ?? declared(controller) ?? 'required';
    modes.set(handler, mode);
  }
  return mode;
}

/** Per handler: decorators run once, at start-up, so the answer never changes (and it is asked on every request). */
const modes = new WeakMap<object, AuthMode>();
