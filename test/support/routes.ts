import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { THROTTLER_SKIP } from '@nestjs/throttler/dist/throttler.constants';
import { API_PREFIX } from '../../src/bootstrap';
import { AuthMode, authModeOf } from '../../src/common/decorators/auth.decorator';
import { CurrentUser } from '../../src/common/decorators/current-user.decorator';
import type { TestApp } from './test-app';

export interface DeclaredRoute {
  /** "post /api/articles/{slug}", as OpenAPI keys it. */
  key: string;
  method: string;
  /** As the router serves it, with OpenAPI-style parameters: /api/articles/{slug}. */
  path: string;
  /** Served under /api (a few operational routes are not). */
  isApi: boolean;
  auth: AuthMode;
  /** Takes @CurrentUser(): on an optional-auth route, a token personalises the answer. */
  readsCaller: boolean;
  takesBody: boolean;
  takesQuery: boolean;
  /** Spends a rate-limit budget (reads for GET, writes otherwise) unless it skips it. */
  rateLimited: boolean;
}

const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** The factory behind @CurrentUser(), read back from a probe, to recognise handlers that read the caller. */
function currentUserFactory(): unknown {
  class Probe {
    handler(@CurrentUser() _user: unknown): void {}
  }
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Probe, 'handler') as Record<
    string,
    { factory: unknown }
  >;
  return Object.values(args)[0].factory;
}

/** Every route the application's controllers declare, read from Nest's own metadata. */
export function declaredRoutes(t: TestApp): DeclaredRoute[] {
  const readsCaller = currentUserFactory();
  const fastify = t.app.getHttpAdapter().getInstance();
  const routes: DeclaredRoute[] = [];
  for (const moduleRef of t.app.get(ModulesContainer).values()) {
    for (const wrapper of moduleRef.controllers.values()) {
      const controller = wrapper.metatype as new (...args: unknown[]) => object;
      const basePath = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name as keyof object] as unknown;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (methodPath === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        // Where the router really serves it: under the prefix unless the prefix excludes the route.
        const prefixed = joinPath(API_PREFIX, basePath, methodPath);
        const isApi = fastify.hasRoute({ method, url: prefixed });
        const path = (isApi ? prefixed : joinPath(basePath, methodPath)).replace(/:(\w+)/g, '{$1}');
        const bucket = ['GET', 'HEAD', 'OPTIONS'].includes(method) ? 'reads' : 'writes';
        const skips = (target: object): boolean =>
          Reflect.getMetadata(THROTTLER_SKIP + bucket, target) === true;
        const args = Object.entries(
          (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
            string,
            { factory?: unknown }
          >,
        );
        const takes = (type: RouteParamtypes): boolean => args.some(([key]) => key.startsWith(`${type}:`));
        routes.push({
          key: `${method.toLowerCase()} ${path}`,
          method: method.toLowerCase(),
          path,
          isApi,
          auth: authModeOf(handler, controller),
          readsCaller: args.some(([, arg]) => arg.factory === readsCaller),
          takesBody: takes(RouteParamtypes.BODY),
          takesQuery: takes(RouteParamtypes.QUERY),
          rateLimited: !skips(handler) && !skips(controller),
        });
      }
    }
  }
  return routes;
}
