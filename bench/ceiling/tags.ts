import { TAGS_IN_USE_SQL } from '../../src/content/tags/tags.repository';
import type { Db } from './db';

/** GET /api/tags: tags in use, most used first, from the per-tag counters (one query; both ceilings send Folio's). */
export async function listTags(db: Db): Promise<{ tags: string[] }> {
  const rows = await db.all<{ name: string }>(TAGS_IN_USE_SQL);
  return { tags: rows.map((row) => row.name) };
}
