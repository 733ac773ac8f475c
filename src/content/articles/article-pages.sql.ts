import { viewerFollowsSql } from '../../users/follows.repository';
import type { ArticleFilter, FeedFilter, ListFilter } from './article-filter';

// The SQL fragments ArticlesRepository composes its page and count queries from (its methods are the only users;
// the bench's ceiling server sends the same text). The statements they make are in src/database/queries.

/** Per row: the author, the favorites count, whether the viewer (bound twice, first) favorited it and follows its author. */
export const COLUMNS = `a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  (SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id) AS favoritesCount,
  (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited,
  ${viewerFollowsSql('a.author_id')} AS following`;

export interface Sql {
  text: string;
  params: unknown[];
}

const NEWEST = 'ORDER BY created_at DESC, id DESC';
const ID_AND_SORT_KEY = 'id, created_at AS sort_at';
const AUTHOR_IS = 'author_id = (SELECT au.id FROM users au WHERE au.username = ?)';
const HAS_TAG =
  'id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id WHERE t.name = ?)';
const FAVORITED_BY =
  'id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = ?)';

/** Past this many followed authors, one slice per author costs more than reading them all through one range. */
export const FEED_SLICES_MAX = 100;

/** The filter's article ids (`id`) and sort keys (`sort_at`), newest first, read from an ordering index alone. */
export function pageIdsSql(filter: ArticleFilter): Sql {
  switch (filter.kind) {
    case 'all':
      return { text: `SELECT ${ID_AND_SORT_KEY} FROM articles ${NEWEST}`, params: [] };
    case 'tag':
      return {
        text: `SELECT article_id AS id, created_at AS sort_at FROM article_tags
          WHERE tag_id = (SELECT t.id FROM tags t WHERE t.name = ?) ORDER BY created_at DESC, article_id DESC`,
        params: [filter.tag],
      };
    case 'author':
      return {
        text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE ${AUTHOR_IS} ${NEWEST}`,
        params: [filter.author],
      };
    case 'combined':
      return combinedIdsSql(filter);
    case 'feed':
      return feedIdsSql(filter);
  }
}

function combinedIdsSql({
  tag,
  author,
  favorited,
}: {
  tag?: string;
  author?: string;
  favorited?: string;
}): Sql {
  const applied = (
    [
      [HAS_TAG, tag],
      [AUTHOR_IS, author],
      [FAVORITED_BY, favorited],
    ] as const
  ).filter(([, value]) => value !== undefined);
  return {
    text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE ${applied.map(([condition]) => condition).join(' AND ')} ${NEWEST}`,
    params: applied.map(([, value]) => value),
  };
}

/**
 * Each followed author's own newest `reach` come from the (author_id, created_at, id) index, so the work depends
 * on the page, not on how much the authors have written; with very many followed authors, one IN range.
 */
function feedIdsSql({ followerId, authorIds, reach }: FeedFilter): Sql {
  if (authorIds.length === 0)
    return { text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE 1 = 0`, params: [] };
  if (authorIds.length > FEED_SLICES_MAX) {
    return {
      text: `SELECT ${ID_AND_SORT_KEY} FROM articles
        WHERE author_id IN (SELECT fo.following_id FROM follows fo WHERE fo.follower_id = ?) ${NEWEST}`,
      params: [followerId],
    };
  }
  const slice = (n: number): string =>
    `SELECT id, created_at FROM (SELECT id, created_at FROM articles WHERE author_id = ? ${NEWEST} LIMIT ?) s${n}`;
  return {
    text: `SELECT ${ID_AND_SORT_KEY} FROM (${authorIds.map((_, n) => slice(n)).join(' UNION ALL ')}) slices ${NEWEST}`,
    params: authorIds.flatMap((authorId) => [authorId, reach]),
  };
}

/**
 * A deferred join: the page's ids first, from the ordering index (LIMIT/OFFSET applied there), then only those rows
 * joined with their authors and per-row subqueries. Otherwise MySQL may join and sort every match before paging.
 * The page is ordered by its own sort keys: ordering by a joined table's columns costs MySQL a temporary table.
 */
export function pageSql(ids: Sql, limit: number, offset: number, viewerId: number): Sql {
  return {
    text: `SELECT ${COLUMNS} FROM (${ids.text} LIMIT ? OFFSET ?) page
      INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
      ORDER BY page.sort_at DESC, page.id DESC`,
    params: [viewerId, viewerId, ...ids.params, limit, offset],
  };
}

/** How many articles a list filter matches: from the counters for the common shapes, else by counting. */
export function countSql(filter: ListFilter): Sql {
  switch (filter.kind) {
    case 'all':
      return { text: 'SELECT SUM(articles) AS count FROM article_totals', params: [] };
    case 'tag':
      return { text: 'SELECT articles_count AS count FROM tags WHERE name = ?', params: [filter.tag] };
    case 'author':
      return {
        text: 'SELECT articles_count AS count FROM users WHERE username = ?',
        params: [filter.author],
      };
    case 'combined': {
      const ids = combinedIdsSql(filter);
      return { text: `SELECT COUNT(*) AS count FROM (${ids.text}) matching`, params: ids.params };
    }
  }
}
