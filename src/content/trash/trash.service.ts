import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { contentConfig } from '../../config/configuration';
import { JobRunner } from '../../jobs/job-runner.service';
import { canRestore, removedByModerator } from '../../policy/policy';
import type { Actor } from '../../policy/roles';
import { TrashItemDto, TrashResponseDto } from './dto/trash.dto';
import { TrashRepository, type TrashRow } from './trash.repository';

export const TRASH_PURGE_JOB = 'trash.purge';
const PURGE_BATCH = 500;

/**
 * The caller's trash (articles and comments they wrote that are in it), and its purge: a periodic job of the job
 * runner (one instance each time) deletes for good what has been in the trash longer than TRASH_RETENTION.
 */
@Injectable()
export class TrashService implements OnModuleInit {
  private readonly logger = new Logger(TrashService.name);

  constructor(
    private readonly trash: TrashRepository,
    private readonly runner: JobRunner,
    @Inject(contentConfig.KEY) private readonly config: ConfigType<typeof contentConfig>,
  ) {}

  onModuleInit(): void {
    // Often enough that nothing outlives its retention by more than half of it (at most an hour).
    const everyMs = Math.min(3_600_000, Math.max(1000, Math.floor(this.config.trashRetentionMs / 2)));
    this.runner.every(TRASH_PURGE_JOB, everyMs, async () => {
      await this.purge();
    });
  }

  async list(actor: Actor, { limit, offset }: PaginationQueryDto): Promise<TrashResponseDto> {
    const [rows, count] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : this.trash.findPage(actor.id, limit, offset),
      this.trash.count(actor.id),
    ]);
    return { trash: rows.map((row) => this.toItem(row, actor)), trashCount: count };
  }

  /** Answers how many articles and comments went. */
  async purge(now = new Date()): Promise<{ articles: number; comments: number }> {
    const cutoff = new Date(now.getTime() - this.config.trashRetentionMs);
    const purged = { articles: 0, comments: 0 };
    for (const table of ['articles', 'comments'] as const) {
      for (let batch = PURGE_BATCH; batch === PURGE_BATCH;) {
        batch = await this.trash.purge(table, cutoff, PURGE_BATCH);
        purged[table] += batch;
      }
    }
    if (purged.articles + purged.comments > 0) this.logger.log({ msg: 'trash purged', ...purged });
    return purged;
  }

  private toItem(row: TrashRow, actor: Actor): TrashItemDto {
    const permission = row.kind === 'article' ? 'article.restore' : 'comment.restore';
    return {
      type: row.kind,
      id: row.id,
      slug: row.slug,
      title: row.title,
      body: row.body,
      deletedAt: row.deletedAt.toISOString(),
      purgeAt: new Date(row.deletedAt.getTime() + this.config.trashRetentionMs).toISOString(),
      removedByModerator: removedByModerator(row),
      restorable: canRestore(actor, permission, row),
    };
  }
}
