import { createHash } from 'node:crypto';
import { rejection, TX } from '../../../test/support/unit-doubles';
import type { JobRunner } from '../../jobs/job-runner.service';
import type { AccountTokensRepository } from './account-tokens.repository';
import { AccountTokens, INVALID_TOKEN } from './account-tokens.service';

const CONFIG = {
  requireEmailConfirmation: false,
  passwordResetTtlMs: 3_600_000,
  emailTokenTtlMs: 86_400_000,
};
const TOKEN = 'A'.repeat(21) + '-' + 'b'.repeat(20) + '_';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('AccountTokens', () => {
  let repository: jest.Mocked<AccountTokensRepository>;
  let runner: jest.Mocked<JobRunner>;
  let tokens: AccountTokens;

  beforeEach(() => {
    repository = {
      insert: jest.fn().mockResolvedValue(undefined),
      use: jest.fn().mockResolvedValue({ userId: 42, email: 'jake@example.com' }),
      retire: jest.fn().mockResolvedValue(undefined),
      deleteExpired: jest.fn().mockResolvedValue(0),
    } as unknown as jest.Mocked<AccountTokensRepository>;
    runner = { every: jest.fn() } as unknown as jest.Mocked<JobRunner>;
    tokens = new AccountTokens(repository, runner, CONFIG);
  });

  describe('onModuleInit', () => {
    it('should have the job runner delete expired tokens every hour', async () => {
      tokens.onModuleInit();
      expect(runner.every).toHaveBeenCalledWith('account-tokens.purge', 3_600_000, expect.any(Function));
      const [[, , purge]] = runner.every.mock.calls;
      const before = Date.now();
      await purge({}, { id: 1, type: 'account-tokens.purge', payload: {}, attempts: 1, maxAttempts: 8 });
      const [now] = repository.deleteExpired.mock.calls[0];
      expect(now.getTime()).toBeGreaterThanOrEqual(before);
      expect(now.getTime()).toBeLessThanOrEqual(Date.now());
    });
  });

  describe('issue', () => {
    it.each([
      ['password-reset', CONFIG.passwordResetTtlMs],
      ['email-confirmation', CONFIG.emailTokenTtlMs],
      ['email-change', CONFIG.emailTokenTtlMs],
    ] as const)(
      'should store only the hash of a new %s token, expiring after its lifetime',
      async (purpose, ttl) => {
        const token = await tokens.issue(42, purpose, 'jake@example.com', TX);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(repository.insert).toHaveBeenCalledWith(
          {
            tokenHash: sha256(token),
            userId: 42,
            purpose,
            email: 'jake@example.com',
            createdAt: expect.any(Date),
            expiresAt: expect.any(Date),
          },
          TX,
        );
        const [{ createdAt, expiresAt }] = repository.insert.mock.calls[0];
        expect(expiresAt.getTime() - createdAt.getTime()).toBe(ttl);
        expect(JSON.stringify(repository.insert.mock.calls)).not.toContain(token);
      },
    );

    it('should issue a different secret every time', async () => {
      const first = await tokens.issue(42, 'password-reset', 'jake@example.com', TX);
      const second = await tokens.issue(42, 'password-reset', 'jake@example.com', TX);
      expect(first).not.toBe(second);
    });
  });

  describe('use', () => {
    it('should use the token by its hash in the transaction and answer what it was for', async () => {
      expect(await tokens.use(TOKEN, 'email-change', TX)).toEqual({ userId: 42, email: 'jake@example.com' });
      expect(repository.use).toHaveBeenCalledWith(sha256(TOKEN), 'email-change', expect.any(Date), TX);
    });

    it('should answer 422 when the token is unknown, used, expired or of another purpose', async () => {
      repository.use.mockResolvedValue(null);
      expect(await rejection(tokens.use(TOKEN, 'password-reset', TX))).toEqual({
        status: 422,
        body: { errors: INVALID_TOKEN },
      });
    });

    it.each([
      ['that is too short', TOKEN.slice(1)],
      ['that is too long', `${TOKEN}A`],
      ['with a character base64url does not use', `${TOKEN.slice(1)}+`],
      ['that is empty', ''],
    ])('should answer the same 422 for a token %s, without a lookup', async (_case, token) => {
      expect(await rejection(tokens.use(token, 'password-reset', TX))).toEqual({
        status: 422,
        body: { errors: { token: ['is invalid or has expired'] } },
      });
      expect(repository.use).not.toHaveBeenCalled();
    });
  });

  describe('retire', () => {
    it("should retire the user's unused tokens of the purpose in the transaction", async () => {
      await tokens.retire(42, 'password-reset', TX);
      expect(repository.retire).toHaveBeenCalledWith(42, 'password-reset', expect.any(Date), TX);
    });
  });
});
