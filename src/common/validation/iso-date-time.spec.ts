import { isIsoDateTime } from './decorators';

describe('isIsoDateTime', () => {
  it.each([
    '2026-01-01',
    '2026-01-01T09:30:00Z',
    '2026-01-01T09:30:00.123Z',
    '2026-01-01T09:30:00+02:00',
    '2024-02-29',
    '1000-01-01',
    '9999-12-31T23:59:59Z',
  ])('should take %s', (value) => {
    expect(isIsoDateTime(value)).toBe(true);
  });

  it.each([
    'yesterday',
    'March 5, 2026',
    '2026/01/01',
    '01-01-2026',
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-01-01T25:00:00Z',
    '0999-12-31',
    '10000-01-01',
    '2026-W05-3',
    '',
  ])('should refuse %s', (value) => {
    expect(isIsoDateTime(value)).toBe(false);
  });

  it.each([[['2026-01-01']], [20260101], [null], [undefined]])('should refuse a non-string %p', (value) => {
    expect(isIsoDateTime(value)).toBe(false);
  });
});
