import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { routeTemplateOf } from '../route-template';

/**
 * Fastify's per-request log lines, reshaped: one line when the response is finished (none when it arrives), with
 * the route template, the status and the duration; the request id comes from the request's child logger. Fastify's
 * other lines (stream and serializer errors) are kept as they are.
 */
export class AccessLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: routeTemplateOf(request),
      url: request.url,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) request.log.error({ ...line, err: error }, 'request failed');
    else request.log.info(line, 'request completed');
  }
}
