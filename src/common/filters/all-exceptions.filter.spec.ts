import {
  ArgumentsHost,
  BadRequestException,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { TooManyRequests, unprocessable } from '../errors/http-errors';
import { AllExceptionsFilter } from './all-exceptions.filter';

interface Captured {
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
}

function fakeHost(captured: Captured): ArgumentsHost {
  const reply = {
    status(code: number) {
      captured.status = code;
      return reply;
    },
    header(name: string, value: string) {
      captured.headers[name.toLowerCase()] = value;
      return reply;
    },
    send(body: unknown) {
      captured.body = body;
      return reply;
    },
  };
  const request = { id: 'req-123', method: 'GET', url: '/api/profiles/jake' };
  return {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => request }),
  } as unknown as ArgumentsHost;
}

describe('AllExceptionsFilter', () => {
  const filter = new AllExceptionsFilter();
  let logged: jest.SpyInstance;
  let warned: jest.SpyInstance;

  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    logged.mockRestore();
    warned.mockRestore();
  });

  function answer(exception: unknown): Captured {
    const captured: Captured = { headers: {} };
    filter.catch(exception, fakeHost(captured));
    return captured;
  }

  it('should answer an unexpected Error with a bare 500 that leaks nothing', () => {
    const secret = "ER_ACCESS_DENIED_ERROR: Access denied for user 'folio'@'10.0.0.5'";
    const { status, body, headers } = answer(new Error(secret));
    expect(status).toBe(500);
    expect(body).toEqual({ errors: { server: ['internal error'] } });
    expect(JSON.stringify(body)).not.toContain('ER_ACCESS_DENIED_ERROR');
    expect(headers['content-type']).toMatch(/^application\/json/);
  });

  it('should log an unexpected Error with the request id and its stack', () => {
    const error = new Error('database unreachable');
    answer(error);
    expect(logged).toHaveBeenCalledTimes(1);
    const [message, trace] = logged.mock.calls[0];
    expect(message).toContain('req-123');
    expect(trace).toBe(error.stack);
  });

  it("should log through the request's own logger when it has one", () => {
    const requestLog = { error: jest.fn(), warn: jest.fn() };
    const reply = { status: () => reply, header: () => reply, send: () => reply };
    const request = { id: 'req-9', method: 'GET', url: '/api/tags', log: requestLog };
    const host = {
      switchToHttp: () => ({ getResponse: () => reply, getRequest: () => request }),
    } as unknown as ArgumentsHost;
    const error = new Error('disk on fire');
    filter.catch(error, host);
    expect(requestLog.error).toHaveBeenCalledWith(
      { context: 'Exceptions', err: error },
      expect.stringContaining('req-9'),
    );
    expect(logged).not.toHaveBeenCalled();
  });

  it('should answer thrown non-errors and errors with a 5xx statusCode as a bare 500', () => {
    for (const thrown of ['a string', null, { statusCode: 503, message: 'upstream down' }]) {
      const { status, body } = answer(thrown);
      expect(status).toBe(500);
      expect(body).toEqual({ errors: { server: ['internal error'] } });
    }
  });

  it('should pass an HttpException that carries an {errors} body through unchanged', () => {
    const errors = {
      email: ['has already been taken'],
      username: ['is too long (maximum is 64 characters)'],
    };
    const { status, body } = answer(new HttpException({ errors }, HttpStatus.CONFLICT));
    expect(status).toBe(409);
    expect(body).toEqual({ errors });
    expect(logged).not.toHaveBeenCalled();
  });

  it('should pass an error built by the http-errors helpers through with its status', () => {
    const { status, body } = answer(unprocessable({ username: ['cannot follow yourself'] }));
    expect(status).toBe(422);
    expect(body).toEqual({ errors: { username: ['cannot follow yourself'] } });
  });

  it('should put a client error without an {errors} body in the RealWorld shape', () => {
    expect(answer(new NotFoundException('Cannot GET /api/nope'))).toMatchObject({
      status: 404,
      body: { errors: { route: ['not found'] } },
    });
    expect(answer(new PayloadTooLargeException())).toMatchObject({
      status: 413,
      body: { errors: { body: ['is too large'] } },
    });
    expect(answer(new BadRequestException('Unexpected end of JSON input'))).toMatchObject({
      status: 400,
      body: { errors: { body: ['Unexpected end of JSON input'] } },
    });
  });

  it('should keep the 4xx status of a framework error that carries a statusCode', () => {
    const fastifyError = Object.assign(new Error('Unsupported Media Type: application/xml'), {
      statusCode: 415,
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    });
    const { status, body } = answer(fastifyError);
    expect(status).toBe(415);
    expect(body).toEqual({ errors: { body: ['must be JSON (Content-Type: application/json)'] } });
  });

  it('should answer an unreachable database with 503, a Retry-After and no driver details', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:3306'), { code: 'ECONNREFUSED' });
    const { status, body, headers } = answer(new QueryFailedError('SELECT 1', [], refused));
    expect(status).toBe(503);
    expect(body).toEqual({ errors: { database: [expect.any(String)] } });
    expect(JSON.stringify(body)).not.toContain('10.0.0.5');
    expect(Number(headers['retry-after'])).toBeGreaterThan(0);
    expect(logged).not.toHaveBeenCalled();
  });

  it('should answer a 503 HttpException with 503 and a Retry-After', () => {
    const { status, body, headers } = answer(
      new HttpException('maintenance', HttpStatus.SERVICE_UNAVAILABLE),
    );
    expect(status).toBe(503);
    expect(body).toEqual({ errors: { server: [expect.any(String)] } });
    expect(headers['retry-after']).toBeDefined();
  });

  it('should answer TooManyRequests with 429, its errors and its Retry-After', () => {
    const { status, body, headers } = answer(
      new TooManyRequests(42, { credentials: ['too many failed sign-ins, retry in 42 s'] }),
    );
    expect(status).toBe(429);
    expect(body).toEqual({ errors: { credentials: ['too many failed sign-ins, retry in 42 s'] } });
    expect(headers['retry-after']).toBe('42');
  });

  it('should not add a Retry-After to other errors', () => {
    expect(answer(new Error('boom')).headers['retry-after']).toBeUndefined();
    expect(answer(unprocessable({ title: ["can't be blank"] })).headers['retry-after']).toBeUndefined();
  });
});
