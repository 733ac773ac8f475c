import type { DataSource } from 'typeorm';

/**
 * Every counter the writes keep, held against the rows it counts: the article total, each tag's and each author's
 * count of listed (published, not trashed) articles, and each article's favorites. Empty when all are exact.
 */
export async function counterDrift(dataSource: DataSource): Promise<Record<string, unknown>> {
  const drift: Record<string, unknown> = {};
  const [total] = await dataSource.query(
    `SELECT (SELECT SUM(articles) FROM article_totals) AS counted,
       (SELECT COUNT(*) FROM articles WHERE listed_at IS NOT NULL) AS listed`,
  );
  if (Number(total.counted) !== Number(total.listed)) drift.articleTotal = total;
  const checks: Record<string, string> = {
    tags: `SELECT t.name FROM tags t WHERE t.articles_count <>
      (SELECT COUNT(*) FROM article_tags l WHERE l.tag_id = t.id AND l.listed_at IS NOT NULL)`,
    users: `SELECT u.username FROM users u WHERE u.articles_count <>
      (SELECT COUNT(*) FROM articles a WHERE a.author_id = u.id AND a.listed_at IS NOT NULL)`,
    favorites: `SELECT a.slug FROM articles a WHERE a.favorites_count <>
      (SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id)`,
    tagLinks: `SELECT l.article_id FROM article_tags l INNER JOIN articles a ON a.id = l.article_id
      WHERE NOT (l.listed_at <=> a.listed_at)`,
  };
  for (const [name, sql] of Object.entries(checks)) {
    const rows = await dataSource.query(sql.replace('<=>', isSqlite(dataSource) ? 'IS' : '<=>'));
    if (rows.length > 0) drift[name] = rows;
  }
  return drift;
}

const isSqlite = (dataSource: DataSource): boolean => dataSource.options.type === 'better-sqlite3';
