import { registerAs } from '@nestjs/config';
import { DEV_JWT_SECRET, EnvironmentVariables, validateEnvironment } from './env.validation';

// Each namespace reads the validated, typed view of the environment (defaults applied, strings converted).
const env = (): EnvironmentVariables => validateEnvironment(process.env);

export const appConfig = registerAs('app', () => {
  const { NODE_ENV, PORT, LOG_LEVEL, CORS_ORIGINS, BODY_LIMIT_BYTES } = env();
  return {
    nodeEnv: NODE_ENV,
    port: PORT,
    logLevel: LOG_LEVEL,
    corsOrigins: parseOrigins(CORS_ORIGINS),
    bodyLimitBytes: BODY_LIMIT_BYTES,
  };
});

export const authConfig = registerAs('auth', () => {
  const { JWT_SECRET, JWT_EXPIRES_IN } = env();
  // A bare number is seconds (jsonwebtoken would read a numeric string as milliseconds).
  const jwtExpiresIn = /^\d+$/.test(JWT_EXPIRES_IN) ? Number(JWT_EXPIRES_IN) : JWT_EXPIRES_IN;
  return { jwtSecret: JWT_SECRET ?? DEV_JWT_SECRET, jwtExpiresIn };
});

export const databaseConfig = registerAs('database', () => {
  const { DATABASE_URL, MIGRATIONS_RUN } = env();
  return { url: DATABASE_URL, migrationsRun: MIGRATIONS_RUN };
});

export function parseOrigins(value: string): string[] | '*' {
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return origins.length === 0 || origins.includes('*') ? '*' : origins;
}
