import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, startupLogger } from './bootstrap';
import { StartupFailure } from './common/errors/startup-failure';
import { PATHS } from './common/http/paths';
import { appConfig, metricsConfig } from './config/configuration';
import { packageInfo } from './config/package-info';
import { stopGracefully } from './shutdown';

// Nest's Logger writes through the application's pino logger once createApp has installed it.
const logger = new Logger('Folio');

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const app = await createApp();
  exitOnCrash();
  const { port, shutdownGraceMs, shutdownDrainMs } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  stopGracefullyOnSignals(app, shutdownGraceMs, shutdownDrainMs);
  await listen(app, port);
  logger.log(listeningLine(port, app.get<ConfigType<typeof metricsConfig>>(metricsConfig.KEY)));
}

/** On every interface. Fastify would log "Server listening at …" once per interface; the start-up line names it once. */
async function listen(app: NestFastifyApplication, port: number): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const { log } = fastify;
  fastify.log = log.child({}, { level: 'warn' });
  try {
    await app.listen(port, '0.0.0.0');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new StartupFailure(`cannot listen: ${message}`, { cause: error });
    throw error;
  } finally {
    fastify.log = log;
  }
}

/** Every URL to know, each once. */
function listeningLine(port: number, metrics: ConfigType<typeof metricsConfig>): string {
  const url = (path: string, onPort = port): string => `http://localhost:${onPort}${path}`;
  const metricsUrl = metrics.enabled
    ? url(PATHS.metrics, metrics.port ?? port)
    : 'off (METRICS_ENABLED=false)';
  return (
    `Folio ${packageInfo().version} listening on ${url(PATHS.api)}: Swagger UI ${url(PATHS.docs)}, ` +
    `OpenAPI ${url(PATHS.openApiJson)}, health ${url(PATHS.health)}, metrics ${metricsUrl}`
  );
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

/**
 * An error nothing caught (thrown in a callback, or a rejected promise nobody awaited) leaves the process in a state
 * nobody planned for: one fatal line, then exit 1 (the orchestrator starts a fresh one). The line, like every line
 * buffered before it, is written out as the process exits.
 */
function exitOnCrash(): void {
  const crash = (error: unknown): void => {
    logger.fatal(
      { err: errorFields(error) },
      `crashed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  };
  process.once('uncaughtException', crash);
  process.once('unhandledRejection', crash);
}

/** What an error says about itself, never its own fields (a TypeError from new URL() carries the whole URL). */
function errorFields(error: unknown): Record<string, unknown> | undefined {
  return error instanceof Error
    ? { type: error.name, message: error.message, stack: error.stack }
    : undefined;
}

// One fatal line: the message alone when it says everything (StartupFailure), else with the stack too — never the
// error's own fields, which may hold what it failed on (a TypeError from new URL() carries the whole DATABASE_URL).
bootstrap().catch((error: unknown) => {
  const logger = startupLogger().child({ context: 'Folio' });
  const message = `start-up failed: ${error instanceof Error ? error.message : String(error)}`;
  if (error instanceof StartupFailure || !(error instanceof Error)) logger.fatal(message);
  else logger.fatal({ err: errorFields(error) }, message);
  process.exit(1);
});
