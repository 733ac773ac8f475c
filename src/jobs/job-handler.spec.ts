import { backoffMs, PermanentJobError } from './job-handler';

const BASE = 1000;
const MAX = 60_000;
const all = (): number => 1;
const half = (): number => 0;

describe('backoffMs', () => {
  it('should double the wait with each attempt, from the base', () => {
    expect([1, 2, 3, 4].map((attempts) => backoffMs(attempts, BASE, MAX, all))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('should wait the base before the first retry even when no attempt was counted', () => {
    expect(backoffMs(0, BASE, MAX, all)).toBe(BASE);
  });

  it('should never wait longer than the cap, however many attempts failed', () => {
    expect(backoffMs(7, BASE, MAX, all)).toBe(MAX);
    expect(backoffMs(60, BASE, MAX, all)).toBe(MAX);
    expect(backoffMs(60, BASE, MAX, half)).toBe(MAX / 2);
  });

  it('should wait half the doubled wait when the random draw is 0, and in proportion above it', () => {
    expect(backoffMs(3, BASE, MAX, half)).toBe(2000);
    expect(backoffMs(3, BASE, MAX, () => 0.5)).toBe(3000);
    expect(backoffMs(3, BASE, MAX, () => 0.25)).toBe(2500);
  });

  it('should stay between half and all of the doubled wait with the default random source', () => {
    const waits = Array.from({ length: 200 }, () => backoffMs(4, BASE, MAX));
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(4000);
      expect(wait).toBeLessThanOrEqual(8000);
    }
    expect(new Set(waits).size).toBeGreaterThan(1);
  });

  it('should answer whole milliseconds', () => {
    expect(Number.isInteger(backoffMs(1, 999, MAX, () => 0.3))).toBe(true);
  });
});

describe('PermanentJobError', () => {
  it('should be an Error named for what it is, keeping its message', () => {
    const error = new PermanentJobError('not a mail message');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PermanentJobError');
    expect(error.message).toBe('not a mail message');
  });
});
