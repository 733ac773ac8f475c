import { matchTagRows, normaliseTag } from './tag-name';

describe('normaliseTag', () => {
  it('should trim and lower-case', () => {
    expect(normaliseTag('  Dragons ')).toBe('dragons');
    expect(normaliseTag('ÉTÉ')).toBe('été');
  });
});

describe('matchTagRows', () => {
  const rows = [
    { id: 1, name: 'cafe' },
    { id: 2, name: 'dragons' },
  ];

  it('should match each name to the row spelled exactly so, in the order of the names', () => {
    expect(matchTagRows(rows, ['dragons', 'cafe'])).toEqual({
      linked: [rows[1], rows[0]],
      missing: [],
    });
  });

  it('should match a name the database collates as equal (another accent) to the existing row, once', () => {
    expect(matchTagRows(rows, ['café', 'cafe'])).toEqual({ linked: [rows[0]], missing: [] });
  });

  it('should prefer the exact spelling when both an exact and a collated row exist', () => {
    const both = [...rows, { id: 3, name: 'café' }];
    expect(matchTagRows(both, ['café']).linked).toEqual([{ id: 3, name: 'café' }]);
  });

  it('should report the names no row matches', () => {
    expect(matchTagRows(rows, ['dragons', 'training'])).toEqual({ linked: [rows[1]], missing: ['training'] });
  });
});
