import { Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { DatabaseMetrics } from './metrics/database-metrics';
import { HttpMetrics } from './metrics/http-metrics';
import { MetricsPortServer } from './metrics/metrics-port.server';
import { metricsRegistryProvider } from './metrics/metrics-registry';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

/**
 * Logs, metrics and request ids. The pino logger belongs to the Fastify adapter (createApp builds it, so that the
 * request id and the destination are set before any module loads); nestjs-pino routes Nest's own logs into it
 * and binds each request's child logger (with its reqId) to the code that runs for that request.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [HttpAdapterHost],
      useFactory: (host: HttpAdapterHost) => ({
        useExisting: true,
        // The adapter's logger is the pino instance createApp built (Fastify types it by its interface only).
        pinoHttp: { logger: host.httpAdapter.getInstance<FastifyInstance>().log as Logger },
      }),
    }),
  ],
  controllers: [MetricsController],
  providers: [metricsRegistryProvider, HttpMetrics, DatabaseMetrics, MetricsService, MetricsPortServer],
  exports: [HttpMetrics],
})
export class ObservabilityModule {}
