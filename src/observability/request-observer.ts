import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REQUEST_ID_HEADER } from './logging/request-id';
import { HttpMetrics } from './metrics/http-metrics';
import { routeTemplateOf } from './route-template';
import type { UnparsedRequests } from './unparsed-requests';

/**
 * Fastify hooks that see every routed request, errors, unknown routes and CORS preflights included: the request id
 * goes back in X-Request-Id (on send, since an earlier request hook may answer before ours runs), and the request
 * is counted in flight and timed by route template. Malformed URLs are refused before routing: createApp's
 * frameworkErrors handler sets their X-Request-Id itself. Requests Node cannot parse never reach Fastify: they are
 * counted through `unparsed`.
 */
export function observeRequests(app: NestFastifyApplication, unparsed: UnparsedRequests): void {
  const metrics = app.get(HttpMetrics);
  unparsed.countIn(metrics);
  const fastify = app.getHttpAdapter().getInstance();
  // Callback-style hooks: an async one costs a promise per request for work that never waits.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done(null, payload);
  });
  if (!metrics.enabled) return;
  fastify.addHook('onRequest', (_request, reply, done) => {
    metrics.started(reply.raw);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.finished(request.method, routeTemplateOf(request), reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
