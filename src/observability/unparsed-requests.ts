import type { Logger } from 'pino';
import type { ClientErrorAnswer } from '../common/http/client-error-answer';
import type { HttpMetrics } from './metrics/http-metrics';

/** The access log's route for requests answered before they could be parsed (and routed). */
export const UNPARSED_ROUTE = 'unparsed';

/**
 * The requests Node refuses before Fastify sees them (see answerClientError): one access line each, in the shape
 * of the others (with the id the answer carried), and a count by status and reason. Built with the logger before
 * the application exists, since the adapter takes its client error handler then; metrics join once they exist.
 */
export class UnparsedRequests {
  private metrics?: HttpMetrics;

  constructor(private readonly logger: Logger) {}

  countIn(metrics: HttpMetrics): void {
    if (metrics.enabled) this.metrics = metrics;
  }

  observe({ requestId, statusCode, reason }: ClientErrorAnswer): void {
    this.logger.info({ reqId: requestId, route: UNPARSED_ROUTE, statusCode, reason }, 'request completed');
    this.metrics?.unparsed(statusCode, reason);
  }
}
