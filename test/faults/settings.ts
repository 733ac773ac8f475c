/**
 * The fault suite's numbers in one place. Folio's own limits (what it is configured with) come first; the suite's
 * bounds are derived from them with margins, since the machine has 2 cores and may be running CI beside the suite.
 */

/** REQUEST_TIMEOUT_MS given to Folio: no request may wait longer than this plus WAIT_MARGIN_MS. */
export const DEADLINE_MS = 5_000;
export const WAIT_MARGIN_MS = 1_000;
export const WAIT_LIMIT_MS = DEADLINE_MS + WAIT_MARGIN_MS;
/** Clients give up after this long, so that a hang is measured rather than waited out. */
export const CLIENT_TIMEOUT_MS = DEADLINE_MS + 3_000;

/** Readiness checks each dependency for 1.5 s; its answer must come within this, fault or not. */
export const READY_LIMIT_MS = 2_500;
export const READY_EVERY_MS = 300;

/** After a fault ends, ready + a read + a write must all succeed within this (without restarting Folio). */
export const RECOVERY_LIMIT_MS = 10_000;
export const RECOVERY_EVERY_MS = 250;

/** Clients of the steady load (each its own user), more than the pool has connections. */
export const CLIENTS = 14;
export const POOL_SIZE = 4;
/** Pause between one client's requests, and after a transport error (so a dead port is not hammered). */
export const THINK_MS = 40;
export const BACKOFF_MS = 200;

/** Load before a fault, and after recovery. */
export const BEFORE_MS = 3_000;
export const TAIL_MS = 4_000;
/** How long a killed server stays down before it is started again, and how long a frozen one stays frozen. */
export const DOWN_MS = 4_000;
export const FROZEN_MS = 8_000;

/** The SIGTERM scenario: concurrent writes fired at once, and the signal sent this long after they left. */
export const BURST_SIZE = 40;
export const SIGTERM_AFTER_BURST_MS = 30;
export const DRAIN_MS = 1_000;
export const GRACE_MS = 10_000;

/** Folio's environment for the suite, on the private MariaDB and Redis. */
export function folioEnvironment(
  databaseUrl: string,
  redisUrl: string,
  jwtSecret: string,
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MIGRATIONS_RUN: 'true',
    JWT_SECRET: jwtSecret,
    DATABASE_URL: `${databaseUrl}?connectionLimit=${POOL_SIZE}`,
    REDIS_URL: redisUrl,
    REQUEST_TIMEOUT_MS: String(DEADLINE_MS),
    DATABASE_QUERY_TIMEOUT_MS: '2000',
    DATABASE_ACQUIRE_TIMEOUT_MS: '1000',
    SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    SHUTDOWN_GRACE_MS: String(GRACE_MS),
    CACHE_ENABLED: 'true',
    // Redis is on every request's path (counters), but nobody is ever limited.
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_READS_PER_MINUTE: '1000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '100000',
  };
}
