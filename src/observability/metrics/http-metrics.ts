import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { metricsConfig } from '../../config/configuration';
import { METRICS_REGISTRY } from './metrics-registry';

@Injectable()
export class HttpMetrics {
  readonly enabled: boolean;
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly inFlight: Gauge;
  private readonly unparsedRequests: Counter<'status_code' | 'reason'>;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(metricsConfig.KEY) config: ConfigType<typeof metricsConfig>,
  ) {
    this.enabled = config.enabled;
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to finishing its response, by method, route template and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.inFlight = new Gauge({
      name: 'http_requests_in_flight',
      help: 'Requests received whose response is not finished yet',
      registers: [registry],
    });
    this.unparsedRequests = new Counter({
      name: 'http_unparsed_requests_total',
      help: 'Requests answered before they could be parsed (malformed, headers too large, too slow), by status and reason',
      labelNames: ['status_code', 'reason'],
      registers: [registry],
    });
  }

  /** In flight until the response is done with, finished or aborted ('close' comes in both cases). */
  started(response: ServerResponse): void {
    this.inFlight.inc();
    response.once('close', () => this.inFlight.dec());
  }

  finished(method: string, route: string, statusCode: number, seconds: number): void {
    this.duration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }

  unparsed(statusCode: number, reason: string): void {
    this.unparsedRequests.inc({ status_code: String(statusCode), reason });
  }
}
