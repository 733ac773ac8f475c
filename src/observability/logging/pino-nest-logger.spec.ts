import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoNestLogger } from './pino-nest-logger';

function capture(level: pino.LevelWithSilent = 'info'): {
  logger: PinoNestLogger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: new PinoNestLogger(pino({ level }, stream)), lines };
}

describe('PinoNestLogger', () => {
  it("should write Nest's (message, context) calls with the context as a field", () => {
    const { logger, lines } = capture();
    logger.log('Redis unreachable, counting in memory', 'RateLimit');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        context: 'RateLimit',
        msg: 'Redis unreachable, counting in memory',
      }),
    ]);
  });

  it('should keep the stack of an error logged as (message, stack, context)', () => {
    const { logger, lines } = capture();
    logger.error('request failed', 'Error: boom\n    at here', 'Exceptions');
    expect(lines[0]).toEqual(
      expect.objectContaining({
        level: 50,
        context: 'Exceptions',
        err: { stack: 'Error: boom\n    at here' },
      }),
    );
  });

  it('should take pino-style ({ fields }, message) calls and Error objects', () => {
    const { logger, lines } = capture();
    // As Nest's Logger('Folio') passes it on: the logger's context comes last.
    logger.error({ err: new Error('shutdown failed badly') }, 'shutdown failed', 'Folio');
    logger.warn(new Error('cache unreachable'), 'Cache');
    expect(lines[0]).toEqual(
      expect.objectContaining({ context: 'Folio', msg: 'shutdown failed', err: expect.any(Object) }),
    );
    expect(JSON.stringify(lines[0].err)).toContain('shutdown failed badly');
    expect(lines[1]).toEqual(
      expect.objectContaining({ level: 40, context: 'Cache', msg: 'cache unreachable' }),
    );
  });

  it("should write Nest's module, route and start lines at debug, never at info", () => {
    const info = capture('info');
    const debug = capture('debug');
    for (const { logger } of [info, debug]) {
      logger.log('Starting Nest application...', 'NestFactory');
      logger.log('AppModule dependencies initialized', 'InstanceLoader');
      logger.log('MetricsController {/api/metrics}:', 'RoutesResolver');
      logger.log('Mapped {/api/tags, GET} route', 'RouterExplorer');
      logger.log('Nest application successfully started', 'NestApplication');
      logger.log('listening', 'Folio');
    }
    expect(info.lines.map((line) => line.msg)).toEqual(['listening']);
    expect(debug.lines.map((line) => line.level)).toEqual([20, 20, 20, 20, 20, 30]);
  });

  it('should write the start-up error Nest logs before rethrowing it at debug: its caller logs it', () => {
    const { logger, lines } = capture('info');
    logger.error(new Error('connect ECONNREFUSED 127.0.0.1:1'), 'ExceptionHandler');
    logger.error('something else failed', 'Error: boom\n    at here', 'Exceptions');
    expect(lines.map((line) => [line.level, line.msg])).toEqual([[50, 'something else failed']]);
  });

  it('should write nothing below the configured level', () => {
    const { logger, lines } = capture('warn');
    logger.log('hello');
    logger.debug('details');
    logger.verbose('more details');
    expect(lines).toEqual([]);
  });
});
