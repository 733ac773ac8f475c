import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { routeTemplateOf } from '../route-template';

/**
 * Fastify's per-request log lines, reshaped: one line when the response is finished (none when it arrives), with
 * the request id, the route template, the status and the duration. A completed request is written through the
 * access logger (createAccessLogger: nothing in the line to redact); a failed one through the request's child
 * logger, whose redaction and error serializer apply. Fastify's other lines (stream and serializer errors) are
 * kept as they are.
 */
export class AccessLogController extends LogController {
  constructor(private readonly access: Logger) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) {
      request.log.error({ ...lineOf(request, reply), err: error }, 'request failed');
    } else if (this.access.isLevelEnabled('info')) {
      this.access.info({ reqId: request.id, ...lineOf(request, reply) }, 'request completed');
    }
  }
}

function lineOf(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  return {
    method: request.method,
    route: routeTemplateOf(request),
    url: request.url,
    statusCode: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
  };
}
