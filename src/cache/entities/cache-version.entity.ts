import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The id of cache_versions' one row. */
export const CACHE_VERSION_ID = 1;

/**
 * The version of the data as writes outside this process's reach leave it (`npm run seed` beside a running server):
 * such a writer advances it, and every instance, polling it, retires its whole response cache when it moves
 * (CacheVersionWatcher). The API's own writes retire what they change through the domain events instead.
 */
@Entity('cache_versions')
export class CacheVersion {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', default: 0 })
  version: number;
}
