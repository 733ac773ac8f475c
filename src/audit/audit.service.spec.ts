import type { JobRunner } from '../jobs/job-runner.service';
import type { AuditRepository, AuditRow } from './audit.repository';
import { AuditService } from './audit.service';

const DAY_MS = 86_400_000;
const CREATED = new Date('2026-02-01T12:00:00.000Z');

const stored = (fields: Partial<AuditRow> = {}): AuditRow => ({
  id: 12,
  type: 'role.changed',
  actorId: 1,
  actor: 'root',
  targetType: 'user',
  targetId: '42',
  address: '198.51.100.1',
  userAgent: 'admin-ui',
  requestId: 'req-9',
  details: { from: 'user', to: 'moderator' },
  createdAt: CREATED,
  ...fields,
});

describe('AuditService', () => {
  let audit: jest.Mocked<AuditRepository>;
  let runner: jest.Mocked<JobRunner>;
  let service: AuditService;

  beforeEach(() => {
    audit = {
      findPage: jest.fn().mockResolvedValue({ events: [], count: 0 }),
      deleteBefore: jest.fn().mockResolvedValue(0),
    } as unknown as jest.Mocked<AuditRepository>;
    runner = { every: jest.fn() } as unknown as jest.Mocked<JobRunner>;
    service = new AuditService(audit, runner, { retentionMs: 90 * DAY_MS });
  });

  describe('onModuleInit', () => {
    it('should have the job runner delete the events older than the retention every hour', async () => {
      service.onModuleInit();
      expect(runner.every).toHaveBeenCalledWith('audit.purge', 3_600_000, expect.any(Function));
      const [[, , purge]] = runner.every.mock.calls;
      const before = Date.now();
      await purge({}, { id: 1, type: 'audit.purge', payload: {}, attempts: 1, maxAttempts: 8 });
      const [cutoff] = audit.deleteBefore.mock.calls[0];
      expect(cutoff.getTime()).toBeGreaterThanOrEqual(before - 90 * DAY_MS);
      expect(cutoff.getTime()).toBeLessThanOrEqual(Date.now() - 90 * DAY_MS);
    });
  });

  describe('list', () => {
    it('should pass the page alone when no filter is given', async () => {
      await service.list({ limit: 20, offset: 40 });
      expect(audit.findPage.mock.calls[0][0]).toStrictEqual({ limit: 20, offset: 40 });
    });

    it('should pass every filter given, and only those', async () => {
      const from = new Date('2026-01-01T00:00:00.000Z');
      const to = new Date('2026-02-01T00:00:00.000Z');
      await service.list({
        limit: 5,
        offset: 0,
        actor: 'root',
        targetType: 'user',
        targetId: '42',
        type: 'user.suspended',
        from,
        to,
      });
      expect(audit.findPage).toHaveBeenCalledWith({
        limit: 5,
        offset: 0,
        actor: 'root',
        targetType: 'user',
        targetId: '42',
        type: 'user.suspended',
        from,
        to,
      });
      await service.list({ limit: 5, offset: 0, type: 'content.removed' });
      expect(audit.findPage.mock.lastCall?.[0]).toStrictEqual({
        limit: 5,
        offset: 0,
        type: 'content.removed',
      });
    });

    it('should answer each event with its actor by username and its target, and how many match', async () => {
      audit.findPage.mockResolvedValueOnce({ events: [stored()], count: 57 });
      expect(await service.list({ limit: 1, offset: 0 })).toEqual({
        events: [
          {
            id: 12,
            type: 'role.changed',
            actor: 'root',
            target: { type: 'user', id: '42' },
            address: '198.51.100.1',
            userAgent: 'admin-ui',
            requestId: 'req-9',
            details: { from: 'user', to: 'moderator' },
            createdAt: CREATED.toISOString(),
          },
        ],
        eventsCount: 57,
      });
    });

    it('should answer an event without a target, or by nobody signed in, with nulls', async () => {
      audit.findPage.mockResolvedValueOnce({
        events: [
          stored({ type: 'sign-in.failed', actorId: null, actor: null, targetType: null, targetId: null }),
        ],
        count: 1,
      });
      const [event] = (await service.list({ limit: 20, offset: 0 })).events;
      expect(event).toMatchObject({ actor: null, target: null });
      expect(event).not.toHaveProperty('actorId');
    });
  });
});
