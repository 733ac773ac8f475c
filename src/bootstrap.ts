import { NestFactory } from '@nestjs/core';
import { ConfigType } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HelmetOptions } from 'helmet';
import type { Socket } from 'node:net';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from './app.module';
import { StartupFailure } from './common/errors/startup-failure';
import { createValidationPipe } from './common/validation/validation.pipe';
import { appConfig, authConfig } from './config/configuration';
import { validateEnvironment } from './config/env.validation';
import { AccessLogController } from './observability/logging/access-log.controller';
import { REQUEST_ID_HEADER, requestIdFor } from './observability/logging/request-id';
import { PinoNestLogger } from './observability/logging/pino-nest-logger';
import { createAccessLogger, createRootLogger } from './observability/logging/root-logger';
import { METRICS_SECURITY_SCHEME } from './observability/metrics/metrics-security';
import { observeRequests } from './observability/request-observer';
import { prepareGracefulShutdown } from './shutdown';
import { acceptEmptyJsonBodies } from './common/http/lenient-json';
import { closeLingeringAfterEarlyAnswers } from './common/http/lingering-close';
import { addSecurityHeaders, helmetHeaders } from './common/http/security-headers';
import { answerClientError } from './common/http/client-error-answer';
import { FolioFastifyAdapter } from './common/http/method-not-allowed';
import { API_PREFIX, PATHS } from './common/http/paths';
import { keepTimeoutAfterBodies } from './common/http/request-timeout';
import { UnparsedRequests } from './observability/unparsed-requests';

export { API_PREFIX };
/** Routes served outside the /api prefix (as Swagger's /docs is): the operational ones. */
export const UNPREFIXED_ROUTES = [PATHS.metrics.slice(1)];

const SECURITY_HEADERS: HelmetOptions = {
  // Swagger UI is served over plain HTTP in development; upgrading its requests would blank the page.
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};

export interface CreateAppOptions {
  /** false: no logs at all (the e2e tests' default). */
  logger?: false;
  /** Where log lines go instead of standard output. */
  logStream?: DestinationStream;
}

/** Builds the whole application (used by main.ts and by the e2e tests, so both run the same thing). */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  // The HTTP adapter (body limit, logger, request ids) exists before the DI container; validate early to build it.
  const { BODY_LIMIT_BYTES, LOG_LEVEL, NODE_ENV, REQUEST_TIMEOUT_MS, TRUST_PROXY } = validEnvironment();
  const logsOff = options.logger === false;
  const rootLogger = createRootLogger({
    level: logsOff ? 'silent' : LOG_LEVEL,
    pretty: prettyLogs(NODE_ENV),
    stream: options.logStream,
  });
  const unparsedRequests = new UnparsedRequests(rootLogger);
  const securityHeaders = helmetHeaders(SECURITY_HEADERS);
  const adapter = new FolioFastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A request not answered in time gets a 503 (see AllExceptionsFilter), though its handler runs on; requests with
    // a body need keepTimeoutAfterBodies (below) for it.
    handlerTimeout: REQUEST_TIMEOUT_MS,
    trustProxy: TRUST_PROXY,
    loggerInstance: rootLogger,
    logController: new AccessLogController(createAccessLogger(rootLogger)),
    genReqId: requestIdFor,
    // Slugs may be up to 255 characters, which percent-encoding can triple.
    routerOptions: { maxParamLength: 1024 },
    // Fastify's own 503 while it closes has Fastify's body; stopGracefully answers those requests in the API's shape.
    return503OnClosing: false,
    // Errors Fastify raises before routing (malformed URL, over-long parameter) get the API's error shape too.
    frameworkErrors: (error: { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
      void reply
        .status(error.statusCode ?? 400)
        .header(REQUEST_ID_HEADER, request.id)
        .send({ errors: { url: ['is invalid'] } });
    },
    // Requests Node cannot parse get the API's error shape (Fastify's default writes its own), a log line and a count.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      const answer = answerClientError(error, socket, securityHeaders);
      if (answer) unparsedRequests.observe(answer);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: logsOff ? false : new PinoNestLogger(rootLogger),
    // A failed start is thrown to the caller (main.ts logs it as one line), not logged by Nest and exited on.
    abortOnError: false,
    // Fastify's own JSON parser is kept (see acceptEmptyJsonBodies); the API takes no other body type.
    bodyParser: false,
  });
  observeRequests(app, unparsedRequests);
  const config = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  const { refreshCookie } = app.get<ConfigType<typeof authConfig>>(authConfig.KEY);
  addSecurityHeaders(app.getHttpAdapter().getInstance(), SECURITY_HEADERS);
  prepareGracefulShutdown(app);
  closeLingeringAfterEarlyAnswers(app.getHttpAdapter().getInstance());
  acceptEmptyJsonBodies(app);
  keepTimeoutAfterBodies(app.getHttpAdapter().getInstance(), REQUEST_TIMEOUT_MS);
  // Fastify parses text/plain too by default; the API takes JSON only, so any other body type is a 415.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({
    // Access tokens travel in the Authorization header. Only browser mode's refresh cookie needs credentials, and only
    // from the listed origins (never with "*").
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
    credentials: refreshCookie && config.corsOrigins !== '*',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'X-CSRF-Token'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  setupSwagger(app);
  redirectRootToDocs(app);
  return app;
}

/** The environment, validated; a problem stops the start with a message naming each variable. */
function validEnvironment(): ReturnType<typeof validateEnvironment> {
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    throw new StartupFailure((error as Error).message, { cause: error });
  }
}

/** Human-readable log lines for a developer watching a terminal; JSON lines everywhere else (files, collectors). */
export function prettyLogs(nodeEnv: string | undefined): boolean {
  return (nodeEnv ?? 'development') === 'development' && process.stdout.isTTY === true;
}

/** For a start that failed before (or while) the application's logger existed: its fatal line. */
export function startupLogger(): Logger {
  return createRootLogger({ level: 'fatal', pretty: prettyLogs(process.env.NODE_ENV) });
}

/** `/` is nothing of its own: a browser opening the bare host lands on the API's documentation. */
function redirectRootToDocs(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .get('/', (_request, reply) => reply.redirect(PATHS.docs, 302));
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
      .addSecurity(METRICS_SECURITY_SCHEME, {
        type: 'http',
        scheme: 'bearer',
        description: 'METRICS_TOKEN, for GET /metrics when it is set',
      })
      .build(),
  );
}

export function setupSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup(PATHS.docs.slice(1), app, buildOpenApiDocument(app), {
    jsonDocumentUrl: PATHS.openApiJson.slice(1),
    swaggerOptions: { requestInterceptor: repeatCsrfCookie },
  });
}

/**
 * Runs in the browser (Swagger UI serialises it): in browser mode, "Try it out" on the refresh route sends the
 * folio_csrf cookie back as X-CSRF-Token, as a front end does. Shipped as its compiled source text, so it
 * uses nothing outside itself.
 */
function repeatCsrfCookie(request: { headers: Record<string, string> }): { headers: Record<string, string> } {
  const page = globalThis as unknown as { document: { cookie: string } };
  const match = /(?:^|;\s*)folio_csrf=([^;]+)/.exec(page.document.cookie);
  if (match) request.headers['X-CSRF-Token'] = match[1];
  return request;
}
