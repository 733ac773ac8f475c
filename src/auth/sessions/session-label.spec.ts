import { sessionLabel } from './session-label';

describe('sessionLabel', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Linux'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari on iOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    ['curl/8.5.0', 'curl'],
  ])('should name %s as "%s"', (agent, label) => {
    expect(sessionLabel(agent)).toBe(label);
  });

  it('should show an unknown agent as sent, without control characters, cut to 255 characters', () => {
    expect(sessionLabel('folio-app/2.1\u0000\n')).toBe('folio-app/2.1');
    expect(sessionLabel('x'.repeat(400))).toHaveLength(255);
  });

  it('should name a missing or empty agent "Unknown client"', () => {
    expect(sessionLabel(null)).toBe('Unknown client');
    expect(sessionLabel('\u0001')).toBe('Unknown client');
  });
});
