import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * Nest's start-up chatter: a line per module and per route (and RoutesResolver prints controllers under the global
 * prefix even when it excludes them). Debug detail; the start-up lines that matter are Folio's own.
 */
const NEST_CHATTER = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/**
 * Where Nest logs an error that stopped the start before rethrowing it (createApp sets abortOnError: false): the
 * caller logs it once, as one line, so Nest's copy is debug detail.
 */
const RETHROWN = 'ExceptionHandler';

/**
 * Nest's own log calls (the Logger of @nestjs/common, used by Nest and by Folio outside requests), written through
 * the application's pino logger. Request-bound lines come from the request's child logger instead (`request.log`,
 * which carries the request id), so nothing has to follow each request through async context.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write(NEST_CHATTER.has(contextOf(params) ?? '') ? 'debug' : 'info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write(contextOf(params) === RETHROWN ? 'debug' : 'error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * Nest passes `(message, ...params, context)`, and `(message, stack, context)` for errors; a pino-style call
   * passes `({ fields }, message)`.
   */
  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') fields.context = rest.pop();
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const text = typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
      this.pino[level]({ ...message, ...fields }, text);
    } else {
      if ((level === 'error' || level === 'fatal') && typeof rest[0] === 'string')
        fields.err = { stack: rest.shift() };
      if (rest.length > 0) fields.params = rest;
      this.pino[level](fields, String(message));
    }
  }
}

/** Nest passes the context last. */
function contextOf(params: unknown[]): string | undefined {
  const last = params[params.length - 1];
  return typeof last === 'string' ? last : undefined;
}
