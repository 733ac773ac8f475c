import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from '../client-info';

export const USER_AGENT_MAX = 255;

/** The request's address, User-Agent and id (see ClientInfo). */
export const Client = createParamDecorator((_data: unknown, context: ExecutionContext): ClientInfo =>
  clientOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

export function clientOf(request: Pick<FastifyRequest, 'ip' | 'id' | 'headers'>): ClientInfo {
  const agent = request.headers['user-agent'];
  return {
    address: request.ip,
    userAgent: typeof agent === 'string' && agent !== '' ? agent.slice(0, USER_AGENT_MAX) : null,
    requestId: String(request.id),
  };
}
