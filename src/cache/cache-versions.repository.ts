import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { GenerateSql } from '../database/generate-sql.decorator';
import { CACHE_VERSION_ID } from './entities/cache-version.entity';

/** cache_versions: one row, read by every instance each second, advanced by writers the cache cannot see. */
@Injectable()
export class CacheVersionsRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql()
  async current(): Promise<number> {
    const [row] = await this.db.query<{ version: number | string }>(
      'SELECT version FROM cache_versions WHERE id = ?',
      [CACHE_VERSION_ID],
    );
    return Number(row?.version ?? 0);
  }

  /** Atomic: two writers advancing at once make two steps, never one. */
  @GenerateSql()
  async advance(): Promise<void> {
    await this.db.execute('UPDATE cache_versions SET version = version + 1 WHERE id = ?', [CACHE_VERSION_ID]);
  }
}
