import type { FastifyRequest } from 'fastify';

/** The label of requests that matched no route, so that scanners cannot mint a metric series per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route's template (`/api/articles/:slug`), never the URL: bounded for metrics, free of ids for logs. */
export function routeTemplateOf(request: FastifyRequest): string {
  if (request.is404) return UNMATCHED_ROUTE;
  return request.routeOptions?.url ?? UNMATCHED_ROUTE;
}
