import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Registry } from 'prom-client';
import type { ErrorMap } from '../../common/errors/http-errors';
import { metricsConfig } from '../../config/configuration';
import { MetricsService } from './metrics.service';

/**
 * With METRICS_PORT set, /metrics is served by a listener of its own (so that it can stay off the public
 * network), opened when the application starts and closed when it stops.
 */
@Injectable()
export class MetricsPortServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(metricsConfig.KEY) private readonly config: ConfigType<typeof metricsConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { enabled, port } = this.config;
    if (!enabled || port === undefined) return;
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    // The start-up line names the URL; this only says when the listener opened.
    this.logger.debug(`metrics served on port ${port} at /metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || !['GET', 'HEAD'].includes(request.method ?? '')) {
      return sendErrors(response, 404, { route: ['not found'] });
    }
    const problem = this.metrics.problemWith(request.headers.authorization);
    if (problem) return sendErrors(response, 401, problem);
    try {
      const body = await this.metrics.render();
      response.writeHead(200, {
        'content-type': Registry.PROMETHEUS_CONTENT_TYPE,
        'content-length': Buffer.byteLength(body),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.logger.error({ err: error }, 'metrics could not be collected');
      sendErrors(response, 500, { server: ['internal error'] });
    }
  }
}

function sendErrors(response: ServerResponse, status: number, errors: ErrorMap): void {
  const body = JSON.stringify({ errors });
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
