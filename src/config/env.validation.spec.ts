import { DEV_JWT_SECRET, KNOWN_DEFAULT_JWT_SECRETS, validateEnvironment } from './env.validation';

const GOOD_PRODUCTION_SECRET = 'a8f5f167f44f4964e6c998dee827110c-prod';
const GOOD_MFA_KEY = '5c0f1e7b9a2d4c6e8f0a1b3c5d7e9f21-mfa';
/** The message validateEnvironment throws for `raw`, or '' when it accepts it. */
function problemsOf(raw: Record<string, unknown>): string {
  try {
    validateEnvironment(raw);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** Everything production needs besides the secret under test. */
const PRODUCTION = { NODE_ENV: 'production', CORS_ORIGINS: 'https://app.example.com' };

describe('validateEnvironment', () => {
  it('should apply the documented defaults to an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      JWT_EXPIRES_IN: '7d',
      LOG_LEVEL: 'info',
      CORS_ORIGINS: '*',
      MIGRATIONS_RUN: true,
      BODY_LIMIT_BYTES: 1024 * 1024,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.JWT_SECRET).toBeUndefined();
  });

  it('should convert numeric strings to numbers', () => {
    const env = validateEnvironment({ PORT: '8080', BODY_LIMIT_BYTES: '2048' });
    expect(env.PORT).toBe(8080);
    expect(env.BODY_LIMIT_BYTES).toBe(2048);
  });

  it('should reject PORT=abc with a message naming PORT', () => {
    expect(() => validateEnvironment({ PORT: 'abc' })).toThrow(/\bPORT\b/);
  });

  it('should reject an empty PORT naming it, rather than starting on no port', () => {
    expect(() => validateEnvironment({ PORT: '' })).toThrow(/\bPORT\b/);
  });

  it('should reject a PORT outside 0..65535', () => {
    expect(() => validateEnvironment({ PORT: '70000' })).toThrow(/\bPORT\b/);
  });

  it('should name only the variables that are wrong', () => {
    const message = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(message).toMatch(/\bPORT\b/);
    expect(message).toMatch(/\bLOG_LEVEL\b/);
    expect(message).not.toMatch(/JWT_SECRET|DATABASE_URL|BODY_LIMIT_BYTES/);
  });

  it('should reject an unknown NODE_ENV and a malformed DATABASE_URL', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'staging' })).toThrow(/\bNODE_ENV\b/);
    expect(() => validateEnvironment({ DATABASE_URL: 'postgres://db/folio' })).toThrow(/\bDATABASE_URL\b/);
  });

  it('should reject a DATABASE_URL the URL parser refuses, without repeating its password', () => {
    const start = () => validateEnvironment({ DATABASE_URL: 'mysql://folio:pa#ss@db:3306/folio' });
    expect(start).toThrow(/DATABASE_URL is not a valid URL: percent-encode/);
    expect(start).not.toThrow(/pa#ss/);
  });

  it('should accept sqlite, mysql and mariadb DATABASE_URLs', () => {
    for (const url of [
      'sqlite:data/folio.sqlite',
      'mysql://u:p@db:3306/folio',
      'mariadb://root@127.0.0.1/folio',
    ]) {
      expect(validateEnvironment({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it('should reject a body limit under 1 KiB', () => {
    expect(() => validateEnvironment({ BODY_LIMIT_BYTES: '512' })).toThrow(/\bBODY_LIMIT_BYTES\b/);
  });

  it.each(['false', '0', 'FALSE', 'no'])('should parse MIGRATIONS_RUN=%s to false', (value) => {
    expect(validateEnvironment({ MIGRATIONS_RUN: value }).MIGRATIONS_RUN).toBe(false);
  });

  it.each(['true', '1', 'yes'])('should parse MIGRATIONS_RUN=%s to true', (value) => {
    expect(validateEnvironment({ MIGRATIONS_RUN: value }).MIGRATIONS_RUN).toBe(true);
  });

  it('should reject a MIGRATIONS_RUN that is not a boolean word', () => {
    expect(() => validateEnvironment({ MIGRATIONS_RUN: 'maybe' })).toThrow(/\bMIGRATIONS_RUN\b/);
  });

  describe('in production', () => {
    it('should throw naming JWT_SECRET when it is not set', () => {
      expect(() => validateEnvironment({ ...PRODUCTION })).toThrow(/\bJWT_SECRET\b/);
    });

    it.each(KNOWN_DEFAULT_JWT_SECRETS)(
      'should throw naming JWT_SECRET for the known default %p',
      (secret) => {
        expect(() => validateEnvironment({ ...PRODUCTION, JWT_SECRET: secret })).toThrow(/\bJWT_SECRET\b/);
      },
    );

    it('should reject the development default secret even though it is long enough for development', () => {
      expect(validateEnvironment({ JWT_SECRET: DEV_JWT_SECRET }).JWT_SECRET).toBe(DEV_JWT_SECRET);
      expect(() => validateEnvironment({ ...PRODUCTION, JWT_SECRET: DEV_JWT_SECRET })).toThrow(
        /JWT_SECRET: is a known default/,
      );
    });

    it('should throw naming JWT_SECRET for a secret shorter than 32 characters', () => {
      const secret = 'x'.repeat(31);
      expect(validateEnvironment({ NODE_ENV: 'development', JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
      expect(() => validateEnvironment({ ...PRODUCTION, JWT_SECRET: secret })).toThrow(/\bJWT_SECRET\b.*32/);
    });

    it.each(['*', 'https://app.example.com, *'])(
      'should throw naming CORS_ORIGINS when it allows any origin (%p)',
      (origins) => {
        expect(() =>
          validateEnvironment({ ...PRODUCTION, CORS_ORIGINS: origins, JWT_SECRET: GOOD_PRODUCTION_SECRET }),
        ).toThrow(/\bCORS_ORIGINS\b/);
        expect(validateEnvironment({ CORS_ORIGINS: origins }).CORS_ORIGINS).toBe(origins);
      },
    );

    it('should accept a long, unknown secret', () => {
      const env = validateEnvironment({ ...PRODUCTION, JWT_SECRET: GOOD_PRODUCTION_SECRET });
      expect(env.NODE_ENV).toBe('production');
      expect(env.JWT_SECRET).toBe(GOOD_PRODUCTION_SECRET);
    });
  });

  describe('JWT algorithms', () => {
    // As an env file carries a PEM key: on one line, with literal "\\n" sequences.
    const PEM =
      '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----';

    it('should default to HS256 and need no keys for it', () => {
      expect(validateEnvironment({}).JWT_ALGORITHM).toBe('HS256');
    });

    it.each(['RS256', 'ES256'])(
      'should require both PEM keys for %s, naming each missing one',
      (algorithm) => {
        expect(() => validateEnvironment({ JWT_ALGORITHM: algorithm })).toThrow(
          /JWT_PRIVATE_KEY[\s\S]*JWT_PUBLIC_KEY/,
        );
        const onlyPrivate = problemsOf({ JWT_ALGORITHM: algorithm, JWT_PRIVATE_KEY: PEM });
        expect(onlyPrivate).toMatch(/\bJWT_PUBLIC_KEY\b/);
        expect(onlyPrivate).not.toMatch(/\bJWT_PRIVATE_KEY\b/);
        expect(
          validateEnvironment({ JWT_ALGORITHM: algorithm, JWT_PRIVATE_KEY: PEM, JWT_PUBLIC_KEY: PEM })
            .JWT_ALGORITHM,
        ).toBe(algorithm);
      },
    );

    it('should reject an algorithm outside the list', () => {
      expect(() => validateEnvironment({ JWT_ALGORITHM: 'none' })).toThrow(/\bJWT_ALGORITHM\b/);
    });

    it('should not ask for a JWT_SECRET in production when tokens are signed with a key pair', () => {
      const env = validateEnvironment({
        ...PRODUCTION,
        JWT_ALGORITHM: 'ES256',
        JWT_PRIVATE_KEY: PEM,
        JWT_PUBLIC_KEY: PEM,
        MFA_ENCRYPTION_KEY: GOOD_MFA_KEY,
      });
      expect(env.JWT_SECRET).toBeUndefined();
    });

    it('should ask for an MFA_ENCRYPTION_KEY in production when there is no JWT_SECRET to derive it from', () => {
      const keyPair = { ...PRODUCTION, JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEY: PEM, JWT_PUBLIC_KEY: PEM };
      const message = problemsOf(keyPair);
      expect(message).toMatch(/\bMFA_ENCRYPTION_KEY\b/);
      expect(message).not.toMatch(/\bJWT_SECRET\b/);
      expect(problemsOf({ ...PRODUCTION, JWT_SECRET: GOOD_PRODUCTION_SECRET })).toBe('');
    });
  });

  describe('metrics', () => {
    it('should serve metrics on the API port, without a token, by default', () => {
      const env = validateEnvironment({});
      expect(env.METRICS_ENABLED).toBe(true);
      expect(env.METRICS_TOKEN).toBeUndefined();
      expect(env.METRICS_PORT).toBeUndefined();
    });

    it('should read METRICS_ENABLED, METRICS_TOKEN and METRICS_PORT', () => {
      const env = validateEnvironment({
        METRICS_ENABLED: 'false',
        METRICS_TOKEN: 'x'.repeat(16),
        METRICS_PORT: '9464',
      });
      expect(env).toMatchObject({
        METRICS_ENABLED: false,
        METRICS_TOKEN: 'x'.repeat(16),
        METRICS_PORT: 9464,
      });
    });

    it.each([
      ['a short METRICS_TOKEN', { METRICS_TOKEN: 'short' }, /\bMETRICS_TOKEN\b/],
      ['METRICS_PORT=0', { METRICS_PORT: '0' }, /\bMETRICS_PORT\b/],
      ['an empty METRICS_PORT', { METRICS_PORT: '' }, /\bMETRICS_PORT\b/],
      [
        'METRICS_PORT equal to PORT',
        { PORT: '8080', METRICS_PORT: '8080' },
        /METRICS_PORT: must differ from PORT/,
      ],
      ['a METRICS_ENABLED that is not a boolean word', { METRICS_ENABLED: 'maybe' }, /\bMETRICS_ENABLED\b/],
    ])('should reject %s naming the variable', (_name, raw, message) => {
      expect(() => validateEnvironment(raw)).toThrow(message);
    });
  });

  it('should reject a JWT_SECRET under 16 characters in any environment', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'development', JWT_SECRET: 'short' })).toThrow(
      /\bJWT_SECRET\b/,
    );
  });
});
