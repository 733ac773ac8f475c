import request from 'supertest';
import { registerUser, uniqueName } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { LogCapture, observedApp } from './support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Request ids and logs (e2e)', () => {
  const logs = new LogCapture();
  let t: TestApp;

  // One app for the whole file: its log stream collects every line the tests look for.
  beforeAll(async () => {
    t = await observedApp({ LOG_LEVEL: 'info' }, { logStream: logs });
  });
  afterAll(async () => {
    await t.close();
  });

  /** The access line of the request that answered with `id`, once Fastify has written it. */
  async function accessLine(id: string): Promise<Record<string, unknown>> {
    const find = (): Record<string, unknown> | undefined =>
      logs.withRequestId(id).find((line) => line.msg === 'request completed');
    await waitFor(async () => find() !== undefined, 5_000, `the access line of request ${id}`);
    return find() as Record<string, unknown>;
  }

  describe('X-Request-Id', () => {
    it('should echo a well-formed incoming id', async () => {
      const id = 'trace-01.ABC_def:42';
      const res = await request(t.http).get('/api/tags').set('X-Request-Id', id).expect(200);
      expect(res.headers['x-request-id']).toBe(id);
    });

    it('should accept an id of exactly 128 characters', async () => {
      const id = 'a'.repeat(128);
      const res = await request(t.http).get('/api/tags').set('X-Request-Id', id).expect(200);
      expect(res.headers['x-request-id']).toBe(id);
    });

    it('should generate a fresh UUID for each request that sends none', async () => {
      const first = await request(t.http).get('/api/tags').expect(200);
      const second = await request(t.http).get('/api/tags').expect(200);
      expect(first.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    });

    it.each([
      ['too long', 'a'.repeat(129)],
      ['with spaces', 'not a valid id'],
      ['with markup', '<script>alert(1)</script>'],
      ['with a line-forging character', 'abc%0d%0aX-Evil:1'],
    ])('should replace an id %s with a generated one', async (_name, id) => {
      const res = await request(t.http).get('/api/tags').set('X-Request-Id', id).expect(200);
      expect(res.headers['x-request-id']).toMatch(UUID);
    });

    it('should return the id on error answers too', async () => {
      const id = 'error-path-1';
      const answers = [
        await request(t.http).get('/api/no/such/route').set('X-Request-Id', id).expect(404),
        await request(t.http).get('/api/user').set('X-Request-Id', id).expect(401),
        await request(t.http).post('/api/users').set('X-Request-Id', id).send({ user: {} }).expect(422),
        await request(t.http).get('/api/profiles/%E0%A4%A').set('X-Request-Id', id).expect(400),
        await request(t.http)
          .options('/api/user')
          .set('X-Request-Id', id)
          .set('Origin', 'https://app.example.com')
          .set('Access-Control-Request-Method', 'PUT'),
      ];
      expect(answers.map((res) => res.headers['x-request-id'])).toEqual(answers.map(() => id));
    });
  });

  describe('access log', () => {
    it('should write one line per request with the method, route template, status, duration and id', async () => {
      const user = await registerUser(t);
      const id = `profile-${Date.now()}`;
      await request(t.http).get(`/api/profiles/${user.username}`).set('X-Request-Id', id).expect(200);
      const line = await accessLine(id);
      expect(line).toEqual(
        expect.objectContaining({
          level: 30,
          reqId: id,
          method: 'GET',
          route: '/api/profiles/:username',
          url: `/api/profiles/${user.username}`,
          statusCode: 200,
          durationMs: expect.any(Number),
        }),
      );
      expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
      expect(logs.withRequestId(id).filter((entry) => entry.msg === 'request completed')).toHaveLength(1);
    });

    it('should log errors and unknown routes too, unknown routes under a fixed label', async () => {
      const missing = await request(t.http)
        .get(`/api/${uniqueName('nowhere')}`)
        .expect(404);
      expect(await accessLine(missing.headers['x-request-id'])).toEqual(
        expect.objectContaining({ route: 'unmatched', statusCode: 404 }),
      );
      const denied = await request(t.http).get('/api/user').expect(401);
      expect(await accessLine(denied.headers['x-request-id'])).toEqual(
        expect.objectContaining({ route: '/api/user', statusCode: 401 }),
      );
    });

    it('should write neither the Authorization header nor a password', async () => {
      const user = await registerUser(t, { password: `pw-${uniqueName('secret')}` });
      const token = `tok-${uniqueName('secret')}`;
      const signIn = await request(t.http)
        .post('/api/users/login')
        .set('Authorization', `Token ${token}`)
        .set('Cookie', `session=${token}`)
        .send({ user: { email: user.email, password: user.password } })
        .expect(200);
      // The line of that very request is there, so the search below looks at what was written for it.
      await accessLine(signIn.headers['x-request-id']);
      const written = logs.raw.join('');
      expect(written).not.toContain(token);
      expect(written).not.toContain(user.password);
      expect(written).not.toContain(signIn.body.user.token);
    });
  });

  describe('error log', () => {
    it('should log an unexpected error at error level with the request id', async () => {
      const id = `boom-${Date.now()}`;
      const broken = jest.spyOn(t.dataSource.driver, 'createQueryRunner').mockImplementation(() => {
        throw new Error('simulated driver failure');
      });
      try {
        const res = await request(t.http).get(`/api/profiles/${uniqueName()}`).set('X-Request-Id', id);
        expect(res.status).toBe(500);
        expect(res.headers['x-request-id']).toBe(id);
        expect(res.body).toEqual({ errors: { server: ['internal error'] } });
      } finally {
        broken.mockRestore();
      }
      const errors = logs.withRequestId(id).filter((line) => line.level === 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toEqual(
        expect.objectContaining({
          context: 'Exceptions',
          msg: expect.stringContaining(id),
          err: expect.objectContaining({ stack: expect.stringContaining('simulated driver failure') }),
        }),
      );
    });
  });

  it("should send Nest's own logs through the same logger, its module and route lines below info", () => {
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 30, context: 'Database', msg: expect.stringMatching(/^database: /) }),
    );
    const chatter = ['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication'];
    expect(logs.lines.filter((line) => chatter.includes(line.context as string))).toEqual([]);
  });
});
