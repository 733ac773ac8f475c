import request from 'supertest';
import { registerUser, uniqueName } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { testEngine } from '../support/test-database';
import { freePort } from '../support/wait';
import { observedApp, sample } from './support';

const TOKEN = 'metrics-token-for-e2e-0123456789';

async function scrape(t: TestApp): Promise<string> {
  const res = await request(t.http).get('/metrics').expect(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return res.text;
}

describe('Metrics (e2e)', () => {
  describe('GET /metrics, default settings', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await observedApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('should be served outside /api, without a token', async () => {
      await scrape(t);
      await request(t.http).get('/api/metrics').expect(404);
    });

    it('should time requests by method, route template and status', async () => {
      const user = await registerUser(t);
      await request(t.http).get(`/api/profiles/${user.username}`).expect(200);
      await request(t.http).get(`/api/profiles/${user.username}`).expect(200);
      await request(t.http)
        .get(`/api/profiles/${uniqueName('absent')}`)
        .expect(404);
      await request(t.http)
        .get(`/api/${uniqueName('nowhere')}`)
        .expect(404);
      const text = await scrape(t);
      const profile = { method: 'GET', route: '/api/profiles/:username' };
      expect(sample(text, 'http_request_duration_seconds_count', { ...profile, status_code: '200' })).toBe(2);
      expect(sample(text, 'http_request_duration_seconds_count', { ...profile, status_code: '404' })).toBe(1);
      expect(
        sample(text, 'http_request_duration_seconds_bucket', { ...profile, status_code: '200', le: '+Inf' }),
      ).toBe(2);
      expect(
        sample(text, 'http_request_duration_seconds_sum', { ...profile, status_code: '200' }),
      ).toBeGreaterThan(0);
      expect(
        sample(text, 'http_request_duration_seconds_count', {
          method: 'GET',
          route: 'unmatched',
          status_code: '404',
        }),
      ).toBeGreaterThanOrEqual(1);
      // Templates only: a label per URL would grow without bound.
      expect(text).not.toContain(user.username);
      expect(text).not.toContain('nowhere');
    });

    it('should count requests in flight: the scrape itself, and nothing left over from finished ones', async () => {
      expect(sample(await scrape(t), 'http_requests_in_flight')).toBe(1);
      await Promise.all([1, 2, 3].map(() => request(t.http).get('/api/tags').expect(200)));
      await request(t.http).get('/api/user').expect(401);
      expect(sample(await scrape(t), 'http_requests_in_flight')).toBe(1);
    });

    it("should report the database pool of the engine's driver", async () => {
      const text = await scrape(t);
      const open = sample(text, 'db_pool_open_connections');
      const free = sample(text, 'db_pool_free_connections');
      if (testEngine() === 'sqlite') {
        expect({ open, free, max: sample(text, 'db_pool_max_connections') }).toEqual({
          open: 1,
          free: 1,
          max: 1,
        });
      } else {
        expect(sample(text, 'db_pool_max_connections')).toBe(10);
        expect(open).toBeGreaterThanOrEqual(1);
        expect(free).toBeLessThanOrEqual(open as number);
      }
      expect(sample(text, 'db_pool_queued_requests')).toBe(0);
    });

    it('should count failed queries by driver error code', async () => {
      const code = testEngine() === 'sqlite' ? 'SQLITE_ERROR' : 'ER_BAD_FIELD_ERROR';
      const before = sample(await scrape(t), 'db_query_errors_total', { code }) ?? 0;
      await expect(t.dataSource.query('SELECT no_such_column FROM users')).rejects.toThrow();
      expect(sample(await scrape(t), 'db_query_errors_total', { code })).toBe(before + 1);
    });

    it('should expose the process and runtime metrics', async () => {
      const text = await scrape(t);
      for (const name of [
        'process_cpu_user_seconds_total',
        'process_resident_memory_bytes',
        'process_start_time_seconds',
        'nodejs_heap_size_used_bytes',
        'nodejs_eventloop_lag_seconds',
      ]) {
        expect({ name, value: sample(text, name) }).toEqual({ name, value: expect.any(Number) });
      }
    });
  });

  describe('exemption from the rate limits', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await observedApp({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_READS_PER_MINUTE: '2' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer every scrape while the read budget is spent on other routes', async () => {
      for (let i = 0; i < 5; i++) await request(t.http).get('/metrics').expect(200);
      await request(t.http).get('/api/tags').expect(200);
      await request(t.http).get('/api/tags').expect(200);
      await request(t.http).get('/api/tags').expect(429);
      await request(t.http).get('/metrics').expect(200);
    });
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await observedApp({ METRICS_TOKEN: TOKEN });
    });
    afterAll(async () => {
      await t.close();
    });

    it.each([
      ['no Authorization header', undefined, 'is missing'],
      ['the RealWorld Token scheme', `Token ${TOKEN}`, 'is missing'],
      ['a wrong token', `Bearer ${TOKEN}x`, 'is invalid'],
      ['a prefix of the token', `Bearer ${TOKEN.slice(0, 10)}`, 'is invalid'],
    ])('should answer 401 in the API error shape to %s', async (_name, authorization, message) => {
      const scrapeWith = request(t.http).get('/metrics');
      if (authorization) void scrapeWith.set('Authorization', authorization);
      const res = await scrapeWith.expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ errors: { token: [message] } });
      expect(res.text).not.toContain('http_request_duration_seconds');
    });

    it('should serve the metrics to the bearer of the token', async () => {
      const res = await request(t.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');
    });
  });

  describe('with METRICS_PORT', () => {
    let t: TestApp;
    let port: number;
    let url: string;

    beforeAll(async () => {
      port = await freePort();
      url = `http://127.0.0.1:${port}`;
      t = await observedApp({ METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('should serve /metrics on that port only, with the token', async () => {
      await request(t.http).get('/api/tags').expect(200);
      const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await res.text();
      expect(
        sample(text, 'http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/tags',
          status_code: '200',
        }),
      ).toBe(1);
      expect(sample(text, 'db_pool_open_connections')).toEqual(expect.any(Number));
      const main = await request(t.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
      expect(main.body).toEqual({ errors: { route: ['not found'] } });
    });

    it('should answer 401 without the token and 404 elsewhere on that port', async () => {
      const denied = await fetch(`${url}/metrics`);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toEqual({ errors: { token: ['is missing'] } });
      const elsewhere = await fetch(`${url}/api/tags`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(elsewhere.status).toBe(404);
    });

    it('should stop listening when the application stops', async () => {
      await t.close();
      await expect(fetch(`${url}/metrics`)).rejects.toThrow();
      t = undefined as unknown as TestApp;
    });
  });

  describe('with METRICS_ENABLED=false', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await observedApp({ METRICS_ENABLED: 'false' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should not serve /metrics', async () => {
      await request(t.http).get('/api/tags').expect(200);
      const res = await request(t.http).get('/metrics').expect(404);
      expect(res.body).toEqual({ errors: { route: ['not found'] } });
    });
  });
});
