import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { DatabaseMetrics } from './metrics/database-metrics';
import { HttpMetrics } from './metrics/http-metrics';
import { JobMetrics } from './metrics/job-metrics';
import { MetricsPortServer } from './metrics/metrics-port.server';
import { metricsRegistryProvider } from './metrics/metrics-registry';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

/**
 * Metrics. Logs need no module: the pino logger belongs to the Fastify adapter (createApp builds it, so that the
 * request id and the destination are set before any module loads), each request logs through its child logger
 * (with its reqId), and Nest's own logs reach the same logger through PinoNestLogger.
 */
@Module({
  imports: [JobsModule],
  controllers: [MetricsController],
  providers: [
    metricsRegistryProvider,
    HttpMetrics,
    DatabaseMetrics,
    JobMetrics,
    MetricsService,
    MetricsPortServer,
  ],
  exports: [HttpMetrics],
})
export class ObservabilityModule {}
