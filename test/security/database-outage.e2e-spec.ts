import request from 'supertest';
import { registerUser } from '../support/factories';
import { describeWithPrivateMariaDb, PrivateMariaDb } from '../support/private-mariadb';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

/** A server of the test's own is stopped and started again; the machine's shared MariaDB is never touched. */
describeWithPrivateMariaDb('Database outage (e2e, private MariaDB)', () => {
  let db: PrivateMariaDb;
  let t: TestApp;

  beforeAll(async () => {
    db = await PrivateMariaDb.create();
    t = await createTestApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await t?.close();
    await db?.destroy();
  });

  it('should answer 503 quickly while the database is down, then recover by itself when it returns', async () => {
    const user = await registerUser(t);
    const login = { user: { email: user.email, password: user.password } };
    await db.stop();

    const started = Date.now();
    const health = await request(t.http).get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.database.state).toBe('down');
    for (const pending of [
      request(t.http).get('/api/articles'),
      request(t.http).post('/api/users/login').send(login),
      request(t.http).get('/api/user').set('Authorization', `Token ${user.token}`),
    ]) {
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ errors: { database: [expect.any(String)] } });
      expect(res.headers['retry-after']).toBeDefined();
    }
    expect(Date.now() - started).toBeLessThan(10_000);

    await db.start();
    await waitFor(
      async () => (await request(t.http).get('/api/health')).status === 200,
      30_000,
      'Folio to see the database again',
    );
    const again = await request(t.http).post('/api/users/login').send(login).expect(200);
    await request(t.http).get('/api/user').set('Authorization', `Token ${again.body.user.token}`).expect(200);
  });
});
