import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The order of an Allow header. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * The methods the router serves at a path, asked only once a request has matched no route: the methods in use are
 * collected as routes are added, and the path is looked up under each of them on the 404 path alone.
 */
export class RouteMethods {
  /** Methods of routes with a real path. */
  private readonly routed = new Set<string>();
  /** Methods of a route matching every path (the OPTIONS * of CORS preflights): allowed wherever anything is. */
  private readonly everywhere = new Set<string>();

  constructor(private readonly fastify: FastifyInstance) {
    fastify.addHook('onRoute', ({ method, url }) => {
      for (const one of [method].flat())
        (url === '*' || url === '/*' ? this.everywhere : this.routed).add(one);
    });
  }

  /**
   * What a request that matched no route may use instead: the methods routed at its path. None when the path is
   * unknown, when its own method is routed there (a route that found nothing, as the static files of /docs do), or
   * when it is routed everywhere (an OPTIONS the CORS preflight declined keeps its 404).
   */
  allowedAt(method: string, url: string): string[] {
    if (this.everywhere.has(method)) return [];
    const found = [...this.routed].filter(
      (candidate) => !this.everywhere.has(candidate) && this.fastify.findRoute({ method: candidate, url }),
    );
    if (found.length === 0 || found.includes(method)) return [];
    return [...found, ...this.everywhere].sort(byMethodOrder);
  }
}

/**
 * Fastify under Nest, where a known path asked with a method it does not serve answers 405 with an Allow header
 * instead of 404; unknown paths stay 404 (Nest's handler). Nothing changes for requests that match a route.
 */
export class FolioFastifyAdapter extends FastifyAdapter {
  private readonly routeMethods = new RouteMethods(this.getInstance());

  override setNotFoundHandler(
    handler: (request: FastifyRequest, reply: FastifyReply) => unknown,
  ): ReturnType<FastifyAdapter['setNotFoundHandler']> {
    return super.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      const allowed = this.routeMethods.allowedAt(request.method, request.url);
      if (allowed.length === 0) return handler(request, reply);
      return answerWrongMethod(request, reply, allowed);
    });
  }
}

function answerWrongMethod(request: FastifyRequest, reply: FastifyReply, allowed: string[]): FastifyReply {
  const path = request.url.split('?')[0];
  return reply
    .status(405)
    .header('allow', allowed.join(', '))
    .header('content-type', 'application/json; charset=utf-8')
    .send({ errors: { method: [`${request.method} is not allowed on ${path}`] } });
}

function byMethodOrder(a: string, b: string): number {
  const rank = (method: string): number => {
    const index = METHOD_ORDER.indexOf(method);
    return index === -1 ? METHOD_ORDER.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
