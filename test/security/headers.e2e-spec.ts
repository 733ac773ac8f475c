import request from 'supertest';
import { auth, registerUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const ALLOWED = 'https://app.example.com';

const headerList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

/** The CSP header as directive name → its sources. */
function cspDirectives(res: request.Response): Map<string, string[]> {
  const header = res.headers['content-security-policy'] ?? '';
  return new Map(
    header
      .split(';')
      .map((directive: string) => directive.trim().split(/\s+/))
      .filter(([name]: string[]) => name)
      .map(([name, ...sources]: string[]) => [name.toLowerCase(), sources]),
  );
}

function expectHardeningHeaders(res: request.Response): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toMatch(/^(DENY|SAMEORIGIN)$/);
  expect(res.headers['referrer-policy']).toMatch(/^(no-referrer|strict-origin|same-origin)/);
  const csp = cspDirectives(res);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toBeDefined();
  expect(csp.get('script-src')).toBeDefined();
  expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  expect(csp.has('upgrade-insecure-requests')).toBe(false);
}

/** Nothing in the headers that names the framework, the runtime or the server software. */
function expectNoFingerprint(res: request.Response): void {
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers['server']).toBeUndefined();
  expect(JSON.stringify(res.headers)).not.toMatch(/fastify|nestjs|express|node\.js|swagger/i);
}

describe('Security headers and CORS (e2e)', () => {
  describe('with an origin allowlist', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ CORS_ORIGINS: ALLOWED });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should send the helmet headers, with a CSP that does not upgrade requests, on answers and errors alike', async () => {
      const user = await registerUser(t);
      const responses = [
        await request(t.http).get('/api/tags').expect(200),
        await request(t.http)
          .get('/api/user')
          .set(...auth(user))
          .expect(200),
        await request(t.http).get('/api/user').expect(401),
        await request(t.http).get('/api/no-such-route').expect(404),
        await request(t.http).post('/api/users').send({ user: {} }).expect(422),
        await request(t.http).get('/docs').expect(200),
      ];
      responses.forEach(expectHardeningHeaders);
    });

    it('should not name the framework in headers or in error bodies', async () => {
      const responses = [
        await request(t.http).get('/api/tags').expect(200),
        await request(t.http).get('/api/no-such-route').expect(404),
        await request(t.http).delete('/api/tags').expect(405),
        await request(t.http).get('/docs').expect(200),
      ];
      responses.forEach(expectNoFingerprint);
      expect(responses[1].body).toEqual({ errors: { route: ['not found'] } });
      expect(responses[2].body).toEqual({ errors: { method: ['DELETE is not allowed on /api/tags'] } });
      for (const res of responses.slice(1, 3)) {
        expect(res.text).not.toMatch(/Cannot (GET|DELETE)|statusCode|"message"/);
      }
    });

    it('should still serve the Swagger UI as HTML whose scripts and styles all load from the same origin', async () => {
      const page = await request(t.http).get('/docs').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('id="swagger-ui"');
      // script-src 'self' blocks inline scripts: every script must be a same-origin file.
      const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, content] of scripts) {
        expect(attributes).toMatch(/\bsrc="[^"]+"/);
        expect(content.trim()).toBe('');
      }
      const assets = [...page.text.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+\.(?:js|css))"/gi)];
      expect(assets.length).toBeGreaterThanOrEqual(3);
      for (const [, href] of assets) {
        expect(href).not.toMatch(/^(https?:)?\/\//);
        const asset = await request(t.http).get(new URL(href, 'http://localhost/docs').pathname);
        expect({ href, status: asset.status }).toEqual({ href, status: 200 });
        expect(asset.headers['content-type']).toMatch(/javascript|css/);
      }
      await request(t.http).get('/docs-json').expect(200);
    });

    it('should echo a listed origin, vary on Origin, expose Retry-After and never allow credentials', async () => {
      const user = await registerUser(t);
      const responses = [
        await request(t.http).get('/api/tags').set('Origin', ALLOWED).expect(200),
        await request(t.http)
          .get('/api/user')
          .set(...auth(user))
          .set('Origin', ALLOWED)
          .set('Cookie', 'session=abc')
          .expect(200),
        await request(t.http).get('/api/user').set('Origin', ALLOWED).expect(401),
      ];
      for (const res of responses) {
        expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
        expect(headerList(res.headers['vary'])).toContain('origin');
        expect(res.headers['access-control-allow-credentials']).toBeUndefined();
        expect(headerList(res.headers['access-control-expose-headers'])).toContain('retry-after');
      }
    });

    it('should answer a preflight from a listed origin with 204, the allowed methods and headers, and no credentials', async () => {
      const res = await request(t.http)
        .options('/api/articles/some-slug')
        .set('Origin', ALLOWED)
        .set('Access-Control-Request-Method', 'PUT')
        .set('Access-Control-Request-Headers', 'Authorization, Content-Type, X-Request-Id');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(headerList(res.headers['access-control-allow-headers'])).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'x-request-id']),
      );
      // PATCH too: `nest g resource` updates with PATCH.
      expect(headerList(res.headers['access-control-allow-methods'])).toEqual(
        expect.arrayContaining(['get', 'post', 'put', 'patch', 'delete']),
      );
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.text).toBe('');
    });

    it.each([
      'https://evil.example.net',
      'https://app.example.com.evil.net',
      'https://evilapp.example.com',
      'http://app.example.com',
      'https://app.example.com:8443',
      'null',
    ])('should give the unlisted origin %p no Access-Control-Allow-Origin', async (origin) => {
      const preflight = await request(t.http)
        .options('/api/user')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'PUT')
        .set('Access-Control-Request-Headers', 'authorization');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      const simple = await request(t.http).get('/api/tags').set('Origin', origin).expect(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    });
  });

  describe('with any origin allowed (the development default)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ CORS_ORIGINS: '*' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer "*" and still never allow credentials, on preflights and on requests', async () => {
      const preflight = await request(t.http)
        .options('/api/user')
        .set('Origin', 'https://anywhere.example.org')
        .set('Access-Control-Request-Method', 'PUT')
        .set('Access-Control-Request-Headers', 'authorization, content-type');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      const simple = await request(t.http)
        .get('/api/tags')
        .set('Origin', 'https://anywhere.example.org')
        .set('Cookie', 'session=abc')
        .expect(200);
      expect(simple.headers['access-control-allow-origin']).toBe('*');
      expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    });
  });
});
