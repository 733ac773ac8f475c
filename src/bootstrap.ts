import helmet from '@fastify/helmet';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigType } from '@nestjs/config';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation/validation.pipe';
import { appConfig } from './config/configuration';
import { validateEnvironment } from './config/env.validation';
import { closeConnectionsWhenStopping } from './shutdown';
import { acceptEmptyJsonBodies } from './common/http/lenient-json';

export const API_PREFIX = 'api';

/** Builds the whole application (used by main.ts and by the e2e tests, so both run the same thing). */
export async function createApp(options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  // The body limit belongs to the HTTP adapter, which exists before the DI container; validate early to read it.
  const { BODY_LIMIT_BYTES, LOG_LEVEL, TRUST_PROXY } = validateEnvironment(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: TRUST_PROXY,
    // Slugs may be up to 255 characters, which percent-encoding can triple.
    routerOptions: { maxParamLength: 1024 },
    // Errors Fastify raises before routing (malformed URL, over-long parameter) get the API's error shape too.
    frameworkErrors: (error: { statusCode?: number }, _request: unknown, reply: FastifyReply) => {
      void reply.status(error.statusCode ?? 400).send({ errors: { url: ['is invalid'] } });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: options.logger === false ? false : nestLogLevels(LOG_LEVEL),
    // Fastify's own JSON parser is kept (see acceptEmptyJsonBodies); the API takes no other body type.
    bodyParser: false,
  });
  const config = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  await app.register(helmet, {
    // Swagger UI is served over plain HTTP in development; upgrading its requests would blank the page.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  closeConnectionsWhenStopping(app);
  acceptEmptyJsonBodies(app);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({
    // Tokens travel in the Authorization header, never in cookies: credentials are never allowed cross-origin.
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  setupSwagger(app);
  return app;
}

const LEVELS_BY_SEVERITY: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const SEVERITY: Record<string, number> = {
  fatal: 1,
  error: 2,
  warn: 3,
  info: 4,
  debug: 5,
  trace: 6,
  silent: 0,
};

/** LOG_LEVEL names the least severe level still written (info = Nest's "log"). */
export function nestLogLevels(level: string): LogLevel[] | false {
  const count = SEVERITY[level] ?? SEVERITY.info;
  return count === 0 ? false : LEVELS_BY_SEVERITY.slice(0, count);
}

/**
 * The OpenAPI document of the application's routes, built from its controllers' decorators. `npm run openapi`
 * writes it to openapi.json without serving it; setupSwagger serves the same document.
 */
export function buildOpenApiDocument(
  app: NestFastifyApplication,
): ReturnType<typeof SwaggerModule.createDocument> {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Folio API')
      .setDescription(
        'A content-publishing back end speaking the RealWorld (Conduit) API. ' +
          'Authenticate with `Authorization: Token <jwt>` or `Authorization: Bearer <jwt>`; ' +
          'errors come as `{"errors": {"field": ["message"]}}`.',
      )
      .setVersion('1.0.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
}

export function setupSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
