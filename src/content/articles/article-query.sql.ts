import type { Dialect } from '../../database/dialect';
import type { Sql } from '../../database/sql';
import { toSqlTimestamp } from '../../database/timestamps';
import { relevanceSql } from '../search/search.sql';
import type { SearchQuery } from '../search/search-text';
import { columnsFor } from './article-pages.sql';

/** GET /api/articles parameters beyond RealWorld's: any of them makes a request a query of this language. */
export const BEYOND_REALWORLD = [
  'q',
  'tags',
  'tagMatch',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
  'sort',
  'cursor',
] as const;

export const ARTICLE_SORTS = ['newest', 'oldest', 'favorites', 'updated', 'relevance'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

/** Where a cursor page starts: after the article with this sort key and id (keyset), or after `position` rows. */
export type PageStart = { key: string | number; id: number } | { position: number };

/**
 * GET /api/articles beyond RealWorld's filters: several authors, tags (any or all), date ranges, full-text search,
 * a sort, and a cursor. Every condition is on the published article `a`; each uses an index of its own.
 */
export interface QueryFilter {
  kind: 'query';
  authors?: string[];
  tags?: { names: string[]; match: 'any' | 'all' };
  favorited?: string;
  created?: DateRange;
  updated?: DateRange;
  /** Full-text search: null when `q` held no indexed word (nothing matches). */
  text?: SearchQuery | null;
  sort: ArticleSort;
}

export interface DateRange {
  from?: Date;
  to?: Date;
}

/**
 * The sort column of each sort but relevance, read down its index: (listed_at, id) for newest and oldest (both
 * directions), (favorites_count, id), (updated_at, id).
 */
const SORT_COLUMNS: Record<Exclude<ArticleSort, 'relevance'>, string> = {
  newest: 'a.listed_at',
  oldest: 'a.listed_at',
  favorites: 'a.favorites_count',
  updated: 'a.updated_at',
};

/** Whether the filter narrows the articles at all (else the total comes from the counters). */
export function narrows(filter: QueryFilter): boolean {
  const { authors, tags, favorited, created, updated, text } = filter;
  return [authors, tags, favorited, created, updated, text].some((value) => value !== undefined);
}

/** The conditions on `a` (a published article), with their parameters. */
function conditionsSql(filter: QueryFilter): Sql {
  const parts: string[] = ['a.listed_at IS NOT NULL'];
  const params: unknown[] = [];
  const add = (text: string, ...values: unknown[]): void => {
    parts.push(text);
    params.push(...values);
  };
  if (filter.authors)
    add(
      `a.author_id IN (SELECT au.id FROM users au WHERE au.username IN (${marks(filter.authors)}))`,
      ...filter.authors,
    );
  if (filter.tags) {
    const { names, match } = filter.tags;
    // Each name matched by one of the article's tags, compared as the column compares: on MySQL 'café' and 'cafe'
    // are one tag (a count of names would want two).
    const each = names.map(() => 'MAX(CASE WHEN t.name = ? THEN 1 ELSE 0 END) = 1').join(' AND ');
    const having = match === 'all' ? ` GROUP BY l.article_id HAVING ${each}` : '';
    add(
      `a.id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id
        WHERE t.name IN (${marks(names)})${having})`,
      ...names,
      ...(match === 'all' ? names : []),
    );
  }
  if (filter.favorited !== undefined)
    add(
      `a.id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = ?)`,
      filter.favorited,
    );
  for (const [column, range] of [
    ['a.created_at', filter.created],
    ['a.updated_at', filter.updated],
  ] as const) {
    if (range?.from) add(`${column} >= ?`, toSqlTimestamp(range.from));
    if (range?.to) add(`${column} < ?`, toSqlTimestamp(range.to));
  }
  return { text: parts.join(' AND '), params };
}

const marks = (values: unknown[]): string => values.map(() => '?').join(', ');

const isDescending = (sort: ArticleSort): boolean => sort !== 'oldest';

/**
 * The matching articles' ids (`id`) and sort keys (`sort_at`) in the sort's order, from `start` on, at most
 * `limit`; with text, also the number of all matches (`total`). Without text, one SELECT down the sort's index with the conditions checked on the way (a keyset
 * condition skips what earlier pages had); with text, the matches of the full-text index, sorted.
 */
export function queryIdsSql(
  filter: QueryFilter,
  start: PageStart | undefined,
  limit: number,
  dialect: Dialect,
): Sql {
  const conditions = conditionsSql(filter);
  const direction = isDescending(filter.sort) ? 'DESC' : 'ASC';
  const skip = start && 'position' in start ? start.position : 0;
  if (filter.text === null) return { text: 'SELECT id, id AS sort_at FROM articles WHERE 1 = 0', params: [] };
  if (filter.text !== undefined) {
    const search = relevanceSql(filter.text, dialect.fullText);
    const key =
      filter.sort === 'relevance' ? search.relevance : { text: SORT_COLUMNS[filter.sort], params: [] };
    const after = keysetSql('sort_at', 'id', start, direction);
    // The total rides on the rows (a window over every match, before the cursor narrows them): the full-text
    // index is read once per page, not once more to count. A level of its own: FTS5's bm25() cannot share a
    // SELECT with a window.
    return {
      text: `SELECT id, sort_at, total FROM (SELECT id, sort_at, COUNT(*) OVER () AS total
          FROM (SELECT a.id AS id, ${key.text} AS sort_at FROM ${search.from}
          WHERE ${search.match.text} AND ${conditions.text}) scored) matches
        ${after.text ? `WHERE ${after.text}` : ''}
        ORDER BY sort_at ${direction}, id ${direction} LIMIT ? OFFSET ?`,
      params: [...key.params, ...search.match.params, ...conditions.params, ...after.params, limit, skip],
    };
  }
  const column = SORT_COLUMNS[filter.sort === 'relevance' ? 'newest' : filter.sort];
  const after = keysetSql(column, 'a.id', start, direction);
  return {
    text: `SELECT a.id AS id, ${column} AS sort_at FROM articles a
      WHERE ${conditions.text}${after.text ? ` AND ${after.text}` : ''}
      ORDER BY ${column} ${direction}, a.id ${direction} LIMIT ? OFFSET ?`,
    params: [...conditions.params, ...after.params, limit, skip],
  };
}

/** Rows after the cursor's: (key, id) strictly past it in the sort's direction. */
function keysetSql(column: string, id: string, start: PageStart | undefined, direction: 'ASC' | 'DESC'): Sql {
  if (!start || !('key' in start)) return { text: '', params: [] };
  const past = direction === 'DESC' ? '<' : '>';
  // A time travels in the cursor as ISO 8601 text; a count as a number.
  const key = typeof start.key === 'number' ? start.key : toSqlTimestamp(new Date(start.key));
  return {
    // The bound first (`<=`), so that both engines read the index from the cursor on; then strictly past it.
    text: `${column} ${past}= ? AND (${column} ${past} ? OR ${id} ${past} ?)`,
    params: [key, key, start.id],
  };
}

/**
 * The page: the ids first (queryIdsSql), then only those rows with their authors and per-viewer fields; a search's
 * rows carry the total of its matches (`articlesCount`).
 */
export function queryPageSql(
  filter: QueryFilter,
  start: PageStart | undefined,
  limit: number,
  viewerId: number,
  dialect: Dialect,
): Sql {
  const columns = columnsFor(viewerId, dialect);
  const ids = queryIdsSql(filter, start, limit, dialect);
  const direction = isDescending(filter.sort) ? 'DESC' : 'ASC';
  const total = filter.text ? ', page.total AS articlesCount' : '';
  return {
    text: `SELECT ${columns.text}, page.sort_at AS sortKey${total} FROM (${ids.text}) page
      INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
      ORDER BY page.sort_at ${direction}, page.id ${direction}`,
    params: [...columns.params, ...ids.params],
  };
}

/** How many articles the filter matches (no page, no order). */
export function queryCountSql(filter: QueryFilter, dialect: Dialect): Sql {
  if (filter.text === null) return { text: 'SELECT 0 AS count', params: [] };
  const conditions = conditionsSql(filter);
  if (filter.text === undefined)
    return {
      text: `SELECT COUNT(*) AS count FROM articles a WHERE ${conditions.text}`,
      params: conditions.params,
    };
  const search = relevanceSql(filter.text, dialect.fullText);
  return {
    text: `SELECT COUNT(*) AS count FROM ${search.from} WHERE ${search.match.text} AND ${conditions.text}`,
    params: [...search.match.params, ...conditions.params],
  };
}
