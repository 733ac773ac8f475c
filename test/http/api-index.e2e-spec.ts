import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

const { name, version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

describe('GET /api and GET / (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('should answer GET /api, without a token, with the name, the version and where the documentation is', async () => {
    const res = await request(t.http).get('/api').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
    expect(res.body).toEqual({
      name,
      version,
      links: { docs: '/docs', openapi: '/docs-json', health: '/api/health', realWorld: '/api' },
    });
  });

  it('should point to links that answer', async () => {
    const { links } = (await request(t.http).get('/api').expect(200)).body as {
      links: Record<string, string>;
    };
    await request(t.http).get(links.docs).expect(200);
    await request(t.http).get(links.openapi).expect(200);
    await request(t.http).get(links.health).expect(200);
  });

  it('should document GET /api in the OpenAPI document, as public', async () => {
    const document = (await request(t.http).get('/docs-json').expect(200)).body as {
      paths: Record<string, { get?: { operationId: string; security?: unknown } }>;
    };
    expect(document.paths['/api']?.get).toEqual(expect.objectContaining({ operationId: 'GetApiIndex' }));
    expect(document.paths['/api']?.get?.security).toBeUndefined();
  });

  it('should redirect GET / to the Swagger UI', async () => {
    const res = await request(t.http).get('/').expect(302);
    expect(res.headers.location).toBe('/docs');
  });
});

describe('GET /api with rate limits on (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_READS_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('should never be refused, where other reads are after their budget', async () => {
    for (let i = 0; i < 5; i++) await request(t.http).get('/api').expect(200);
    const reads = [];
    for (let i = 0; i < 4; i++) reads.push((await request(t.http).get('/api/tags')).status);
    expect(reads).toContain(429);
  });
});
