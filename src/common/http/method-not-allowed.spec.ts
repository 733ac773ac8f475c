import fastify, { type FastifyInstance } from 'fastify';
import { RouteMethods } from './method-not-allowed';

describe('RouteMethods', () => {
  let app: FastifyInstance;
  let methods: RouteMethods;

  beforeAll(async () => {
    app = fastify();
    methods = new RouteMethods(app);
    const ok = async (): Promise<string> => 'ok';
    app.get('/api/articles/:slug', ok);
    app.put('/api/articles/:slug', ok);
    app.delete('/api/articles/:slug', ok);
    app.post('/api/users/login', ok);
    app.get('/docs/*', ok);
    // As @fastify/cors routes preflights.
    app.options('*', ok);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('should list the methods of a parameterised path in Allow order, HEAD beside GET and OPTIONS everywhere', () => {
    expect(methods.allowedAt('PATCH', '/api/articles/some-slug?x=1')).toEqual([
      'GET',
      'HEAD',
      'PUT',
      'DELETE',
      'OPTIONS',
    ]);
    expect(methods.allowedAt('GET', '/api/users/login')).toEqual(['POST', 'OPTIONS']);
  });

  it('should give nothing for an unknown path, which stays a 404', () => {
    expect(methods.allowedAt('GET', '/api/nothing/here')).toEqual([]);
    expect(methods.allowedAt('PATCH', '/api/articles/a/b')).toEqual([]);
  });

  it("should give nothing when the request's own method is routed there (a route that found nothing)", () => {
    expect(methods.allowedAt('GET', '/docs/missing.js')).toEqual([]);
  });

  it('should give nothing to OPTIONS, routed everywhere: a declined preflight keeps its answer', () => {
    expect(methods.allowedAt('OPTIONS', '/api/articles/some-slug')).toEqual([]);
  });
});
