import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Registry } from 'prom-client';
import { ErrorMap, notFound, unauthorized } from '../../common/errors/http-errors';
import { metricsConfig } from '../../config/configuration';
import { METRICS_REGISTRY } from './metrics-registry';
import { metricsTokenProblem } from './metrics-token';

@Injectable()
export class MetricsService {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(metricsConfig.KEY) private readonly config: ConfigType<typeof metricsConfig>,
  ) {}

  /** A scrape of the API's own /metrics: a 404 when metrics are off or served on METRICS_PORT. */
  async scrapeOnApiPort(authorization: string | undefined): Promise<string> {
    if (!this.config.enabled || this.config.port !== undefined) throw notFound('route');
    const problem = this.problemWith(authorization);
    if (problem) throw unauthorized(problem);
    return this.render();
  }

  problemWith(authorization: string | undefined): ErrorMap | undefined {
    return metricsTokenProblem(this.config.token, authorization);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
