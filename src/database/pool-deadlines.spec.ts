import { DatabaseBusyError } from './db-errors';
import { PoolEvents } from './deadlines';
import { boundPoolWaits, Mysql2Pool, PooledConnection } from './pool-deadlines';

type Callback = (error: Error | null, connection?: PooledConnection) => void;

function fakeConnection(): PooledConnection & { sent: string[]; release: jest.Mock } {
  const sent: string[] = [];
  return { sent, release: jest.fn(), query: (sql: string) => sent.push(sql) };
}

function setup(): { pool: Mysql2Pool; pending: Callback[]; events: PoolEvents; observed: string[] } {
  const pending: Callback[] = [];
  const pool: Mysql2Pool = { getConnection: (callback) => void pending.push(callback) };
  const events = new PoolEvents();
  const observed: string[] = [];
  events.add({
    waited: () => observed.push('waited'),
    timedOut: (stage) => observed.push(`timeout:${stage}`),
    rejected: () => observed.push('rejected'),
  });
  boundPoolWaits(pool, { acquireTimeoutMs: 20 }, events, ['SET SESSION a = 1'], () => undefined);
  return { pool, pending, events, observed };
}

const acquire = (pool: Mysql2Pool): Promise<PooledConnection> =>
  new Promise((resolve, reject) =>
    pool.getConnection((error, connection) => (error ? reject(error) : resolve(connection!))),
  );

describe('boundPoolWaits', () => {
  it('should hand a connection over with the session limits queued on it, once per connection', async () => {
    const { pool, pending, observed } = setup();
    const connection = fakeConnection();
    const first = acquire(pool);
    pending.shift()!(null, connection);
    await expect(first).resolves.toBe(connection);
    const second = acquire(pool);
    pending.shift()!(null, connection);
    await second;
    expect(connection.sent).toEqual(['SET SESSION a = 1']);
    expect(observed).toEqual(['waited', 'waited']);
  });

  it('should give up after acquireTimeoutMs and return the connection that arrives later to the pool', async () => {
    const { pool, pending, observed } = setup();
    await expect(acquire(pool)).rejects.toEqual(new DatabaseBusyError('acquire timeout'));
    const late = fakeConnection();
    pending.shift()!(null, late);
    expect(late.release).toHaveBeenCalledTimes(1);
    expect(observed).toEqual(['timeout:acquire']);
  });

  it("should turn mysql2's full queue into a DatabaseBusyError and count the refusal", async () => {
    const { pool, pending, observed } = setup();
    const refused = acquire(pool);
    pending.shift()!(new Error('Queue limit reached.'));
    await expect(refused).rejects.toMatchObject({ name: 'DatabaseBusyError', reason: 'queue full' });
    expect(observed).toEqual(['rejected']);
  });

  it('should pass any other error on as it is', async () => {
    const { pool, pending } = setup();
    const failed = acquire(pool);
    const refusedConnection = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    pending.shift()!(refusedConnection);
    await expect(failed).rejects.toBe(refusedConnection);
  });
});
