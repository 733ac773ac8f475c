import { fromSqlTimestamp, nextTimestamp, toIsoTimestamp, toSqlTimestamp } from './timestamps';

describe('timestamps', () => {
  const instant = new Date('2026-11-30T10:20:30.456Z');

  it('should write and read back the form both engines store, in UTC with milliseconds', () => {
    expect(toSqlTimestamp(instant)).toBe('2026-11-30 10:20:30.456');
    expect(fromSqlTimestamp('2026-11-30 10:20:30.456')).toEqual(instant);
    expect(fromSqlTimestamp(instant)).toBe(instant);
  });

  it("should give the API's ISO form from either driver's value", () => {
    expect(toIsoTimestamp('2026-11-30 10:20:30.456')).toBe('2026-11-30T10:20:30.456Z');
    expect(toIsoTimestamp(instant)).toBe('2026-11-30T10:20:30.456Z');
  });

  it('should move a new updatedAt past the previous one even within the same millisecond', () => {
    const future = new Date(Date.now() + 60_000);
    expect(nextTimestamp(future).getTime()).toBe(future.getTime() + 1);
    expect(nextTimestamp(new Date(0)).getTime()).toBeGreaterThan(Date.now() - 1000);
  });
});
