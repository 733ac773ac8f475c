import { Sink } from './sink';
import { tagNames } from './text';

/**
 * Tags are written last, with their exact articles_count (tag id = popularity rank + 1). Folio's counters count
 * published articles only; every seeded article is published.
 */
export async function seedTags(sink: Sink, tagCounts: Int32Array): Promise<string[]> {
  const names = tagNames(tagCounts.length - 1);
  const rows = names.map((name, i) => [i + 1, name, tagCounts[i + 1]]);
  await sink.insert('tags', ['id', 'name', 'articles_count'], rows);
  return names;
}

/** The migration created 16 shards at 0: shard 0 takes the whole total (every seeded article is published). */
export async function seedArticleTotals(sink: Sink, articles: number): Promise<void> {
  await sink.query('UPDATE article_totals SET articles = CASE WHEN shard = 0 THEN ? ELSE 0 END', [articles]);
}

/** Each favorited article's favorites_count, from the favorites written (the others keep the default 0). */
export async function seedFavoriteCounts(sink: Sink): Promise<void> {
  await sink.query(
    `UPDATE articles SET favorites_count = (SELECT COUNT(*) FROM favorites f WHERE f.article_id = articles.id)
     WHERE id IN (SELECT article_id FROM favorites)`,
  );
}

/** A published article is listed (at its publication time); any other is not (listed_at NULL). */
const LISTED = 'listed_at IS NOT NULL';

const CHECKS: { name: string; sql: string }[] = [
  {
    name: 'article_totals = COUNT(published articles)',
    sql: `SELECT (SELECT SUM(articles) FROM article_totals) - (SELECT COUNT(*) FROM articles WHERE ${LISTED}) AS off`,
  },
  {
    name: 'article_totals has 16 shards',
    sql: 'SELECT COUNT(*) - 16 AS off FROM article_totals',
  },
  {
    name: 'tags.articles_count = listed links per tag',
    sql: `SELECT COUNT(*) AS off FROM tags t
          LEFT JOIN (SELECT tag_id, COUNT(*) AS n FROM article_tags WHERE ${LISTED} GROUP BY tag_id) l
            ON l.tag_id = t.id
          WHERE t.articles_count <> COALESCE(l.n, 0)`,
  },
  {
    name: 'users.articles_count = published articles per author',
    sql: `SELECT COUNT(*) AS off FROM users u
          LEFT JOIN (SELECT author_id, COUNT(*) AS n FROM articles WHERE ${LISTED} GROUP BY author_id) a
            ON a.author_id = u.id
          WHERE u.articles_count <> COALESCE(a.n, 0)`,
  },
  {
    name: 'articles.favorites_count = favorites per article',
    sql: `SELECT COUNT(*) AS off FROM articles a
          LEFT JOIN (SELECT article_id, COUNT(*) AS n FROM favorites GROUP BY article_id) f ON f.article_id = a.id
          WHERE a.favorites_count <> COALESCE(f.n, 0)`,
  },
  {
    name: 'articles.listed_at = published_at when published, else NULL',
    sql: `SELECT COUNT(*) AS off FROM articles
          WHERE (status = 'published') <> (${LISTED}) OR listed_at <> published_at
            OR (${LISTED} AND published_at IS NULL)`,
  },
  {
    name: 'article_tags.listed_at = articles.listed_at',
    sql: `SELECT COUNT(*) AS off FROM article_tags l INNER JOIN articles a ON a.id = l.article_id
          WHERE (l.listed_at IS NULL) <> (a.listed_at IS NULL) OR l.listed_at <> a.listed_at`,
  },
];

/** Recounts everything the counters claim; throws on the first difference. */
export async function verifyCounters(sink: Sink): Promise<void> {
  for (const check of CHECKS) {
    const [row] = await sink.query<{ off: number | string | null }>(check.sql);
    if (Number(row?.off ?? 0) !== 0)
      throw new Error(`counter check failed: ${check.name} (off by ${row.off})`);
  }
}
