import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './bootstrap';
import { appConfig } from './config/configuration';
import { stopGracefully } from './shutdown';

// Nest's Logger writes through the application's pino logger once createApp has installed it.
const logger = new Logger('Folio');

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const app = await createApp();
  const { port, shutdownGraceMs, shutdownDrainMs } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  stopGracefullyOnSignals(app, shutdownGraceMs, shutdownDrainMs);
  await app.listen(port, '0.0.0.0');
  logger.log(`Folio listening on http://localhost:${port}/api (Swagger UI at http://localhost:${port}/docs)`);
}

/**
 * On SIGTERM/SIGINT: stop as stopGracefully describes (serve `drainMs` longer while readiness fails, close the
 * listener, answer or cleanly close every accepted connection, close the pools), then exit 0. If that takes longer
 * than the grace period (which includes the drain), exit 1 anyway.
 */
function stopGracefullyOnSignals(app: NestFastifyApplication, graceMs: number, drainMs: number): void {
  const stop = (signal: NodeJS.Signals): void => {
    logger.log(`${signal}: shutting down (drain ${drainMs} ms, grace period ${graceMs} ms)`);
    setTimeout(() => {
      logger.error('grace period over, exiting with requests still open');
      process.exit(1);
    }, graceMs).unref();
    stopGracefully(app, drainMs).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
