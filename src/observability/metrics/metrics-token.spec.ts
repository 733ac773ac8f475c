import { metricsTokenProblem } from './metrics-token';

const TOKEN = 'scrape-token-0123456789';

describe('metricsTokenProblem', () => {
  it('should let everything through when no token is configured', () => {
    expect(metricsTokenProblem(undefined, undefined)).toBeUndefined();
    expect(metricsTokenProblem(undefined, 'Bearer whatever')).toBeUndefined();
  });

  it('should accept the token as a bearer, the scheme in any case', () => {
    expect(metricsTokenProblem(TOKEN, `Bearer ${TOKEN}`)).toBeUndefined();
    expect(metricsTokenProblem(TOKEN, `bearer ${TOKEN}`)).toBeUndefined();
  });

  it.each([undefined, '', 'Bearer', `Token ${TOKEN}`, TOKEN])('should call %p missing', (header) => {
    expect(metricsTokenProblem(TOKEN, header)).toEqual({ token: ['is missing'] });
  });

  it.each([`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, 'Bearer x'])(
    'should call %p invalid',
    (header) => {
      expect(metricsTokenProblem(TOKEN, header)).toEqual({ token: ['is invalid'] });
    },
  );
});
