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
