import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Accepts an empty body sent with `Content-Type: application/json` (common for POST/DELETE without payload, e.g.
 * favorite or follow) as no body, where Fastify would answer 400. Anything else goes through Fastify's own
 * parser, which keeps rejecting malformed JSON and prototype-poisoning keys.
 */
export function acceptEmptyJsonBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) return done(null, undefined);
    return parseJson(request, body.toString(), done);
  });
}
