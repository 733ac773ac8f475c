import request from 'supertest';
import { RouteMethods } from '../../src/common/http/method-not-allowed';
import { auth, registerUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const ORIGIN = 'https://app.example.com';

describe('A method a known path does not serve (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: ORIGIN });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('is a 405', () => {
    it.each([
      ['patch', '/api/articles/some-slug', 'GET, HEAD, PUT, DELETE, OPTIONS'],
      ['post', '/api/tags', 'GET, HEAD, OPTIONS'],
      ['get', '/api/users/login', 'POST, OPTIONS'],
      ['patch', '/api/user', 'GET, HEAD, PUT, DELETE, OPTIONS'],
      ['put', '/api/articles/some-slug/comments/12', 'DELETE, OPTIONS'],
      ['get', '/api/articles/some-slug/restore', 'POST, OPTIONS'],
      ['post', '/api', 'GET, HEAD, OPTIONS'],
      ['delete', '/', 'GET, HEAD, OPTIONS'],
    ] as const)(
      'should answer %s %s with 405, Allow: %s and the error shape',
      async (method, path, allow) => {
        const res = await request(t.http)[method](path).set('X-Request-Id', 'wrong-method-1').expect(405);
        expect(res.headers.allow).toBe(allow);
        expect(res.headers['content-type']).toMatch(/^application\/json\b/);
        expect(res.headers['x-request-id']).toBe('wrong-method-1');
        expect(res.body).toEqual({
          errors: { method: [`${method.toUpperCase()} is not allowed on ${path}`] },
        });
      },
    );

    it('should name the path without its query', async () => {
      const res = await request(t.http).patch('/api/articles/some-slug?token=abc').expect(405);
      expect(res.body).toEqual({ errors: { method: ['PATCH is not allowed on /api/articles/some-slug'] } });
    });

    it('should answer HEAD on a route without GET with 405 and no body', async () => {
      const res = await request(t.http).head('/api/users/login').expect(405);
      expect(res.headers.allow).toBe('POST, OPTIONS');
      expect(res.text).toBeUndefined();
    });

    it('should carry the CORS headers, so a browser can read the 405', async () => {
      const res = await request(t.http).patch('/api/articles/some-slug').set('Origin', ORIGIN).expect(405);
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    });
  });

  describe('changes nothing else', () => {
    it.each([
      ['get', '/api/nothing/here'],
      ['patch', '/api/nothing/here'],
      ['get', '/api/articles/a/b/c'],
      ['post', '/nowhere'],
    ] as const)('should answer %s %s (an unknown path) with 404 and no Allow', async (method, path) => {
      const res = await request(t.http)[method](path).expect(404);
      expect(res.headers.allow).toBeUndefined();
      expect(res.body).toEqual({ errors: { route: ['not found'] } });
    });

    it('should answer a file missing under /docs (a route that found nothing) with 404', async () => {
      const res = await request(t.http).get('/docs/no-such-file.js').expect(404);
      expect(res.headers.allow).toBeUndefined();
    });

    it('should answer a CORS preflight for a method the path lacks as a preflight (204), not 405', async () => {
      const res = await request(t.http)
        .options('/api/articles/some-slug')
        .set('Origin', ORIGIN)
        .set('Access-Control-Request-Method', 'PATCH')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(res.headers.allow).toBeUndefined();
    });

    it('should look nothing up for requests that match a route, however they are answered', async () => {
      const lookups = jest.spyOn(RouteMethods.prototype, 'allowedAt');
      try {
        const user = await registerUser(t);
        await request(t.http).get('/api/tags').expect(200);
        await request(t.http).get('/api/articles/no-such-article').expect(404);
        await request(t.http)
          .put('/api/user')
          .set(...auth(user))
          .send({ user: { bio: 'hello' } })
          .expect(200);
        await request(t.http).get('/api/user').expect(401);
        expect(lookups).not.toHaveBeenCalled();
        await request(t.http).patch('/api/user').expect(405);
        expect(lookups).toHaveBeenCalledTimes(1);
      } finally {
        lookups.mockRestore();
      }
    });
  });
});
