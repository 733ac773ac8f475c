import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { observedApp } from '../observability/support';
import { describeWithPrivateRedis, PrivateRedis } from '../support/private-redis';
import { describeWithRedis, openTestRedis, TestRedis } from '../support/test-redis';

/** Redis on a port nothing listens on (1 is never served on these machines). */
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';

const outage = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });

describe('Liveness and readiness (e2e)', () => {
  describe('without Redis', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await observedApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('should answer live with 200, consulting nothing, even while the database is down', async () => {
      const probe = jest.spyOn(t.dataSource, 'query').mockRejectedValue(outage());
      try {
        const res = await request(t.http).get('/api/health/live').expect(200);
        expect(res.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
        expect(res.headers['cache-control']).toBe('no-store');
        expect(probe).not.toHaveBeenCalled();
        // The same outage makes the instance unready: live ignored it rather than missing it.
        await request(t.http).get('/api/health/ready').expect(503);
      } finally {
        probe.mockRestore();
      }
    });

    it('should answer ready with 200 and the database up', async () => {
      const res = await request(t.http).get('/api/health/ready').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        status: 'ok',
        info: { database: { status: 'up' } },
        error: {},
        details: { database: { status: 'up' } },
      });
    });

    it('should answer ready with 503 when the database refuses, without revealing the error', async () => {
      const probe = jest.spyOn(t.dataSource, 'query').mockRejectedValueOnce(outage());
      try {
        const res = await request(t.http).get('/api/health/ready').expect(503);
        expect(res.body).toEqual({
          status: 'error',
          info: {},
          error: { database: { status: 'down' } },
          details: { database: { status: 'down' } },
        });
        expect(res.text).not.toContain('ECONNREFUSED');
      } finally {
        probe.mockRestore();
      }
    });

    it('should answer ready with 503 within 2 s when the database does not answer at all', async () => {
      const probe = jest
        .spyOn(t.dataSource, 'query')
        .mockImplementationOnce(() => new Promise(() => undefined));
      try {
        const started = Date.now();
        const res = await request(t.http).get('/api/health/ready').expect(503);
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(res.body.details).toEqual({ database: { status: 'down' } });
      } finally {
        probe.mockRestore();
      }
    });
  });

  describe('with REDIS_URL unreachable', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await observedApp({ REDIS_URL: UNREACHABLE_REDIS });
    });
    afterAll(async () => {
      await t.close();
      delete process.env.REDIS_URL;
    });

    it('should answer ready with 503 within 2 s, Redis down and the database up', async () => {
      const started = Date.now();
      const res = await request(t.http).get('/api/health/ready').expect(503);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(res.body).toEqual({
        status: 'error',
        info: { database: { status: 'up' } },
        error: { redis: { status: 'down' } },
        details: { database: { status: 'up' }, redis: { status: 'down' } },
      });
    });

    it('should answer GET /api/health with 503 and Redis down, in its summary shape', async () => {
      const res = await request(t.http).get('/api/health').expect(503);
      expect(res.body).toEqual({
        status: 'unavailable',
        database: { state: 'up', engine: expect.any(String) },
        redis: { state: 'down' },
      });
    });

    it('should stay live', async () => {
      await request(t.http).get('/api/health/live').expect(200);
    });
  });

  describeWithRedis('with REDIS_URL reachable', () => {
    let redis: TestRedis;
    let t: TestApp;

    beforeAll(async () => {
      redis = await openTestRedis();
      t = await observedApp(redis.env);
    });
    afterAll(async () => {
      await t.close();
      await redis.close();
      delete process.env.REDIS_URL;
      delete process.env.REDIS_KEY_PREFIX;
    });

    it('should answer ready with 200, the database and Redis up', async () => {
      const res = await request(t.http).get('/api/health/ready').expect(200);
      expect(res.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
      const summary = await request(t.http).get('/api/health').expect(200);
      expect(summary.body).toEqual({
        status: 'ok',
        database: { state: 'up', engine: expect.any(String) },
        redis: { state: 'up' },
      });
    });
  });

  describeWithPrivateRedis('with REDIS_URL frozen (a private Redis, SIGSTOP)', () => {
    let redis: PrivateRedis;
    let t: TestApp;

    beforeAll(async () => {
      redis = await PrivateRedis.create();
      // Rate limiting on, with its counters in that Redis: the probes must not wait for them.
      t = await observedApp({ REDIS_URL: redis.url, RATE_LIMIT_ENABLED: 'true' });
      await request(t.http).get('/api/health/ready').expect(200);
      redis.freeze();
    });
    afterAll(async () => {
      redis?.thaw();
      await t?.close();
      await redis?.stop();
      delete process.env.REDIS_URL;
    });

    it('should answer ready with 503 within the probe bound (1.5 s), not a rate-limit lookup later', async () => {
      const started = Date.now();
      const res = await request(t.http).get('/api/health/ready').expect(503);
      expect(Date.now() - started).toBeLessThan(1_900);
      expect(res.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'down' } });
    });

    it('should answer live at once', async () => {
      const started = Date.now();
      await request(t.http).get('/api/health/live').expect(200);
      expect(Date.now() - started).toBeLessThan(300);
    });
  });
});
