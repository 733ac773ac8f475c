import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

/** Up to `depth` levels of wildcards before `key`: a wildcard matches exactly one level. */
const atAnyDepth = (key: string, depth = 3): string[] =>
  Array.from({ length: depth + 1 }, (_, level) => [...Array<string>(level).fill('*'), key].join('.'));

/**
 * Never written: credentials in headers, passwords and tokens down to `req.body.user.password` (bodies are not
 * logged, but an object logged by mistake must not leak them either).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...atAnyDepth('password'),
  ...atAnyDepth('token'),
];

export interface RootLoggerOptions {
  level: LevelWithSilent;
  /** Human-readable lines (development on a terminal), when pino-pretty is installed; JSON otherwise. */
  pretty: boolean;
  /** Where lines go instead of standard output (tests capture them this way). */
  stream?: DestinationStream;
}

/** The one pino logger of the application: Fastify, Nest (through PinoNestLogger) and the access log share it. */
export function createRootLogger({ level, pretty, stream }: RootLoggerOptions): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream ?? (pretty ? prettyStream() : undefined),
  );
}

function prettyStream(): DestinationStream | undefined {
  try {
    // A devDependency, so absent from production installs: the logs are then JSON, as they should be there.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    // One line per entry, as in JSON: Nest's context in front of the message, any other fields after it.
    return pretty.build({
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,context',
      messageFormat: '{if context}[{context}] {end}{msg}',
      singleLine: true,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
