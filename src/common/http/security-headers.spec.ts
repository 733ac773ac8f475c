import { helmetHeaders } from './security-headers';

describe('helmetHeaders', () => {
  it("should hold helmet's defaults, worked out without a request", () => {
    const headers = helmetHeaders({});
    expect(headers).toEqual(
      expect.objectContaining({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
      }),
    );
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers).not.toHaveProperty('x-powered-by');
  });

  it('should apply the given options', () => {
    const headers = helmetHeaders({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    });
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(helmetHeaders({ frameguard: { action: 'deny' } })['x-frame-options']).toBe('DENY');
  });
});
