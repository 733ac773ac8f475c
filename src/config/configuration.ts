import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';
import { registerAs } from '@nestjs/config';
import { DEV_JWT_SECRET, EnvironmentVariables, validateEnvironment } from './env.validation';

// Each namespace reads the validated, typed view of the environment (defaults applied, strings converted).
const env = (): EnvironmentVariables => validateEnvironment(process.env);

export const appConfig = registerAs('app', () => {
  const {
    NODE_ENV,
    PORT,
    LOG_LEVEL,
    CORS_ORIGINS,
    BODY_LIMIT_BYTES,
    TRUST_PROXY,
    SHUTDOWN_GRACE_MS,
    SHUTDOWN_DRAIN_MS,
    REQUEST_TIMEOUT_MS,
  } = env();
  return {
    nodeEnv: NODE_ENV,
    port: PORT,
    logLevel: LOG_LEVEL,
    corsOrigins: parseOrigins(CORS_ORIGINS),
    bodyLimitBytes: BODY_LIMIT_BYTES,
    trustProxy: TRUST_PROXY,
    shutdownGraceMs: SHUTDOWN_GRACE_MS,
    shutdownDrainMs: SHUTDOWN_DRAIN_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  };
});

export const authConfig = registerAs('auth', () => {
  const {
    JWT_SECRET,
    JWT_EXPIRES_IN,
    REFRESH_TOKEN_EXPIRES_IN,
    REFRESH_TOKEN_COOKIE,
    JWT_ALGORITHM,
    JWT_PRIVATE_KEY,
    JWT_PUBLIC_KEY,
  } = env();
  const symmetric = JWT_ALGORITHM === 'HS256';
  const secret = JWT_SECRET ?? DEV_JWT_SECRET;
  // Key objects, made once: given a string, jsonwebtoken parses it again on every sign and verify (for a secret,
  // it first tries to read it as a PEM key and catches the failure).
  const sharedKey = symmetric ? createSecretKey(Buffer.from(secret)) : undefined;
  return {
    jwtAlgorithm: JWT_ALGORITHM,
    jwtSigningKey: sharedKey ?? createPrivateKey(pem(JWT_PRIVATE_KEY)),
    jwtVerifyingKey: sharedKey ?? createPublicKey(pem(JWT_PUBLIC_KEY)),
    jwtExpiresIn: durationSeconds(JWT_EXPIRES_IN),
    refreshExpiresIn: durationSeconds(REFRESH_TOKEN_EXPIRES_IN),
    refreshCookie: REFRESH_TOKEN_COOKIE,
  };
});

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `15m`, `12h`, `7d` (already validated) in seconds. */
export function durationSeconds(duration: string): number {
  const [, amount, unit] = /^(\d+)([smhd]?)$/.exec(duration) ?? ['', '0', ''];
  return Number(amount) * UNIT_SECONDS[unit || 's'];
}

export const cacheConfig = registerAs('cache', () => {
  const { CACHE_ENABLED, CACHE_TTL_SECONDS, CACHE_MAX_ENTRIES, REDIS_URL, REDIS_KEY_PREFIX } = env();
  return {
    enabled: CACHE_ENABLED,
    ttlMs: CACHE_TTL_SECONDS * 1000,
    maxEntries: CACHE_MAX_ENTRIES,
    redisUrl: REDIS_URL,
    redisKeyPrefix: REDIS_KEY_PREFIX,
  };
});

export const rateLimitConfig = registerAs('rateLimit', () => {
  const e = env();
  return {
    enabled: e.RATE_LIMIT_ENABLED,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    readsPerMinute: e.RATE_LIMIT_READS_PER_MINUTE,
    writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
    registrationsPerHour: e.RATE_LIMIT_REGISTRATIONS_PER_HOUR,
    mailsPerHour: e.RATE_LIMIT_MAILS_PER_HOUR,
    reportsPerHour: e.RATE_LIMIT_REPORTS_PER_HOUR,
    loginFailuresPerAccount: e.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT,
    loginFailuresPerAddress: e.RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS,
    loginWindowMs: e.RATE_LIMIT_LOGIN_WINDOW_SECONDS * 1000,
  };
});

export const metricsConfig = registerAs('metrics', () => {
  const { METRICS_ENABLED, METRICS_TOKEN, METRICS_PORT } = env();
  return { enabled: METRICS_ENABLED, token: METRICS_TOKEN, port: METRICS_PORT };
});

export const mailConfig = registerAs('mail', () => {
  const e = env();
  return {
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    appUrl: e.APP_URL.replace(/\/+$/, ''),
    /** The log transport writes links (tokens) only outside production. */
    logLinks: e.NODE_ENV !== 'production',
  };
});

export const accountConfig = registerAs('account', () => {
  const e = env();
  return {
    requireEmailConfirmation: e.REQUIRE_EMAIL_CONFIRMATION,
    passwordResetTtlMs: durationSeconds(e.PASSWORD_RESET_EXPIRES_IN) * 1000,
    emailTokenTtlMs: durationSeconds(e.EMAIL_TOKEN_EXPIRES_IN) * 1000,
  };
});

export const contentConfig = registerAs('content', () => ({
  revisionsMax: env().ARTICLE_REVISIONS_MAX,
  trashRetentionMs: durationSeconds(env().TRASH_RETENTION) * 1000,
}));

export const auditConfig = registerAs('audit', () => ({
  retentionMs: env().AUDIT_RETENTION_DAYS * 86_400_000,
}));

export const mfaConfig = registerAs('mfa', () => {
  const e = env();
  return {
    encryptionKey: e.MFA_ENCRYPTION_KEY ?? e.JWT_SECRET ?? DEV_JWT_SECRET,
    challengeTtlMs: 5 * 60_000,
    challengeAttempts: 5,
  };
});

export const jobsConfig = registerAs('jobs', () => {
  const e = env();
  return {
    enabled: e.JOBS_ENABLED,
    pollIntervalMs: e.JOBS_POLL_INTERVAL_MS,
    concurrency: e.JOBS_CONCURRENCY,
    leaseMs: e.JOBS_LEASE_MS,
    maxAttempts: e.JOBS_MAX_ATTEMPTS,
    backoffBaseMs: e.JOBS_BACKOFF_BASE_MS,
    backoffMaxMs: e.JOBS_BACKOFF_MAX_MS,
    retentionMs: e.JOBS_RETENTION_DAYS * 86_400_000,
  };
});

export const healthConfig = registerAs('health', () => ({ redisUrl: env().REDIS_URL }));

export const databaseConfig = registerAs('database', () => {
  const e = env();
  return {
    url: e.DATABASE_URL,
    migrationsRun: e.MIGRATIONS_RUN,
    deadlines: {
      acquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS,
      queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS,
      queueLimit: e.DATABASE_QUEUE_LIMIT,
    },
  };
});

export function parseOrigins(value: string): string[] | '*' {
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return origins.length === 0 || origins.includes('*') ? '*' : origins;
}

function pem(value: string | undefined): string {
  return (value ?? '').replace(/\\n/g, '\n');
}
