import { SerialQueue } from './serial-queue';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SerialQueue', () => {
  it('should start the next piece of work only after the previous one settled', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    let release!: () => void;
    const first = queue.run(async () => {
      events.push('first started');
      await new Promise<void>((resolve) => (release = resolve));
      events.push('first ended');
    });
    const second = queue.run(async () => {
      events.push('second started');
    });
    await tick();
    expect(events).toEqual(['first started']);
    expect(queue.queued).toBe(1);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['first started', 'first ended', 'second started']);
  });

  it('should keep going after a piece of work fails, and hand each caller its own outcome', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const succeeded = queue.run(async () => 42);
    await expect(failed).rejects.toThrow('boom');
    await expect(succeeded).resolves.toBe(42);
    await expect(queue.run(async () => 'again')).resolves.toBe('again');
  });

  it('should run work in arrival order', async () => {
    const queue = new SerialQueue();
    const order: number[] = [];
    await Promise.all(
      [5, 1, 3].map((delay, index) =>
        queue.run(async () => {
          await new Promise((resolve) => setTimeout(resolve, delay));
          order.push(index);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2]);
  });
});

describe('SerialQueue with limits', () => {
  const observer = (): { waited: jest.Mock; timedOut: jest.Mock; rejected: jest.Mock } => ({
    waited: jest.fn(),
    timedOut: jest.fn(),
    rejected: jest.fn(),
  });

  it('should give up on work that waited longer than maxWaitMs, and still run the work queued behind it', async () => {
    const events = observer();
    const queue = new SerialQueue({ maxWaitMs: 30, maxWaiting: 10, observer: events });
    let release!: () => void;
    const first = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    const starved = queue.run(async () => 'never');
    await expect(starved).rejects.toMatchObject({ name: 'DatabaseBusyError', reason: 'acquire timeout' });
    expect(queue.queued).toBe(0);
    const next = queue.run(async () => 'ran');
    release();
    await first;
    await expect(next).resolves.toBe('ran');
    expect(events.timedOut).toHaveBeenCalledWith('acquire');
    expect(events.waited).toHaveBeenCalledTimes(2);
  });

  it('should refuse work at once when maxWaiting pieces already wait', async () => {
    const events = observer();
    const queue = new SerialQueue({ maxWaitMs: 1_000, maxWaiting: 2, observer: events });
    let release!: () => void;
    const first = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = [queue.run(async () => 1), queue.run(async () => 2)];
    await expect(queue.run(async () => 3)).rejects.toMatchObject({ reason: 'queue full' });
    expect(events.rejected).toHaveBeenCalledTimes(1);
    release();
    await first;
    await expect(Promise.all(waiting)).resolves.toEqual([1, 2]);
  });
});
