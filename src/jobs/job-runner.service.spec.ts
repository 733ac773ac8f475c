import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { fakeDatabase, TX } from '../../test/support/unit-doubles';
import type { jobsConfig } from '../config/configuration';
import { PermanentJobError } from './job-handler';
import type { JobQueue } from './job-queue.service';
import { JobOutcome, JobRunner } from './job-runner.service';
import type { ClaimedJob, JobsRepository } from './jobs.repository';

type JobsConfig = ConfigType<typeof jobsConfig>;

const CONFIG: JobsConfig = {
  enabled: true,
  pollIntervalMs: 1000,
  concurrency: 3,
  leaseMs: 30_000,
  maxAttempts: 5,
  backoffBaseMs: 1000,
  backoffMaxMs: 60_000,
  retentionMs: 7 * 86_400_000,
};
const STOP_WAIT_MS = 5000;
const HOUR = 3_600_000;
const NOW = 100 * HOUR;

const job = (fields: Partial<ClaimedJob> = {}): ClaimedJob => ({
  id: 1,
  type: 'test.work',
  payload: { n: 1 },
  attempts: 1,
  maxAttempts: 5,
  ...fields,
});

/** Every repository double answers at once, so one turn of the event loop lets each started job finish. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('JobRunner', () => {
  let jobs: jest.Mocked<JobsRepository>;
  let queue: jest.Mocked<JobQueue>;
  let database: ReturnType<typeof fakeDatabase>;
  let runner: JobRunner;
  let outcomes: [string, JobOutcome][];
  let handler: jest.Mock<Promise<void>, [unknown, ClaimedJob]>;

  function build(config: Partial<JobsConfig> = {}): JobRunner {
    const built = new JobRunner(jobs, queue, database, { ...CONFIG, ...config });
    built.onOutcome((type, outcome) => outcomes.push([type, outcome]));
    return built;
  }

  async function runOne(claimed: ClaimedJob): Promise<void> {
    jobs.claim.mockResolvedValueOnce([claimed]);
    await runner.tick();
    await settle();
  }

  beforeEach(() => {
    jobs = {
      releaseExpired: jest.fn().mockResolvedValue(0),
      claim: jest.fn().mockResolvedValue([]),
      complete: jest.fn().mockResolvedValue(true),
      retryLater: jest.fn().mockResolvedValue(undefined),
      bury: jest.fn().mockResolvedValue(undefined),
      deleteFinished: jest.fn().mockResolvedValue(0),
    } as unknown as jest.Mocked<JobsRepository>;
    queue = { enqueue: jest.fn().mockResolvedValue(true) } as unknown as jest.Mocked<JobQueue>;
    database = fakeDatabase();
    outcomes = [];
    handler = jest.fn().mockResolvedValue(undefined);
    runner = build();
    runner.handle('test.work', handler);
    jest.useFakeTimers({ now: NOW, doNotFake: ['setImmediate'] });
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  describe('tick', () => {
    it('should free lost leases, then claim in a transaction under a lease of the configured length', async () => {
      await runner.tick();
      expect(jobs.releaseExpired).toHaveBeenCalledWith(new Date(NOW));
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(jobs.claim).toHaveBeenCalledWith(
        expect.any(String),
        CONFIG.concurrency,
        new Date(NOW),
        new Date(NOW + CONFIG.leaseMs),
        TX,
      );
      expect(jobs.releaseExpired.mock.invocationCallOrder[0]).toBeLessThan(
        jobs.claim.mock.invocationCallOrder[0],
      );
    });

    it('should look for lost leases a few times per lease period, not on every round', async () => {
      await runner.tick();
      jest.setSystemTime(NOW + CONFIG.leaseMs / 4 - 1);
      await runner.tick();
      expect(jobs.releaseExpired).toHaveBeenCalledTimes(1);
      expect(jobs.claim).toHaveBeenCalledTimes(2);
      jest.setSystemTime(NOW + CONFIG.leaseMs / 4);
      await runner.tick();
      expect(jobs.releaseExpired).toHaveBeenCalledTimes(2);
    });

    it('should claim only as many jobs as there is room for beside the running ones', async () => {
      const first = deferred();
      const third = deferred();
      handler
        .mockReturnValueOnce(first.promise)
        .mockReturnValueOnce(new Promise(() => undefined))
        .mockReturnValueOnce(third.promise);
      jobs.claim
        .mockResolvedValueOnce([job({ id: 1 }), job({ id: 2 })])
        .mockResolvedValueOnce([job({ id: 3 })]);

      await runner.tick();
      await runner.tick();
      expect(jobs.claim.mock.calls.map(([, limit]) => limit)).toEqual([3, 1]);

      await runner.tick();
      expect(jobs.claim).toHaveBeenCalledTimes(2);

      first.resolve();
      third.resolve();
      await settle();
      await runner.tick();
      expect(jobs.claim.mock.calls.map(([, limit]) => limit)).toEqual([3, 1, 2]);
    });
  });

  describe('a job', () => {
    it("should be handed to its type's handler and completed, with outcome 'done'", async () => {
      const claimed = job({ id: 7, payload: { to: 'jake@example.com' } });
      await runOne(claimed);
      expect(handler).toHaveBeenCalledWith({ to: 'jake@example.com' }, claimed);
      const [worker] = jobs.claim.mock.calls[0];
      expect(jobs.complete).toHaveBeenCalledWith(7, worker, expect.any(Date));
      expect(jobs.retryLater).not.toHaveBeenCalled();
      expect(jobs.bury).not.toHaveBeenCalled();
      expect(outcomes).toEqual([['test.work', 'done']]);
    });

    it('should report no outcome when another worker holds the job by the time it is done', async () => {
      jobs.complete.mockResolvedValue(false);
      await runOne(job());
      expect(jobs.complete).toHaveBeenCalledTimes(1);
      expect(outcomes).toEqual([]);
    });

    it.each([
      [0, 2000],
      [0.5, 3000],
      [1, 4000],
    ])(
      "should retry a failed third attempt after the backoff (draw %d: %d ms), with outcome 'retry'",
      async (draw, delay) => {
        jest.spyOn(Math, 'random').mockReturnValue(draw);
        handler.mockRejectedValue(new Error('connect ECONNREFUSED'));
        await runOne(job({ id: 7, attempts: 3 }));
        const [worker] = jobs.claim.mock.calls[0];
        expect(jobs.retryLater).toHaveBeenCalledWith(
          7,
          worker,
          new Date(NOW + delay),
          'connect ECONNREFUSED',
        );
        expect(jobs.bury).not.toHaveBeenCalled();
        expect(jobs.complete).not.toHaveBeenCalled();
        expect(outcomes).toEqual([['test.work', 'retry']]);
      },
    );

    it('should back off from the configured base and not beyond the configured cap', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(1);
      runner = build({ backoffBaseMs: 10, backoffMaxMs: 50 });
      runner.handle('test.work', handler);
      handler.mockRejectedValue(new Error('busy'));
      for (const attempts of [1, 3, 4]) await runOne(job({ attempts, maxAttempts: 9 }));
      const delays = jobs.retryLater.mock.calls.map(([, , runAt]) => runAt.getTime() - NOW);
      expect(delays).toEqual([10, 40, 50]);
    });

    it.each([
      ['its last attempt failed', job({ attempts: 5, maxAttempts: 5 }), new Error('timeout'), 'timeout'],
      [
        'it ran more often than allowed',
        job({ attempts: 6, maxAttempts: 5 }),
        new Error('timeout'),
        'timeout',
      ],
      ['its handler says retrying cannot help', job({ attempts: 1 }), new PermanentJobError('bad'), 'bad'],
    ])("should bury the job when %s, with outcome 'dead'", async (_case, claimed, error, message) => {
      handler.mockRejectedValue(error);
      await runOne(claimed);
      const [worker] = jobs.claim.mock.calls[0];
      expect(jobs.bury).toHaveBeenCalledWith(claimed.id, worker, expect.any(Date), message);
      expect(jobs.retryLater).not.toHaveBeenCalled();
      expect(jobs.complete).not.toHaveBeenCalled();
      expect(outcomes).toEqual([['test.work', 'dead']]);
    });

    it("should bury a job of a type nobody handles at its first attempt, with outcome 'dead'", async () => {
      await runOne(job({ id: 9, type: 'nobody.handles', attempts: 1 }));
      expect(jobs.bury).toHaveBeenCalledWith(
        9,
        expect.any(String),
        expect.any(Date),
        'no handler for job type nobody.handles',
      );
      expect(handler).not.toHaveBeenCalled();
      expect(jobs.retryLater).not.toHaveBeenCalled();
      expect(outcomes).toEqual([['nobody.handles', 'dead']]);
    });

    it('should not count a job that ran as failed when its completion cannot be recorded', async () => {
      jobs.complete.mockRejectedValue(new Error('connection lost'));
      await runOne(job());
      expect(handler).toHaveBeenCalledTimes(1);
      expect(jobs.complete).toHaveBeenCalledTimes(1);
      expect(jobs.retryLater).not.toHaveBeenCalled();
      expect(jobs.bury).not.toHaveBeenCalled();
      expect(outcomes).toEqual([]);
      expect(Logger.prototype.warn).toHaveBeenCalledWith(expect.stringContaining('connection lost'));
    });

    it('should survive a failure whose outcome cannot be recorded, reporting none', async () => {
      handler.mockRejectedValue(new Error('timeout'));
      jobs.retryLater.mockRejectedValue(new Error('connection lost'));
      await runOne(job());
      expect(jobs.retryLater).toHaveBeenCalledTimes(1);
      expect(outcomes).toEqual([]);
      expect(Logger.prototype.warn).toHaveBeenCalledWith(expect.stringContaining('connection lost'));
    });
  });

  describe('handle', () => {
    it('should refuse a second handler for one job type', () => {
      expect(() => runner.handle('test.work', jest.fn())).toThrow('job type test.work has two handlers');
      expect(() => runner.every('test.work', HOUR, jest.fn())).toThrow('job type test.work has two handlers');
    });

    it('should refuse a handler for the purge job it runs itself', () => {
      expect(() => runner.handle('jobs.purge', jest.fn())).toThrow('job type jobs.purge has two handlers');
    });
  });

  describe('periodic jobs', () => {
    const offered = (type: string): unknown[][] =>
      queue.enqueue.mock.calls.filter(([called]) => called === type);

    it('should offer a periodic job once per period, keyed by its type and period', async () => {
      const start = NOW;
      runner.every('test.hourly', HOUR, jest.fn());

      await runner.tick();
      jest.setSystemTime(start + HOUR - 1);
      await runner.tick();
      expect(offered('test.hourly')).toEqual([['test.hourly', {}, { dedupeKey: 'test.hourly@100' }]]);

      jest.setSystemTime(start + HOUR);
      await runner.tick();
      expect(offered('test.hourly')).toEqual([
        ['test.hourly', {}, { dedupeKey: 'test.hourly@100' }],
        ['test.hourly', {}, { dedupeKey: 'test.hourly@101' }],
      ]);
    });

    it('should offer a periodic job again when offering it failed', async () => {
      runner.every('test.hourly', HOUR, jest.fn());
      queue.enqueue.mockImplementation(async (type) => {
        if (type === 'test.hourly' && offered('test.hourly').length === 1) throw new Error('database down');
        return true;
      });
      await expect(runner.tick()).rejects.toThrow('database down');
      await runner.tick();
      expect(offered('test.hourly')).toHaveLength(2);
      expect(offered('test.hourly')[1]).toEqual(['test.hourly', {}, { dedupeKey: 'test.hourly@100' }]);
    });

    it('should purge the jobs finished longer ago than the retention, every hour', async () => {
      await runner.tick();
      expect(offered('jobs.purge')).toEqual([['jobs.purge', {}, { dedupeKey: 'jobs.purge@100' }]]);
      await runOne(job({ type: 'jobs.purge', payload: {} }));
      expect(jobs.deleteFinished).toHaveBeenCalledWith(new Date(NOW - CONFIG.retentionMs));
      expect(outcomes).toEqual([['jobs.purge', 'done']]);
    });
  });

  describe('polling', () => {
    it('should poll at once after start, then every poll interval', async () => {
      runner.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(0);
      expect(jobs.claim).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(CONFIG.pollIntervalMs - 1);
      expect(jobs.claim).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(jobs.claim).toHaveBeenCalledTimes(2);
      await runner.onApplicationShutdown();
    });

    it('should schedule nothing when jobs are disabled', async () => {
      runner = build({ enabled: false });
      runner.onApplicationBootstrap();
      expect(jest.getTimerCount()).toBe(0);
      await jest.advanceTimersByTimeAsync(10 * CONFIG.pollIntervalMs);
      expect(jobs.releaseExpired).not.toHaveBeenCalled();
      expect(jobs.claim).not.toHaveBeenCalled();
      expect(queue.enqueue).not.toHaveBeenCalled();
    });

    it('should keep polling when a round fails, warning once until the database answers again', async () => {
      jobs.releaseExpired
        .mockRejectedValueOnce(new Error('ECONNREFUSED'))
        .mockRejectedValueOnce(new Error('x'));
      runner.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(0);
      await jest.advanceTimersByTimeAsync(CONFIG.pollIntervalMs);
      expect(jobs.claim).not.toHaveBeenCalled();
      expect(Logger.prototype.warn).toHaveBeenCalledTimes(1);
      expect(Logger.prototype.warn).toHaveBeenCalledWith(expect.stringContaining('ECONNREFUSED'));
      await jest.advanceTimersByTimeAsync(CONFIG.pollIntervalMs);
      expect(jobs.claim).toHaveBeenCalledTimes(1);
      expect(Logger.prototype.log).toHaveBeenCalledWith('job runner reaches the database again');
      await runner.onApplicationShutdown();
    });

    it('should stop polling at shutdown', async () => {
      runner.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(0);
      await runner.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(10 * CONFIG.pollIntervalMs);
      expect(jobs.claim).toHaveBeenCalledTimes(1);
    });
  });

  describe('onApplicationShutdown', () => {
    it('should wait for the jobs in hand to finish and be recorded', async () => {
      const work = deferred();
      handler.mockReturnValueOnce(work.promise);
      jobs.claim.mockResolvedValueOnce([job({ id: 5 })]);
      await runner.tick();
      let stopped = false;
      const stopping = runner.onApplicationShutdown().then(() => (stopped = true));
      await settle();
      expect(stopped).toBe(false);
      work.resolve();
      await stopping;
      expect(jobs.complete).toHaveBeenCalledWith(5, expect.any(String), expect.any(Date));
    });

    it(`should stop waiting for a job that hangs after ${STOP_WAIT_MS} ms`, async () => {
      handler.mockReturnValueOnce(new Promise(() => undefined));
      jobs.claim.mockResolvedValueOnce([job()]);
      await runner.tick();
      let stopped = false;
      const stopping = runner.onApplicationShutdown().then(() => (stopped = true));
      await jest.advanceTimersByTimeAsync(STOP_WAIT_MS - 1);
      expect(stopped).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await stopping;
      expect(stopped).toBe(true);
      expect(jobs.complete).not.toHaveBeenCalled();
    });
  });
});
