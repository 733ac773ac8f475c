import { createSecretKey } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { authConfig } from '../config/configuration';
import { extractToken, JwtPayload, JwtStrategy, missingTokenReason } from './jwt.strategy';
import { SessionsService } from './sessions/sessions.service';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl';

const withAuthorization = (authorization?: string | string[]) => ({
  headers: authorization === undefined ? {} : { authorization },
});

describe('extractToken', () => {
  it('should read the RealWorld "Token" scheme', () => {
    expect(extractToken(withAuthorization(`Token ${JWT}`))).toBe(JWT);
  });

  it('should read the "Bearer" scheme', () => {
    expect(extractToken(withAuthorization(`Bearer ${JWT}`))).toBe(JWT);
  });

  it.each(['token', 'TOKEN', 'bearer', 'BEARER', 'bEaReR'])(
    'should read the scheme case-insensitively (%s)',
    (scheme) => {
      expect(extractToken(withAuthorization(`${scheme} ${JWT}`))).toBe(JWT);
    },
  );

  it('should tolerate extra spaces between the scheme and the token and after it', () => {
    expect(extractToken(withAuthorization(`Token    ${JWT}  `))).toBe(JWT);
  });

  it('should answer null without an Authorization header', () => {
    expect(extractToken(withAuthorization())).toBeNull();
  });

  it.each([
    ['an empty header', ''],
    ['a scheme without a token', 'Token'],
    ['a scheme and blanks only', 'Bearer   '],
    ['a bare token', JWT],
    ['another scheme', `Basic ${JWT}`],
    ['a scheme glued to the token', `Token${JWT}`],
    ['two tokens', `Token ${JWT} ${JWT}`],
    ['a scheme that only starts like Token', `Tokens ${JWT}`],
  ])('should answer null for %s', (_case, header) => {
    expect(extractToken(withAuthorization(header))).toBeNull();
  });

  it('should answer null when the header arrives as a list', () => {
    expect(extractToken(withAuthorization([`Token ${JWT}`, `Bearer ${JWT}`]))).toBeNull();
  });
});

describe('missingTokenReason', () => {
  it.each([
    ['no Authorization header', undefined, 'is missing'],
    ['an empty header', '', 'is missing'],
    ['a scheme without a token', 'Token', 'is missing'],
    ['a scheme and blanks only', 'Bearer   ', 'is missing'],
    ['a bare token', JWT, 'must use the Token or Bearer scheme'],
    ['another scheme', `Basic ${JWT}`, 'must use the Token or Bearer scheme'],
    ['a scheme glued to the token', `Token${JWT}`, 'must use the Token or Bearer scheme'],
    ['two tokens', `Token ${JWT} ${JWT}`, 'is invalid'],
    ['a list of headers', [`Token ${JWT}`, `Bearer ${JWT}`], 'is invalid'],
  ])('should describe %s', (_case, header, reason) => {
    expect(missingTokenReason(withAuthorization(header))).toBe(reason);
  });
});

/** A decoded token as passport-jwt hands it over; the fields are untrusted, so any JSON value may appear. */
const payload = (fields: { sub?: unknown; sid?: unknown }): JwtPayload =>
  ({ sub: 7, username: 'jake', sid: 'session-a', ...fields }) as unknown as JwtPayload;

const liveSession = (userId = 7) => ({
  userId,
  lastUsedAt: new Date(),
  username: 'jake',
  bio: 'I work at statefarm',
  image: null,
  emailConfirmed: true,
  role: 'moderator' as const,
});

describe('JwtStrategy.validate', () => {
  let strategy: JwtStrategy;
  const sessions = { findLive: jest.fn() };
  const request = withAuthorization(`Bearer ${JWT}`);

  beforeEach(async () => {
    sessions.findLive.mockReset();
    const moduleRef = await Test.createTestingModule({
      providers: [
        JwtStrategy,
        {
          provide: authConfig.KEY,
          useValue: {
            jwtAlgorithm: 'HS256',
            jwtSigningKey: createSecretKey(Buffer.from('unit-test-secret-0123456789')),
            jwtVerifyingKey: createSecretKey(Buffer.from('unit-test-secret-0123456789')),
            jwtExpiresIn: 60,
          },
        },
        { provide: SessionsService, useValue: sessions },
      ],
    }).compile();
    strategy = moduleRef.get(JwtStrategy);
  });

  it('should answer the caller with the id, the raw token, the session, and the profile and role it read', async () => {
    sessions.findLive.mockResolvedValue(liveSession());
    const caller = await strategy.validate(request, payload({ sub: 7, sid: 'session-a' }));
    expect(sessions.findLive).toHaveBeenCalledWith('session-a');
    expect(caller).toEqual({
      id: 7,
      token: JWT,
      sessionId: 'session-a',
      profile: { username: 'jake', bio: 'I work at statefarm', image: null },
      emailConfirmed: true,
      role: 'moderator',
    });
  });

  it('should tell an account whose address is not confirmed yet', async () => {
    sessions.findLive.mockResolvedValue({ ...liveSession(), emailConfirmed: false });
    const caller = await strategy.validate(request, payload({ sub: 7, sid: 'session-a' }));
    expect(caller).toMatchObject({ id: 7, emailConfirmed: false });
  });

  it('should refuse a token whose session is signed out, revoked, expired or unknown', async () => {
    sessions.findLive.mockResolvedValue(null);
    expect(await strategy.validate(request, payload({}))).toBe(false);
    expect(sessions.findLive).toHaveBeenCalledWith('session-a');
  });

  it("should refuse a token that names another user's session", async () => {
    sessions.findLive.mockResolvedValue(liveSession(8));
    expect(await strategy.validate(request, payload({ sub: 7 }))).toBe(false);
  });

  it.each([
    ['a subject that is not an integer', { sub: '7' }],
    ['a fractional subject', { sub: 7.5 }],
    ['no subject', { sub: undefined }],
    ['a session that is not a string', { sid: 12 }],
    ['a null session', { sid: null }],
    ['no session', { sid: undefined }],
  ])('should refuse a payload with %s, without a lookup', async (_case, fields) => {
    expect(await strategy.validate(request, payload(fields))).toBe(false);
    expect(sessions.findLive).not.toHaveBeenCalled();
  });
});
