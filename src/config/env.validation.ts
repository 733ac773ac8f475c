import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MinLength, validateSync } from 'class-validator';
import { EnvBool, EnvInt, ParsesAsUrl } from './env.decorators';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Secrets that ship in the repository (examples, dev defaults) and must never guard a production deploy. */
export const KNOWN_DEFAULT_JWT_SECRETS = ['folio-dev-secret-change-me', 'change-me', 'secret', 'changeme'];
export const DEV_JWT_SECRET = KNOWN_DEFAULT_JWT_SECRETS[0];

export const JWT_ALGORITHMS = ['HS256', 'RS256', 'ES256'] as const;

export class EnvironmentVariables {
  @IsOptional()
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @EnvInt({ min: 0, max: 65535 })
  PORT = 3000;

  @IsOptional()
  @IsString()
  @Matches(/^(mysql|mariadb):\/\/[^/]+\/[^/?]+(\?.*)?$|^sqlite:.+$/, {
    message: 'DATABASE_URL must be mysql://user:pass@host:port/db, mariadb://… or sqlite:<file path>',
  })
  @ParsesAsUrl('DATABASE_URL')
  DATABASE_URL?: string;

  /** How long a request waits for a pooled connection (or, on SQLite, its turn) before it is answered 503. */
  @EnvInt({ min: 10, max: 60_000 })
  DATABASE_ACQUIRE_TIMEOUT_MS = 2_000;

  /** How long one statement may run: the server aborts it, and the client gives up on the connection soon after. */
  @EnvInt({ min: 100, max: 600_000 })
  DATABASE_QUERY_TIMEOUT_MS = 5_000;

  /** Requests that may wait for a connection at once; the next ones are answered 503 at once. */
  @EnvInt({ min: 1, max: 100_000 })
  DATABASE_QUEUE_LIMIT = 100;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters long' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsString()
  @Matches(/^\d+(s|m|h|d)?$/, {
    message: 'JWT_EXPIRES_IN must be a number of seconds or a duration like 15m, 12h, 7d',
  })
  JWT_EXPIRES_IN = '7d';

  /**
   * Browser mode: refresh tokens travel in a Secure, HttpOnly, SameSite=Strict cookie scoped to /api/auth instead of
   * the body, with a double-submit CSRF token (the folio_csrf cookie, repeated in X-CSRF-Token) on refresh.
   */
  @EnvBool()
  REFRESH_TOKEN_COOKIE = false;

  /** How long a session lives without a refresh; every refresh moves its end this far ahead. */
  @IsOptional()
  @IsString()
  @Matches(/^\d+(s|m|h|d)?$/, {
    message: 'REFRESH_TOKEN_EXPIRES_IN must be a number of seconds or a duration like 12h, 30d',
  })
  REFRESH_TOKEN_EXPIRES_IN = '30d';

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @IsString()
  CORS_ORIGINS = '*';

  @EnvBool()
  MIGRATIONS_RUN = true;

  @EnvInt({ min: 1024, max: 100 * 1024 * 1024 })
  BODY_LIMIT_BYTES = 1024 * 1024;

  @IsOptional()
  @IsIn(JWT_ALGORITHMS)
  JWT_ALGORITHM: (typeof JWT_ALGORITHMS)[number] = 'HS256';

  /** PEM keys for RS256/ES256; literal "\n" sequences are read as newlines. */
  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be redis://host:port[/db] or rediss://…' })
  REDIS_URL?: string;

  /** Starts every key Folio writes in Redis, so that several deployments (or test runs) can share one server. */
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, {
    message: 'REDIS_KEY_PREFIX must be 1-64 letters, digits, _ . : or -',
  })
  REDIS_KEY_PREFIX = 'folio:';

  @EnvBool()
  METRICS_ENABLED = true;

  /** When set, scrapes of /metrics must send `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters long' })
  METRICS_TOKEN?: string;

  /** When set, /metrics is served on this port (its own listener) instead of the API's. */
  @EnvInt({ min: 1, max: 65535 })
  METRICS_PORT?: number;

  /** Trust X-Forwarded-For (only behind a proxy that sets it); otherwise clients could pick their own address. */
  @EnvBool()
  TRUST_PROXY = false;

  @EnvInt({ min: 0, max: 600_000 })
  SHUTDOWN_GRACE_MS = 10_000;

  @EnvInt({ min: 0, max: 60_000 })
  SHUTDOWN_DRAIN_MS = 500;

  /** How long a request may take before it is answered 503 (its handler may still finish, its answer is dropped). */
  @EnvInt({ min: 100, max: 600_000 })
  REQUEST_TIMEOUT_MS = 10_000;

  @EnvBool()
  CACHE_ENABLED = true;

  @EnvInt({ min: 1 })
  CACHE_TTL_SECONDS = 60;

  @EnvInt({ min: 1 })
  CACHE_MAX_ENTRIES = 5000;

  @EnvBool()
  RATE_LIMIT_ENABLED = true;

  @EnvInt({ min: 1 })
  RATE_LIMIT_READS_PER_MINUTE = 1200;

  @EnvInt({ min: 1 })
  RATE_LIMIT_WRITES_PER_MINUTE = 300;

  @EnvInt({ min: 1 })
  RATE_LIMIT_REGISTRATIONS_PER_HOUR = 60;

  /** Requests that send mail (password reset, confirmation again, e-mail change) per address and hour. */
  @EnvInt({ min: 1 })
  RATE_LIMIT_MAILS_PER_HOUR = 20;

  /** Reports of articles and comments per address and hour. */
  @EnvInt({ min: 1 })
  RATE_LIMIT_REPORTS_PER_HOUR = 30;

  @EnvInt({ min: 1 })
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT = 10;

  @EnvInt({ min: 1 })
  RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS = 100;

  @EnvInt({ min: 1 })
  RATE_LIMIT_LOGIN_WINDOW_SECONDS = 900;

  /** Where mail goes: smtp://user:pass@host:587 or smtps://…:465. Unset: mail is written to the log instead. */
  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\/[^/]+/, { message: 'SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://…' })
  @ParsesAsUrl('SMTP_URL')
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM = 'Folio <no-reply@folio.invalid>';

  /** The front end the links in mails lead to (its confirm-email, reset-password and confirm-email-change pages). */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/[^/]+/, { message: 'APP_URL must be an http(s) URL' })
  @ParsesAsUrl('APP_URL')
  APP_URL = 'http://localhost:4100';

  /** Block writes (403) by accounts whose e-mail address is not confirmed yet. */
  @EnvBool()
  REQUIRE_EMAIL_CONFIRMATION = false;

  @IsOptional()
  @IsString()
  @Matches(/^\d+(s|m|h|d)?$/, {
    message: 'PASSWORD_RESET_EXPIRES_IN must be seconds or a duration like 30m, 1h',
  })
  PASSWORD_RESET_EXPIRES_IN = '1h';

  @IsOptional()
  @IsString()
  @Matches(/^\d+(s|m|h|d)?$/, {
    message: 'EMAIL_TOKEN_EXPIRES_IN must be seconds or a duration like 24h, 2d',
  })
  EMAIL_TOKEN_EXPIRES_IN = '48h';

  /** How many past versions of each article are kept (the oldest go first). */
  @EnvInt({ min: 1, max: 10_000 })
  ARTICLE_REVISIONS_MAX = 50;

  /** How long deleted articles and comments stay in the trash (restorable, slugs taken) before they are purged. */
  @IsOptional()
  @IsString()
  @Matches(/^\d+(s|m|h|d)?$/, { message: 'TRASH_RETENTION must be seconds or a duration like 12h, 30d' })
  TRASH_RETENTION = '30d';

  /** How long audit events are kept; older ones are deleted by an hourly job. */
  @EnvInt({ min: 1, max: 36_500 })
  AUDIT_RETENTION_DAYS = 365;

  /** Encrypts TOTP secrets at rest (AES-256-GCM). Unset: derived from JWT_SECRET (then rotating it loses them). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MFA_ENCRYPTION_KEY must be at least 32 characters long' })
  MFA_ENCRYPTION_KEY?: string;

  /** Whether this instance runs background jobs (mail, purges); an instance that only serves HTTP sets false. */
  @EnvBool()
  JOBS_ENABLED = true;

  /** How often an idle job runner looks for due jobs. */
  @EnvInt({ min: 10, max: 600_000 })
  JOBS_POLL_INTERVAL_MS = 1000;

  /** Jobs one instance runs at once. */
  @EnvInt({ min: 1, max: 100 })
  JOBS_CONCURRENCY = 4;

  /** How long a claimed job is its instance's; a job still running after that is presumed lost and run again. */
  @EnvInt({ min: 1000, max: 86_400_000 })
  JOBS_LEASE_MS = 300_000;

  @EnvInt({ min: 1, max: 100 })
  JOBS_MAX_ATTEMPTS = 8;

  /** The wait after the first failed attempt; each later one doubles it (with jitter), up to JOBS_BACKOFF_MAX_MS. */
  @EnvInt({ min: 1, max: 86_400_000 })
  JOBS_BACKOFF_BASE_MS = 5000;

  @EnvInt({ min: 1, max: 86_400_000 })
  JOBS_BACKOFF_MAX_MS = 3_600_000;

  /** How long finished (done or dead) jobs are kept. */
  @EnvInt({ min: 1, max: 3650 })
  JOBS_RETENTION_DAYS = 7;
}

/** Validates the environment at boot; any problem stops the start with a message naming the variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const problems = validateSync(env, { skipMissingProperties: false, whitelist: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  problems.push(...keyProblems(env));
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT)
    problems.push('METRICS_PORT: must differ from PORT (or be unset to serve /metrics on the API port)');
  if (env.NODE_ENV === 'production') problems.push(...productionProblems(env));
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return env;
}

function keyProblems(env: EnvironmentVariables): string[] {
  if (env.JWT_ALGORITHM === 'HS256') return [];
  return ['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY']
    .filter((name) => !env[name as 'JWT_PRIVATE_KEY' | 'JWT_PUBLIC_KEY'])
    .map((name) => `${name}: must be set (a PEM key) when JWT_ALGORITHM=${env.JWT_ALGORITHM}`);
}

function productionProblems(env: EnvironmentVariables): string[] {
  const problems = env.JWT_ALGORITHM === 'HS256' ? productionSecretProblems(env.JWT_SECRET) : [];
  if (env.JWT_ALGORITHM !== 'HS256' && !env.MFA_ENCRYPTION_KEY)
    problems.push('MFA_ENCRYPTION_KEY: must be set when NODE_ENV=production and JWT_ALGORITHM is not HS256');
  if (env.CORS_ORIGINS.split(',').some((origin) => origin.trim() === '*')) {
    problems.push('CORS_ORIGINS: must list the allowed origins explicitly when NODE_ENV=production');
  }
  return problems;
}

function productionSecretProblems(secret: string | undefined): string[] {
  if (!secret) return ['JWT_SECRET: must be set when NODE_ENV=production'];
  if (KNOWN_DEFAULT_JWT_SECRETS.includes(secret))
    return ['JWT_SECRET: is a known default and must be replaced in production'];
  if (secret.length < 32) return ['JWT_SECRET: must be at least 32 characters long in production'];
  return [];
}
