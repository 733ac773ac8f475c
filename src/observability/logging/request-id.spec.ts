import { requestIdFor } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const withHeader = (value?: string | string[]) => ({ headers: { 'x-request-id': value } });

describe('requestIdFor', () => {
  it.each(['a', 'abc-123', 'Trace.01_x:y', 'x'.repeat(128)])('should keep the well-formed id %p', (id) => {
    expect(requestIdFor(withHeader(id))).toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['129 characters', 'x'.repeat(129)],
    ['with a space', 'a b'],
    ['with a newline', 'a\nb'],
    ['with a slash', 'a/b'],
    ['sent twice', ['a', 'b']],
  ])('should generate a UUID when the header is %s', (_name, value) => {
    expect(requestIdFor(withHeader(value))).toMatch(UUID);
  });
});
