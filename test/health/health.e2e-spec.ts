import request from 'supertest';
import { declaredRoutes } from '../support/routes';
import { createTestApp, TestApp } from '../support/test-app';
import { testEngine } from '../support/test-database';

interface OpenApiOperation {
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}

/** The TypeORM driver the health report should name for the engine under test. */
function expectedDriver(): string {
  if (testEngine() === 'sqlite') return 'better-sqlite3';
  return new URL(process.env.TEST_DATABASE_URL as string).protocol === 'mariadb:' ? 'mariadb' : 'mysql';
}

describe('Health and API documentation (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /api/health', () => {
    it('should answer 200 with status ok and the database up, without a token', async () => {
      const res = await request(t.http).get('/api/health').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ status: 'ok', database: { state: 'up', engine: expectedDriver() } });
    });

    it('should answer 503 with the database down when the database does not answer', async () => {
      const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), {
        code: 'ECONNREFUSED',
      });
      const probe = jest.spyOn(t.dataSource, 'query').mockRejectedValueOnce(outage);
      try {
        const res = await request(t.http).get('/api/health').expect(503);
        expect(probe).toHaveBeenCalled();
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toEqual({
          status: 'unavailable',
          database: { state: 'down', engine: expectedDriver() },
        });
      } finally {
        probe.mockRestore();
      }
      await request(t.http).get('/api/health').expect(200);
    });
  });

  describe('Swagger', () => {
    let document: {
      openapi: string;
      paths: Record<string, Record<string, OpenApiOperation>>;
      components: { securitySchemes?: Record<string, Record<string, unknown>> };
    };

    beforeAll(async () => {
      const res = await request(t.http).get('/docs-json').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      document = res.body;
    });

    it('should serve the Swagger UI as HTML at /docs', async () => {
      const res = await request(t.http).get('/docs').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toMatch(/<html/i);
      expect(res.text).toContain('swagger-ui');
    });

    it('should serve an OpenAPI 3 document at /docs-json', () => {
      expect(document.openapi).toMatch(/^3\./);
      expect(typeof document.paths).toBe('object');
    });

    it('should document the users, user, profiles and health routes', () => {
      const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(documented).toEqual(
        expect.arrayContaining([
          'POST /api/users',
          'POST /api/users/login',
          'GET /api/user',
          'PUT /api/user',
          'GET /api/profiles/{username}',
          'POST /api/profiles/{username}/follow',
          'DELETE /api/profiles/{username}/follow',
          'GET /api/health',
        ]),
      );
    });

    it('should document every route that a controller declares', () => {
      const routes = declaredRoutes(t);
      // The discovery itself must see the routes, or this test would pass on an empty list.
      expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
        expect.arrayContaining(['post /api/users/login', 'delete /api/profiles/{username}/follow']),
      );
      const undocumented = routes
        .filter((route) => document.paths[route.path]?.[route.method] === undefined)
        .map((route) => `${route.method.toUpperCase()} ${route.path}`);
      expect(undocumented).toEqual([]);
    });

    it('should declare the bearer security scheme and require it on every guarded route', () => {
      expect(document.components.securitySchemes).toEqual({
        bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
        metrics: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      });
      const guarded = declaredRoutes(t).filter((route) => route.auth === 'required');
      expect(guarded.length).toBeGreaterThan(0);
      const unsecured = guarded
        .filter((route) => {
          const operation = document.paths[route.path]?.[route.method];
          return !operation?.security?.some((requirement) => 'bearer' in requirement);
        })
        .map((route) => `${route.method.toUpperCase()} ${route.path}`);
      expect(unsecured).toEqual([]);
    });

    it('should document the 401 answer of every guarded route', () => {
      const guarded = declaredRoutes(t).filter((route) => route.auth === 'required');
      expect(guarded.length).toBeGreaterThan(0);
      const without401 = guarded
        .filter((route) => document.paths[route.path]?.[route.method]?.responses['401'] === undefined)
        .map((route) => `${route.method.toUpperCase()} ${route.path}`);
      expect(without401).toEqual([]);
    });
  });
});
