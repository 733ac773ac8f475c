import { ListArticlesQueryDto } from './dto/list-articles-query.dto';
import { normaliseTag } from '../tags/tag-name';

/**
 * The SQL of the article reads, written once as text. These are the hottest queries of the API: building them
 * through the query builder on every request cost more CPU than running them. Only fixed fragments go into the
 * text; every value is a bound parameter. The same SQL runs on MySQL/MariaDB and SQLite.
 */

/** Per row: the author, the favorites count, and whether the viewer (0 = nobody) favorited it or follows its author. */
const COLUMNS = `a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  (SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id) AS favoritesCount,
  (SELECT COUNT(*) FROM favorites mf WHERE mf.article_id = a.id AND mf.user_id = ?) AS favorited,
  (SELECT COUNT(*) FROM follows mfo WHERE mfo.following_id = a.author_id AND mfo.follower_id = ?) AS following`;

export interface Sql {
  text: string;
  params: unknown[];
}

/** The matching articles' ids (`id`) and sort keys (`sort_at`) in page order, read from an ordering index alone. */
export type PageIds = Sql;

const NEWEST = 'ORDER BY created_at DESC, id DESC';
const ID_AND_SORT_KEY = 'id, created_at AS sort_at';
const AUTHOR_IS = 'author_id = (SELECT au.id FROM users au WHERE au.username = ?)';
const HAS_TAG =
  'id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id WHERE t.name = ?)';
const FAVORITED_BY =
  'id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = ?)';

export const allIds = (): PageIds => ({
  text: `SELECT ${ID_AND_SORT_KEY} FROM articles ${NEWEST}`,
  params: [],
});

export const authorIds = (author: string): PageIds => ({
  text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE ${AUTHOR_IS} ${NEWEST}`,
  params: [author],
});

export const tagIds = (tag: string): PageIds => ({
  text: `SELECT article_id AS id, created_at AS sort_at FROM article_tags WHERE tag_id = (SELECT t.id FROM tags t WHERE t.name = ?)
    ORDER BY created_at DESC, article_id DESC`,
  params: [normaliseTag(tag)],
});

/** Past this many followed authors, one slice per author costs more than reading them all through one range. */
export const FEED_SLICES_MAX = 100;

/**
 * The feed's newest articles. Each followed author's own newest `offset + limit` come from the (author_id,
 * created_at, id) index, so the work depends on the page, not on how much the authors have written; with very
 * many followed authors, one IN range over all of them.
 */
export function feedIds(viewerId: number, authorIds: number[], reach: number): PageIds {
  if (authorIds.length === 0)
    return { text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE 1 = 0`, params: [] };
  if (authorIds.length > FEED_SLICES_MAX) {
    return {
      text: `SELECT ${ID_AND_SORT_KEY} FROM articles
        WHERE author_id IN (SELECT fo.following_id FROM follows fo WHERE fo.follower_id = ?)
        ${NEWEST}`,
      params: [viewerId],
    };
  }
  const slice = (n: number): string =>
    `SELECT id, created_at FROM (SELECT id, created_at FROM articles WHERE author_id = ? ${NEWEST} LIMIT ?) s${n}`;
  return {
    text: `SELECT ${ID_AND_SORT_KEY} FROM (${authorIds.map((_, n) => slice(n)).join(' UNION ALL ')}) slices ${NEWEST}`,
    params: authorIds.flatMap((authorId) => [authorId, reach]),
  };
}

/** Any combination of filters: the conditions are fixed fragments joined with AND. */
export function filteredIds({ tag, author, favorited }: ListArticlesQueryDto): PageIds {
  const filters: [string, string | undefined][] = [
    [HAS_TAG, tag === undefined ? undefined : normaliseTag(tag)],
    [AUTHOR_IS, author],
    [FAVORITED_BY, favorited],
  ];
  const applied = filters.filter(([, value]) => value !== undefined);
  return {
    text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE ${applied.map(([condition]) => condition).join(' AND ')} ${NEWEST}`,
    params: applied.map(([, value]) => value),
  };
}

/** How many rows a page shape matches in all, by counting them (for shapes without a counter). */
export function countOf(ids: PageIds): Sql {
  return { text: `SELECT COUNT(*) AS count FROM (${ids.text}) matching`, params: ids.params };
}

/**
 * A deferred join: the page's ids first, from the ordering index (LIMIT/OFFSET applied there), then only those rows
 * joined with their authors and per-row subqueries. Otherwise MySQL may join and sort every match before paging.
 * The page is ordered by its own sort keys: ordering by a joined table's columns costs MySQL a temporary table.
 */
export function pageOf(ids: PageIds, limit: number, offset: number, viewerId: number): Sql {
  return {
    text: `SELECT ${COLUMNS} FROM (${ids.text} LIMIT ? OFFSET ?) page
      INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
      ORDER BY page.sort_at DESC, page.id DESC`,
    params: [viewerId, viewerId, ...ids.params, limit, offset],
  };
}

export function articleBySlug(slug: string, viewerId: number): Sql {
  return {
    text: `SELECT ${COLUMNS}, a.body AS body FROM articles a INNER JOIN users u ON u.id = a.author_id WHERE a.slug = ?`,
    params: [viewerId, viewerId, slug],
  };
}

export const TOTAL_ARTICLES = 'SELECT SUM(articles) AS count FROM article_totals';
export const TAG_ARTICLES = 'SELECT articles_count AS count FROM tags WHERE name = ?';
export const AUTHOR_ARTICLES = 'SELECT articles_count AS count FROM users WHERE username = ?';
/** The authors a user follows, with how many articles each has written (the feed's total is their sum). */
export const FOLLOWED_AUTHORS = `SELECT fu.id AS id, fu.articles_count AS articles FROM follows fo
  INNER JOIN users fu ON fu.id = fo.following_id WHERE fo.follower_id = ?`;
