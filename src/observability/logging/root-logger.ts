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

const NOWHERE: DestinationStream = { write: () => undefined };

/** Lines wait in memory until this much is buffered… */
const BUFFER_BYTES = 4096;
/** …or this long at most, so that a quiet server's lines still show up promptly. */
const FLUSH_INTERVAL_MS = 250;

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
    stream ??
      (level === 'silent' ? NOWHERE : undefined) ??
      (pretty ? prettyStream() : undefined) ??
      bufferedStdout(),
  );
}

/**
 * Standard output written in batches, off the request's path: a line costs a copy into a buffer instead of a
 * write(2) each. The buffer is written out when it holds BUFFER_BYTES, every FLUSH_INTERVAL_MS, and synchronously
 * when the process exits (pino registers that for asynchronous destinations; main.ts's shutdown on signals and
 * exitOnCrash rely on it).
 */
function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  const timer = setInterval(() => flushQuietly(destination), FLUSH_INTERVAL_MS);
  timer.unref();
  destination.on('close', () => clearInterval(timer));
  return destination;
}

function flushQuietly(destination: ReturnType<typeof pino.destination>): void {
  try {
    destination.flush();
  } catch {
    // Already ended (the process is exiting) or a write is failing: its own error event reports that.
  }
}

/**
 * The access log's logger: the root logger's level, timestamps and destination, without its redaction. An access
 * line holds the method, route, URL, status and duration, nothing to redact, and redaction was half of its cost.
 */
export function createAccessLogger(root: Logger): Logger {
  return pino(
    { level: root.level, timestamp: pino.stdTimeFunctions.isoTime },
    (root as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym],
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
