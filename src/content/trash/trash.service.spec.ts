import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { contentConfig } from '../../config/configuration';
import type { JobRunner } from '../../jobs/job-runner.service';
import type { Actor } from '../../policy/roles';
import type { TrashRepository, TrashRow } from './trash.repository';
import { TRASH_PURGE_JOB, TrashService } from './trash.service';

const DAY_MS = 86_400_000;
const RETENTION_MS = 30 * DAY_MS;
const AUTHOR: Actor = { id: 7, role: 'user' };
const MODERATOR_ID = 9;
const DELETED_AT = new Date('2026-03-01T10:00:00.000Z');

const row = (fields: Partial<TrashRow> = {}): TrashRow => ({
  kind: 'article',
  id: 3,
  slug: 'how-to-train-your-dragon',
  title: 'How to train your dragon',
  body: null,
  deletedAt: DELETED_AT,
  deletedBy: AUTHOR.id,
  authorId: AUTHOR.id,
  ...fields,
});

describe('TrashService', () => {
  let trash: jest.Mocked<Pick<TrashRepository, 'findPage' | 'count' | 'purge'>>;
  let runner: jest.Mocked<Pick<JobRunner, 'every'>>;
  let service: TrashService;

  const serviceWith = (trashRetentionMs: number): TrashService => {
    const config: ConfigType<typeof contentConfig> = { revisionsMax: 50, trashRetentionMs };
    return new TrashService(trash as unknown as TrashRepository, runner as unknown as JobRunner, config);
  };

  beforeEach(() => {
    trash = {
      findPage: jest.fn().mockResolvedValue([]),
      count: jest.fn().mockResolvedValue(0),
      purge: jest.fn().mockResolvedValue(0),
    };
    runner = { every: jest.fn() };
    service = serviceWith(RETENTION_MS);
  });

  describe('onModuleInit', () => {
    it('should have the job runner purge the trash every hour, with the cutoff the retention before now', async () => {
      service.onModuleInit();
      expect(runner.every).toHaveBeenCalledWith(TRASH_PURGE_JOB, 3_600_000, expect.any(Function));
      const [[, , purge]] = runner.every.mock.calls;
      const before = Date.now();
      await purge({}, { id: 1, type: TRASH_PURGE_JOB, payload: {}, attempts: 1, maxAttempts: 8 });
      const after = Date.now();
      expect(trash.purge.mock.calls.map(([table]) => table)).toEqual(['articles', 'comments']);
      const [[, cutoff, limit]] = trash.purge.mock.calls;
      expect(limit).toBe(500);
      expect(cutoff.getTime()).toBeGreaterThanOrEqual(before - RETENTION_MS);
      expect(cutoff.getTime()).toBeLessThanOrEqual(after - RETENTION_MS);
    });

    it.each([
      ['half of a short retention', 10 * 60_000, 5 * 60_000],
      ['a second at least', 1000, 1000],
    ])('should run the purge every %s', (_case, retentionMs, everyMs) => {
      serviceWith(retentionMs).onModuleInit();
      expect(runner.every).toHaveBeenCalledWith(TRASH_PURGE_JOB, everyMs, expect.any(Function));
    });
  });

  describe('list', () => {
    it("should read the page and the count of the caller's own trash", async () => {
      trash.count.mockResolvedValue(42);
      expect(await service.list(AUTHOR, { limit: 20, offset: 40 })).toEqual({ trash: [], trashCount: 42 });
      expect(trash.findPage).toHaveBeenCalledWith(AUTHOR.id, 20, 40);
      expect(trash.count).toHaveBeenCalledWith(AUTHOR.id);
    });

    it('should only count for a page of size 0', async () => {
      trash.count.mockResolvedValue(3);
      expect(await service.list(AUTHOR, { limit: 0, offset: 0 })).toEqual({ trash: [], trashCount: 3 });
      expect(trash.findPage).not.toHaveBeenCalled();
    });

    it('should answer each row with when it is purged, who removed it and whether the caller may restore it', async () => {
      const commentDeletedAt = new Date('2026-03-02T08:30:00.000Z');
      trash.findPage.mockResolvedValue([
        row(),
        row({
          kind: 'comment',
          id: 11,
          body: 'First!',
          deletedAt: commentDeletedAt,
          deletedBy: MODERATOR_ID,
        }),
      ]);
      trash.count.mockResolvedValue(2);
      expect(await service.list(AUTHOR, { limit: 20, offset: 0 })).toEqual({
        trash: [
          {
            type: 'article',
            id: 3,
            slug: 'how-to-train-your-dragon',
            title: 'How to train your dragon',
            body: null,
            deletedAt: '2026-03-01T10:00:00.000Z',
            purgeAt: '2026-03-31T10:00:00.000Z',
            removedByModerator: false,
            restorable: true,
          },
          {
            type: 'comment',
            id: 11,
            slug: 'how-to-train-your-dragon',
            title: 'How to train your dragon',
            body: 'First!',
            deletedAt: '2026-03-02T08:30:00.000Z',
            purgeAt: '2026-04-01T08:30:00.000Z',
            removedByModerator: true,
            restorable: false,
          },
        ],
        trashCount: 2,
      });
    });

    it.each(['article', 'comment'] as const)(
      'should show an author their %s removed by an account since gone as removed by a moderator, not restorable',
      async (kind) => {
        trash.findPage.mockResolvedValue([row({ kind, deletedBy: null })]);
        const [item] = (await service.list(AUTHOR, { limit: 20, offset: 0 })).trash;
        expect(item).toMatchObject({ type: kind, removedByModerator: true, restorable: false });
      },
    );

    it.each(['moderator', 'admin'] as const)(
      'should let a %s restore what another moderator removed from their own trash',
      async (role) => {
        const author: Actor = { id: 12, role };
        trash.findPage.mockResolvedValue([
          row({ authorId: 12, deletedBy: MODERATOR_ID }),
          row({ kind: 'comment', id: 11, body: 'x', authorId: 12, deletedBy: MODERATOR_ID }),
        ]);
        const { trash: items } = await service.list(author, { limit: 20, offset: 0 });
        expect(
          items.map(({ removedByModerator, restorable }) => ({ removedByModerator, restorable })),
        ).toEqual([
          { removedByModerator: true, restorable: true },
          { removedByModerator: true, restorable: true },
        ]);
      },
    );
  });

  describe('purge', () => {
    const NOW = new Date('2026-05-01T00:00:00.000Z');
    const CUTOFF = new Date(NOW.getTime() - RETENTION_MS);
    let log: jest.SpyInstance;

    beforeEach(() => {
      log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    });

    afterEach(() => {
      log.mockRestore();
    });

    /** Each table purges its batches in turn; asking once more than the test expects fails it. */
    const purging = (batches: Record<'articles' | 'comments', number[]>): void => {
      trash.purge.mockImplementation(async (table) => {
        const next = batches[table].shift();
        if (next === undefined) throw new Error(`${table} purged once too often`);
        return next;
      });
    };

    it('should purge each table in batches of 500 until a batch comes back short, and answer the totals', async () => {
      purging({ articles: [500, 500, 3], comments: [500, 0] });
      expect(await service.purge(NOW)).toEqual({ articles: 1003, comments: 500 });
      expect(trash.purge.mock.calls).toEqual([
        ['articles', CUTOFF, 500],
        ['articles', CUTOFF, 500],
        ['articles', CUTOFF, 500],
        ['comments', CUTOFF, 500],
        ['comments', CUTOFF, 500],
      ]);
      expect(log).toHaveBeenCalledWith({ msg: 'trash purged', articles: 1003, comments: 500 });
    });

    it('should ask each table once when there is nothing to purge', async () => {
      purging({ articles: [0], comments: [0] });
      expect(await service.purge(NOW)).toEqual({ articles: 0, comments: 0 });
      expect(trash.purge.mock.calls).toEqual([
        ['articles', CUTOFF, 500],
        ['comments', CUTOFF, 500],
      ]);
      expect(log).not.toHaveBeenCalled();
    });

    it('should purge the comments even when the articles took a single short batch', async () => {
      purging({ articles: [7], comments: [499] });
      expect(await service.purge(NOW)).toEqual({ articles: 7, comments: 499 });
      expect(trash.purge).toHaveBeenCalledTimes(2);
    });
  });
});
