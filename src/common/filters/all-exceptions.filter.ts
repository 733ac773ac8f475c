import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorMap, isErrorBody, TooManyRequests } from '../errors/http-errors';
import { databaseFaultOf } from './database-fault';

/** How long clients are asked to wait before retrying while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Fastify's 415 names no field and says "Unsupported Media Type"; the API takes JSON bodies only. */
const UNSUPPORTED_MEDIA_TYPE = 'must be JSON (Content-Type: application/json)';

/** The field name used when an error carries no field of its own. */
const FIELD_BY_STATUS: Record<number, string> = {
  400: 'body',
  401: 'token',
  403: 'authorization',
  404: 'route',
  405: 'method',
  413: 'body',
  415: 'body',
  429: 'requests',
};

/**
 * Every error leaves in the RealWorld shape `{"errors": {"field": ["message"]}}`. Client errors keep their message;
 * anything unexpected is logged with the request id and answered with a bare 500 that reveals no internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, errors } = this.describe(exception, request);
    // A handler that finishes (or fails) after its request timed out finds the 503 already sent.
    if (reply.sent) {
      this.log(
        request,
        'warn',
        `request ${request?.id ?? '-'}: ${status} not sent, the request was already answered`,
      );
      return;
    }
    if (exception instanceof TooManyRequests)
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    if (status === HttpStatus.SERVICE_UNAVAILABLE)
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send({ errors });
  }

  /** Through the request's own logger when there is one (its lines carry the request id), else Nest's. */
  private log(
    request: FastifyRequest | undefined,
    level: 'warn' | 'error',
    message: string,
    error?: unknown,
  ): void {
    if (request?.log) {
      request.log[level]({ context: 'Exceptions', ...(error !== undefined && { err: error }) }, message);
    } else if (level === 'warn') {
      this.logger.warn(message);
    } else {
      this.logger.error(message, error instanceof Error ? error.stack : JSON.stringify(error));
    }
  }

  describe(exception: unknown, request: FastifyRequest): { status: HttpStatus; errors: ErrorMap } {
    const fault = databaseFaultOf(exception);
    if (fault) {
      this.log(request, 'warn', `request ${request?.id ?? '-'}: ${fault.summary}`);
      return { status: HttpStatus.SERVICE_UNAVAILABLE, errors: fault.errors };
    }
    if (isHandlerTimeout(exception)) {
      this.log(
        request,
        'warn',
        `request ${request?.id ?? '-'} ${request?.method ?? ''} ${request?.url ?? ''} timed out`,
      );
      return { status: HttpStatus.SERVICE_UNAVAILABLE, errors: { request: ['timed out, retry shortly'] } };
    }
    const status = statusOf(exception);
    if (exception instanceof HttpException && status === HttpStatus.SERVICE_UNAVAILABLE) {
      return { status, errors: { server: ['unavailable, retry shortly'] } };
    }
    if (status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      const message = `request ${request?.id ?? '-'} ${request?.method ?? ''} ${request?.url ?? ''} failed`;
      this.log(request, 'error', message, exception);
      return { status: HttpStatus.INTERNAL_SERVER_ERROR, errors: { server: ['internal error'] } };
    }
    if (exception instanceof HttpException && isErrorBody(exception.getResponse())) {
      return { status, errors: (exception.getResponse() as { errors: ErrorMap }).errors };
    }
    return { status, errors: { [FIELD_BY_STATUS[status] ?? 'request']: [clientMessage(exception, status)] } };
  }
}

/** Fastify's answer to a request that outlived REQUEST_TIMEOUT_MS (its `handlerTimeout`). */
function isHandlerTimeout(exception: unknown): boolean {
  return (exception as { code?: unknown } | undefined)?.code === 'FST_ERR_HANDLER_TIMEOUT';
}

function statusOf(exception: unknown): HttpStatus {
  if (exception instanceof HttpException) return exception.getStatus();
  // Fastify's own errors (malformed JSON, body too large, unsupported media type) carry a 4xx statusCode.
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return statusCode;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

function clientMessage(exception: unknown, status: HttpStatus): string {
  if (status === HttpStatus.NOT_FOUND) return 'not found';
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return 'is too large';
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return UNSUPPORTED_MEDIA_TYPE;
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join(', ');
    return typeof message === 'string' ? message : exception.message;
  }
  return (exception as Error)?.message ?? 'bad request';
}
