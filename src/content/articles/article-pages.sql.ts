import type { Dialect } from '../../database/dialect';
import type { Sql } from '../../database/sql';
import { NO_VIEWER, viewerFollowsSql } from '../../users/follows.repository';
import type { ArticleFilter, FeedFilter, ListFilter, OwnFilter } from './article-filter';

// The SQL fragments ArticlesRepository composes its page and count queries from (its methods are the only users;
// the bench's "same SQL" ceiling server sends the same text). The statements they make are in src/database/queries.

export type { Sql };

/**
 * Per row: the author, the favorites count (a counter), the tag names (tagListOf decodes them), whether the viewer favorited it
 * and follows its author. An anonymous caller has favorited and followed nothing, so for them those two are
 * constants, not subqueries. The tags come with the row, so a page or an article is one round trip, not two.
 */
export function columnsFor(viewerId: number, dialect: Dialect): Sql {
  const anonymous = viewerId === NO_VIEWER;
  const following = viewerFollowsSql('a.author_id', viewerId);
  const favorited = anonymous
    ? '0'
    : '(SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?)';
  return {
    text: `a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  ${tagNamesSql(dialect)} AS tagNames, ${favorited} AS favorited, ${following.text} AS following`,
    params: anonymous ? [] : [viewerId, ...following.params],
  };
}

/**
 * The article's tag names in the author's order, each hex-encoded (its UTF-8 bytes), comma-separated: a name may
 * hold any character, a comma included, and hex holds none. NULL for an article without tags.
 */
function tagNamesSql(dialect: Dialect): string {
  return `(SELECT ${dialect.orderedList('HEX(t.name)', 'lt.position')} FROM article_tags lt
    INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id)`;
}

/**
 * Below this offset a page is one query that walks the ordering index and joins as it goes, stopping after
 * offset + limit rows; from it on, the deferred join (ids from the covering index first) reads fewer rows. Measured
 * with `npm run bench:offsets` at 1M articles on MariaDB and SQLite (bench/RESULTS.md).
 */
export const DIRECT_PAGE_MAX_OFFSET = 40;

// Lists show published articles only: those with a sort key (`listed_at`, NULL otherwise), read down its indexes.
const LISTED = 'listed_at IS NOT NULL';
const NEWEST = 'ORDER BY listed_at DESC, id DESC';
const ID_AND_SORT_KEY = 'id, listed_at AS sort_at';
const AUTHOR_IS = 'author_id = (SELECT au.id FROM users au WHERE au.username = ?)';
const HAS_TAG =
  'id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id WHERE t.name = ?)';
const FAVORITED_BY =
  'id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = ?)';

/** Past this many followed authors, one slice per author costs more than reading them all through one range. */
export const FEED_SLICES_MAX = 100;

/** The filter's article ids (`id`) and sort keys (`sort_at`), newest first, read from an ordering index alone. */
export function pageIdsSql(filter: ArticleFilter, dialect: Dialect): Sql {
  switch (filter.kind) {
    case 'all':
      return { text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE ${LISTED} ${NEWEST}`, params: [] };
    case 'tag':
      return {
        text: `SELECT article_id AS id, listed_at AS sort_at FROM article_tags
          WHERE tag_id = (SELECT t.id FROM tags t WHERE t.name = ?) AND ${LISTED}
          ORDER BY listed_at DESC, article_id DESC`,
        params: [filter.tag],
      };
    case 'author':
      return {
        text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE ${AUTHOR_IS} AND ${LISTED} ${NEWEST}`,
        params: [filter.author],
      };
    case 'combined':
      return combinedIdsSql(filter);
    case 'feed':
      return feedIdsSql(filter);
    case 'own':
      return ownIdsSql(filter);
  }
}

/**
 * An author's own articles in any status (or one), newest written first, from (author_id, created_at, id); those in
 * the trash are the trash list's.
 */
function ownIdsSql({ authorId, status }: OwnFilter): Sql {
  return {
    text: `SELECT id, created_at AS sort_at FROM articles
      WHERE author_id = ?${status ? ' AND status = ?' : ''} AND deleted_at IS NULL
      ORDER BY created_at DESC, id DESC`,
    params: status ? [authorId, status] : [authorId],
  };
}

/** The conditions of tag, author and favorited filters on an article, each by its own index. */
function filterConditions({
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
    text: applied.map(([condition]) => condition).join(' AND '),
    params: applied.map(([, value]) => value),
  };
}

function combinedIdsSql(filter: { tag?: string; author?: string; favorited?: string }): Sql {
  const conditions = filterConditions(filter);
  return {
    text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE ${[conditions.text, LISTED].filter(Boolean).join(' AND ')} ${NEWEST}`,
    params: conditions.params,
  };
}

/**
 * Each followed author's own newest `reach` come from the (author_id, listed_at, id) index, so the work depends
 * on the page, not on how much the authors have written; with very many followed authors, one IN range.
 */
function feedIdsSql({ followerId, authorIds, reach }: FeedFilter): Sql {
  if (authorIds.length === 0)
    return { text: `SELECT ${ID_AND_SORT_KEY} FROM articles WHERE 1 = 0`, params: [] };
  if (authorIds.length > FEED_SLICES_MAX) {
    return {
      text: `SELECT ${ID_AND_SORT_KEY} FROM articles
        WHERE author_id IN (SELECT fo.following_id FROM follows fo WHERE fo.follower_id = ?) AND ${LISTED} ${NEWEST}`,
      params: [followerId],
    };
  }
  const slice = (n: number): string =>
    `SELECT id, listed_at FROM (SELECT id, listed_at FROM articles WHERE author_id = ? AND ${LISTED} ${NEWEST} LIMIT ?) s${n}`;
  return {
    text: `SELECT ${ID_AND_SORT_KEY} FROM (${authorIds.map((_, n) => slice(n)).join(' UNION ALL ')}) slices ${NEWEST}`,
    params: authorIds.flatMap((authorId) => [authorId, reach]),
  };
}

/** One page of a filter, the cheaper way for its shape and offset (see DIRECT_PAGE_MAX_OFFSET). */
export function pageSql(
  filter: ArticleFilter,
  limit: number,
  offset: number,
  viewerId: number,
  dialect: Dialect,
): Sql {
  return (
    (offset < DIRECT_PAGE_MAX_OFFSET && directPageSql(filter, limit, offset, viewerId, dialect)) ||
    deferredPageSql(filter, limit, offset, viewerId, dialect)
  );
}

/**
 * For the shapes counted from a counter (all, one tag, one author), the list's total rides along as a column
 * (`articlesCount`, the same on every row): the page and its total are one round trip, and one snapshot. A page
 * with no rows carries nothing; the caller counts then.
 */
function withListTotal(columns: Sql, filter: ArticleFilter, dialect: Dialect): Sql {
  if (filter.kind !== 'all' && filter.kind !== 'tag' && filter.kind !== 'author') return columns;
  const total = countSql(filter, dialect);
  return {
    text: `${columns.text}, (${total.text}) AS articlesCount`,
    params: [...columns.params, ...total.params],
  };
}

/** The page in one query down its ordering index (see directFrom); null for shapes without one. */
export function directPageSql(
  filter: ArticleFilter,
  limit: number,
  offset: number,
  viewerId: number,
  dialect: Dialect,
): Sql | null {
  const from = directFrom(filter, dialect.orderedJoin);
  if (!from) return null;
  const columns = withListTotal(columnsFor(viewerId, dialect), filter, dialect);
  return {
    text: `SELECT ${columns.text} ${from.text} LIMIT ? OFFSET ?`,
    params: [...columns.params, ...from.params, limit, offset],
  };
}

/**
 * A deferred join: the page's ids first, from the ordering index (LIMIT/OFFSET applied there), then only those rows
 * joined with their authors and per-row subqueries. Otherwise MySQL may join and sort every match before paging.
 * The page is ordered by its own sort keys: ordering by a joined table's columns costs MySQL a temporary table.
 */
export function deferredPageSql(
  filter: ArticleFilter,
  limit: number,
  offset: number,
  viewerId: number,
  dialect: Dialect,
): Sql {
  const columns = withListTotal(columnsFor(viewerId, dialect), filter, dialect);
  const ids = pageIdsSql(filter, dialect);
  return {
    text: `SELECT ${columns.text} FROM (${ids.text} LIMIT ? OFFSET ?) page
      INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
      ORDER BY page.sort_at DESC, page.id DESC`,
    params: [...columns.params, ...ids.params, limit, offset],
  };
}

/**
 * FROM … ORDER BY of a page read straight down its ordering index, the joins following in the written order (so
 * the engine cannot start from users and sort); null for the shapes that have no single ordering index.
 */
function directFrom(filter: ArticleFilter, join: string): Sql | null {
  const withAuthor = `articles a ${join} users u ON u.id = a.author_id`;
  switch (filter.kind) {
    case 'all':
      return {
        text: `FROM ${withAuthor} WHERE a.listed_at IS NOT NULL ORDER BY a.listed_at DESC, a.id DESC`,
        params: [],
      };
    case 'tag':
      return {
        text: `FROM article_tags l ${join} articles a ON a.id = l.article_id ${join} users u ON u.id = a.author_id
          WHERE l.tag_id = (SELECT t.id FROM tags t WHERE t.name = ?) AND l.listed_at IS NOT NULL
          ORDER BY l.listed_at DESC, l.article_id DESC`,
        params: [filter.tag],
      };
    case 'author':
      return {
        text: `FROM ${withAuthor} WHERE a.author_id = (SELECT au.id FROM users au WHERE au.username = ?)
          AND a.listed_at IS NOT NULL ORDER BY a.listed_at DESC, a.id DESC`,
        params: [filter.author],
      };
    default:
      return null;
  }
}

/** One article with its body, its tags and the viewer's fields. */
export function articleBySlugSql(slug: string, viewerId: number, dialect: Dialect): Sql {
  const columns = columnsFor(viewerId, dialect);
  return {
    text: `SELECT ${columns.text}, a.body AS body FROM articles a INNER JOIN users u ON u.id = a.author_id
      WHERE a.slug = ? AND a.deleted_at IS NULL`,
    params: [...columns.params, slug],
  };
}

/** How many articles a list filter matches: from the counters for the common shapes, else by counting. */
export function countSql(filter: ListFilter, dialect: Dialect): Sql {
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
    case 'own': {
      const ids = ownIdsSql(filter);
      return { text: `SELECT COUNT(*) AS count FROM (${ids.text}) matching`, params: ids.params };
    }
    case 'combined': {
      const ids = pageIdsSql(filter, dialect);
      return { text: `SELECT COUNT(*) AS count FROM (${ids.text}) matching`, params: ids.params };
    }
  }
}
