import type { Db } from './db';

/** GET /api/tags: tags in use, most used first, from the per-tag counters. */
export async function listTags(db: Db): Promise<{ tags: string[] }> {
  const rows = await db.all<{ name: string }>(
    'SELECT name FROM tags WHERE articles_count > 0 ORDER BY articles_count DESC, name ASC',
  );
  return { tags: rows.map((row) => row.name) };
}
