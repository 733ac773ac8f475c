import { createHash } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { fakeDatabase, fakeEvents, rejection, TX } from '../../../test/support/unit-doubles';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { authConfig } from '../../config/configuration';
import { Database } from '../../database/database.service';
import { DomainEvents } from '../../events/domain-events.service';
import { UserSuspensionChanged } from '../../users/user.events';
import { RefreshReuseDetected, SessionsRevoked } from '../auth.events';
import { LAST_USED_RESOLUTION_MS, SessionsService } from './sessions.service';
import { RefreshTokenState, SessionsRepository } from './sessions.repository';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CLIENT: ClientInfo = { address: '203.0.113.7', userAgent: FIREFOX, requestId: 'req-1' };
const REFRESH_TOKEN = 'A'.repeat(21) + '-' + 'b'.repeat(20) + '_';
const HOUR = 3600;
const CALLER: AuthUser = {
  id: 42,
  token: 'caller.jwt.token',
  sessionId: 'session-of-the-caller',
  profile: { username: 'jake', bio: null, image: null },
  emailConfirmed: true,
  role: 'user',
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const tokenState = (fields: Partial<RefreshTokenState> = {}): RefreshTokenState => ({
  sessionId: 'session-a',
  userId: 42,
  used: false,
  revoked: false,
  expiresAt: new Date(Date.now() + HOUR * 1000),
  ...fields,
});

describe('SessionsService', () => {
  let sessions: jest.Mocked<SessionsRepository>;
  let database: ReturnType<typeof fakeDatabase>;
  let events: ReturnType<typeof fakeEvents>;
  let service: SessionsService;

  async function build(config: { refreshExpiresIn: number; jwtExpiresIn: number }): Promise<SessionsService> {
    const moduleRef = await Test.createTestingModule({
      providers: [
        SessionsService,
        { provide: SessionsRepository, useValue: sessions },
        { provide: Database, useValue: database },
        { provide: DomainEvents, useValue: events },
        { provide: authConfig.KEY, useValue: config },
      ],
    }).compile();
    return moduleRef.get(SessionsService);
  }

  beforeEach(async () => {
    sessions = {
      insert: jest.fn().mockResolvedValue(undefined),
      insertRefreshToken: jest.fn().mockResolvedValue(undefined),
      findLive: jest.fn().mockResolvedValue(null),
      touch: jest.fn().mockResolvedValue(undefined),
      findLiveByUser: jest.fn().mockResolvedValue([]),
      findRefreshToken: jest.fn().mockResolvedValue(tokenState()),
      useRefreshToken: jest.fn().mockResolvedValue(true),
      extend: jest.fn().mockResolvedValue(true),
      revoke: jest.fn().mockResolvedValue(true),
      revokeAllBut: jest.fn().mockResolvedValue(0),
    } as unknown as jest.Mocked<SessionsRepository>;
    database = fakeDatabase();
    events = fakeEvents();
    service = await build({ refreshExpiresIn: 30 * 24 * HOUR, jwtExpiresIn: 900 });
  });

  describe('open', () => {
    it('should insert a session labelled from the user agent, with its refresh token, in one transaction', async () => {
      const grant = await service.open(42, CLIENT);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      expect(sessions.insert).toHaveBeenCalledWith(
        {
          id: grant.sessionId,
          userId: 42,
          label: 'Firefox on Linux',
          address: CLIENT.address,
          createdAt: expect.any(Date),
          expiresAt: expect.any(Date),
        },
        TX,
      );
      expect(sessions.insertRefreshToken).toHaveBeenCalledWith(
        sha256(grant.refreshToken),
        grant.sessionId,
        sessions.insert.mock.calls[0][0].createdAt,
        TX,
      );
      expect(grant).toEqual({
        userId: 42,
        sessionId: expect.stringMatching(/^[\w-]{22}$/),
        refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      });
    });

    it('should store only the hash of the refresh token, never the token itself', async () => {
      const grant = await service.open(42, CLIENT);
      const written = JSON.stringify([sessions.insert.mock.calls, sessions.insertRefreshToken.mock.calls]);
      expect(written).toContain(sha256(grant.refreshToken));
      expect(written).not.toContain(grant.refreshToken);
    });

    it('should give every session its own id and refresh token', async () => {
      const first = await service.open(42, CLIENT);
      const second = await service.open(42, CLIENT);
      expect(second.sessionId).not.toBe(first.sessionId);
      expect(second.refreshToken).not.toBe(first.refreshToken);
    });

    it('should label a session opened without a user agent "Unknown client"', async () => {
      await service.open(42, { ...CLIENT, userAgent: null });
      expect(sessions.insert.mock.calls[0][0].label).toBe('Unknown client');
    });

    it.each([
      [
        'the refresh lifetime when it is the longer',
        { refreshExpiresIn: 2 * HOUR, jwtExpiresIn: 900 },
        2 * HOUR,
      ],
      ['the access token lifetime when it is the longer', { refreshExpiresIn: 60, jwtExpiresIn: 900 }, 900],
    ])('should make a session last %s', async (_case, config, seconds) => {
      service = await build(config);
      await service.open(42, CLIENT);
      const { createdAt, expiresAt } = sessions.insert.mock.calls[0][0];
      expect(expiresAt.getTime() - createdAt.getTime()).toBe(seconds * 1000);
    });
  });

  describe('refresh', () => {
    it.each([
      ['an empty token', ''],
      ['a token one character short', REFRESH_TOKEN.slice(1)],
      ['a token one character long', `${REFRESH_TOKEN}A`],
      ['a token in base64 rather than base64url', `${REFRESH_TOKEN.slice(1)}+`],
      ['a padded token', `${REFRESH_TOKEN.slice(1)}=`],
      ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl'],
    ])('should answer 401 is invalid for %s, without a lookup', async (_case, token) => {
      expect(await rejection(service.refresh(token, CLIENT))).toEqual({
        status: 401,
        body: { errors: { refreshToken: ['is invalid'] } },
      });
      expect(sessions.findRefreshToken).not.toHaveBeenCalled();
    });

    it('should look the token up by its SHA-256 and answer 401 is invalid when nobody issued it', async () => {
      sessions.findRefreshToken.mockResolvedValue(null);
      expect(await rejection(service.refresh(REFRESH_TOKEN, CLIENT))).toEqual({
        status: 401,
        body: { errors: { refreshToken: ['is invalid'] } },
      });
      expect(sessions.findRefreshToken).toHaveBeenCalledWith(sha256(REFRESH_TOKEN));
      expect(database.transaction).not.toHaveBeenCalled();
    });

    it('should answer 401 is invalid for a token of a revoked session, changing nothing', async () => {
      sessions.findRefreshToken.mockResolvedValue(tokenState({ revoked: true }));
      expect(await rejection(service.refresh(REFRESH_TOKEN, CLIENT))).toEqual({
        status: 401,
        body: { errors: { refreshToken: ['is invalid'] } },
      });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(sessions.revoke).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should answer 401 has expired for a token of an expired session, changing nothing', async () => {
      sessions.findRefreshToken.mockResolvedValue(tokenState({ expiresAt: new Date(Date.now() - 1000) }));
      expect(await rejection(service.refresh(REFRESH_TOKEN, CLIENT))).toEqual({
        status: 401,
        body: { errors: { refreshToken: ['has expired'] } },
      });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(sessions.revoke).not.toHaveBeenCalled();
    });

    it('should sign the session out and report the reuse when a used token comes back', async () => {
      sessions.findRefreshToken.mockResolvedValue(tokenState({ used: true }));
      expect(await rejection(service.refresh(REFRESH_TOKEN, CLIENT))).toEqual({
        status: 401,
        body: { errors: { refreshToken: ['has already been used; the session is signed out'] } },
      });
      expect(sessions.revoke).toHaveBeenCalledWith('session-a', 42, 'refresh-reused', expect.any(Date));
      expect(sessions.useRefreshToken).not.toHaveBeenCalled();
      expect(sessions.insertRefreshToken).not.toHaveBeenCalled();
      expect(events.published).toEqual([expect.any(RefreshReuseDetected)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        sessionId: 'session-a',
        client: CLIENT,
        actorId: null,
      });
    });

    it('should not report a reuse again when a racing copy had already signed the session out', async () => {
      sessions.findRefreshToken.mockResolvedValue(tokenState({ used: true }));
      sessions.revoke.mockResolvedValue(false);
      expect((await rejection(service.refresh(REFRESH_TOKEN, CLIENT))).status).toBe(401);
      expect(sessions.revoke).toHaveBeenCalledTimes(1);
      expect(events.published).toEqual([]);
    });

    it('should treat a token used by a racing request inside the transaction as reused', async () => {
      sessions.useRefreshToken.mockResolvedValue(false);
      expect(await rejection(service.refresh(REFRESH_TOKEN, CLIENT))).toEqual({
        status: 401,
        body: { errors: { refreshToken: ['has already been used; the session is signed out'] } },
      });
      expect(sessions.useRefreshToken).toHaveBeenCalledWith(sha256(REFRESH_TOKEN), expect.any(Date), TX);
      expect(sessions.extend).not.toHaveBeenCalled();
      expect(sessions.insertRefreshToken).not.toHaveBeenCalled();
      expect(sessions.revoke).toHaveBeenCalledWith('session-a', 42, 'refresh-reused', expect.any(Date));
      expect(events.published).toEqual([expect.any(RefreshReuseDetected)]);
    });

    it('should issue no new token when the session ended between the lookup and the rotation', async () => {
      sessions.extend.mockResolvedValue(false);
      sessions.revoke.mockResolvedValue(false);
      expect((await rejection(service.refresh(REFRESH_TOKEN, CLIENT))).status).toBe(401);
      expect(sessions.insertRefreshToken).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it('should use the token, extend the session and store the next token, all in one transaction', async () => {
      const grant = await service.refresh(REFRESH_TOKEN, CLIENT);
      expect(grant).toEqual({
        userId: 42,
        sessionId: 'session-a',
        refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      });
      expect(grant.refreshToken).not.toBe(REFRESH_TOKEN);
      expect(database.transaction).toHaveBeenCalledTimes(1);
      const [, at] = sessions.useRefreshToken.mock.calls[0];
      expect(sessions.useRefreshToken).toHaveBeenCalledWith(sha256(REFRESH_TOKEN), at, TX);
      expect(sessions.extend).toHaveBeenCalledWith('session-a', at, expect.any(Date), TX);
      expect(sessions.insertRefreshToken).toHaveBeenCalledWith(
        sha256(grant.refreshToken),
        'session-a',
        at,
        TX,
      );
      expect(JSON.stringify(sessions.insertRefreshToken.mock.calls)).not.toContain(grant.refreshToken);
      expect(sessions.revoke).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });

    it.each([
      [
        'the refresh lifetime when it is the longer',
        { refreshExpiresIn: 2 * HOUR, jwtExpiresIn: 900 },
        2 * HOUR,
      ],
      ['the access token lifetime when it is the longer', { refreshExpiresIn: 60, jwtExpiresIn: 900 }, 900],
    ])('should extend the session by %s from the refresh', async (_case, config, seconds) => {
      service = await build(config);
      await service.refresh(REFRESH_TOKEN, CLIENT);
      const [, at, expiresAt] = sessions.extend.mock.calls[0];
      expect(expiresAt.getTime() - at.getTime()).toBe(seconds * 1000);
    });
  });

  describe('findLive', () => {
    const live = (lastUsedAgoMs: number) => ({
      userId: 42,
      lastUsedAt: new Date(Date.now() - lastUsedAgoMs),
      username: 'jake',
      bio: null,
      image: null,
      emailConfirmed: false,
      role: 'user' as const,
    });

    it('should answer null for a session that no longer works, recording nothing', async () => {
      expect(await service.findLive('session-a')).toBeNull();
      expect(sessions.findLive).toHaveBeenCalledWith('session-a', expect.any(Date));
      expect(sessions.touch).not.toHaveBeenCalled();
    });

    it('should answer a session used recently without recording the use again', async () => {
      const session = live(LAST_USED_RESOLUTION_MS - 5000);
      sessions.findLive.mockResolvedValue(session);
      expect(await service.findLive('session-a')).toBe(session);
      expect(sessions.touch).not.toHaveBeenCalled();
    });

    it('should record the use of a session last used longer ago than the resolution', async () => {
      const session = live(LAST_USED_RESOLUTION_MS + 5000);
      sessions.findLive.mockResolvedValue(session);
      expect(await service.findLive('session-a')).toBe(session);
      const [, now] = sessions.findLive.mock.calls[0];
      expect(sessions.touch).toHaveBeenCalledWith(
        'session-a',
        now,
        new Date(now.getTime() - LAST_USED_RESOLUTION_MS),
      );
    });
  });

  describe('list', () => {
    it("should list the caller's live sessions, marking the current one", async () => {
      const at = new Date('2025-01-02T03:04:05.000Z');
      const row = (id: string) => ({
        id,
        label: 'Firefox on Linux',
        address: CLIENT.address,
        createdAt: at,
        lastUsedAt: at,
        expiresAt: at,
      });
      sessions.findLiveByUser.mockResolvedValue([row('other-session'), row(CALLER.sessionId)]);
      const { sessions: listed } = await service.list(CALLER);
      expect(sessions.findLiveByUser).toHaveBeenCalledWith(42, expect.any(Date));
      expect(listed.map(({ id, current }) => ({ id, current }))).toEqual([
        { id: 'other-session', current: false },
        { id: CALLER.sessionId, current: true },
      ]);
      expect(listed[0].lastUsedAt).toBe(at.toISOString());
    });
  });

  describe('signOut', () => {
    it("should end the caller's own session and publish SessionsRevoked", async () => {
      await service.signOut(CALLER, CLIENT);
      expect(sessions.revoke).toHaveBeenCalledWith(CALLER.sessionId, 42, 'signed-out', expect.any(Date));
      expect(events.published).toEqual([expect.any(SessionsRevoked)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        sessionId: CALLER.sessionId,
        reason: 'signed-out',
        count: 1,
        client: CLIENT,
        actorId: 42,
      });
    });

    it('should publish nothing when the session had already ended', async () => {
      sessions.revoke.mockResolvedValue(false);
      await service.signOut(CALLER, CLIENT);
      expect(events.published).toEqual([]);
    });
  });

  describe('revoke', () => {
    it('should end one of the caller\'s sessions with reason "revoked" and publish SessionsRevoked', async () => {
      await service.revoke(CALLER, 'other-session', CLIENT);
      expect(sessions.revoke).toHaveBeenCalledWith('other-session', 42, 'revoked', expect.any(Date));
      expect(events.published).toEqual([expect.any(SessionsRevoked)]);
      expect(events.published[0]).toMatchObject({ sessionId: 'other-session', reason: 'revoked', count: 1 });
    });

    it("should answer 404 for a session that is not the caller's, publishing nothing", async () => {
      sessions.revoke.mockResolvedValue(false);
      expect(await rejection(service.revoke(CALLER, 'someone-elses-session', CLIENT))).toEqual({
        status: 404,
        body: { errors: { session: ['not found'] } },
      });
      expect(sessions.revoke).toHaveBeenCalledWith('someone-elses-session', 42, 'revoked', expect.any(Date));
      expect(events.published).toEqual([]);
    });
  });

  describe('revokeAllBut', () => {
    it('should publish SessionsRevoked with the count of sessions it ended', async () => {
      sessions.revokeAllBut.mockResolvedValue(3);
      await service.revokeAllBut(42, CALLER.sessionId, 'password-changed', CLIENT);
      expect(sessions.revokeAllBut).toHaveBeenCalledWith(
        42,
        CALLER.sessionId,
        'password-changed',
        expect.any(Date),
      );
      expect(events.published).toEqual([expect.any(SessionsRevoked)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        sessionId: null,
        reason: 'password-changed',
        count: 3,
        client: CLIENT,
      });
    });

    it('should publish nothing when there was no other session to end', async () => {
      await service.revokeAllBut(42, null, 'revoked', CLIENT);
      expect(sessions.revokeAllBut).toHaveBeenCalledWith(42, null, 'revoked', expect.any(Date));
      expect(events.published).toEqual([]);
    });
  });

  describe('accountSuspended', () => {
    const ADMIN_CLIENT: ClientInfo = { address: '198.51.100.1', userAgent: 'admin-ui', requestId: 'req-9' };

    it('should end every session of a suspended account and publish SessionsRevoked with the reason suspended', async () => {
      sessions.revokeAllBut.mockResolvedValue(2);
      await service.accountSuspended(new UserSuspensionChanged(42, true, 1, ADMIN_CLIENT, new Date()));
      expect(sessions.revokeAllBut).toHaveBeenCalledWith(42, null, 'suspended', expect.any(Date));
      expect(events.published).toEqual([expect.any(SessionsRevoked)]);
      expect(events.published[0]).toMatchObject({
        userId: 42,
        sessionId: null,
        reason: 'suspended',
        count: 2,
        client: ADMIN_CLIENT,
      });
    });

    it('should end no session when an account is restored', async () => {
      await service.accountSuspended(new UserSuspensionChanged(42, false, 1, ADMIN_CLIENT, new Date()));
      expect(sessions.revokeAllBut).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    });
  });
});
