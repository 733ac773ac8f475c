import { TITLE_WEIGHT } from '../../src/content/search/search.sql';
import { toBooleanMode, toFts5, type SearchQuery } from '../../src/content/search/search-text';
import { toSqlTimestamp } from '../../src/database/timestamps';
import { isoTimestamp } from './mappers';
import {
  ANONYMOUS,
  type ArticleQueries,
  type KeysetSort,
  type KeysetStart,
  type ListFilter,
  type SortedRow,
  type Statement,
} from './statements';

const AUTHOR = 'u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage';
const ARTICLE = `a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt, ${AUTHOR},
  (SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id) AS favoritesCount`;
const FAVORITED = 'EXISTS (SELECT 1 FROM favorites mf WHERE mf.user_id = ? AND mf.article_id = a.id)';
const following = (author: string): string =>
  `EXISTS (SELECT 1 FROM follows mfo WHERE mfo.follower_id = ? AND mfo.following_id = ${author})`;
/** Each keyset sort's column; with the id, the columns of its index. */
const SORT_KEYS: Record<KeysetSort, string> = {
  newest: 'a.listed_at',
  oldest: 'a.listed_at',
  favorites: 'a.favorites_count',
  updated: 'a.updated_at',
};
/** MySQL's boolean-mode MATCH over the title and text (the relevance adds the title alone, weighted). */
const MATCH_TEXT = 'MATCH(s.title_terms, s.body_terms) AGAINST (? IN BOOLEAN MODE)';

/**
 * The plainest correct SQL for each benchmarked read, as one would write it by hand for Folio's schema: a page is
 * one query down its ordering index with the author joined as it goes (the joins in written order), and an
 * anonymous caller gets no per-viewer subqueries. Lists show published articles only, newest published first: those
 * with a sort key (`listed_at`, NULL otherwise), read down (listed_at, id), (author_id, listed_at, id) and the tag
 * links' (tag_id, listed_at, article_id). The feed reads each followed author's newest published articles from
 * (author_id, listed_at, id): with authors of very different output there is no plainer way that stays fast.
 * A cursor page is the list read down its sort's index from the cursor's key: `key <= ? AND (key < ? OR id < ?)`,
 * whose first term bounds the index range on both engines (SQLite does not make a range of `key < ? OR (key = ?
 * AND id < ?)` alone, and walks the index from its start to the cursor). A
 * search is the matches' ids and relevance (BM25 with the title weighted on SQLite, the title's and the text's
 * boolean-mode relevance on MySQL: the answer's order is Folio's), sorted and cut to the page, then the page's rows
 * with their bodies for the snippets; a search without an indexed word sends nothing.
 */
export class MinimalSql implements ArticleQueries {
  readonly oneTripReads = false;
  private readonly join: string;

  constructor(private readonly engine: 'mysql' | 'sqlite') {
    this.join = engine === 'mysql' ? 'STRAIGHT_JOIN' : 'CROSS JOIN';
  }

  count(filter: ListFilter): Statement {
    if (filter.kind === 'tag')
      return { sql: 'SELECT articles_count AS count FROM tags WHERE name = ?', params: [filter.tag] };
    if (filter.kind === 'author')
      return { sql: 'SELECT articles_count AS count FROM users WHERE username = ?', params: [filter.author] };
    return { sql: 'SELECT SUM(articles) AS count FROM article_totals', params: [] };
  }

  page(filter: ListFilter, limit: number, offset: number, viewerId: number): Statement {
    const columns = this.articleColumns(viewerId);
    const withAuthor = `articles a ${this.join} users u ON u.id = a.author_id`;
    const newest = 'ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?';
    if (filter.kind === 'tag')
      return {
        sql: `SELECT ${columns.sql} FROM article_tags l ${this.join} articles a ON a.id = l.article_id
          ${this.join} users u ON u.id = a.author_id
          WHERE l.tag_id = (SELECT id FROM tags WHERE name = ?) AND l.listed_at IS NOT NULL
          ORDER BY l.listed_at DESC, l.article_id DESC LIMIT ? OFFSET ?`,
        params: [...columns.params, filter.tag, limit, offset],
      };
    if (filter.kind === 'author')
      return {
        sql: `SELECT ${columns.sql} FROM ${withAuthor}
          WHERE a.author_id = (SELECT id FROM users WHERE username = ?) AND a.listed_at IS NOT NULL ${newest}`,
        params: [...columns.params, filter.author, limit, offset],
      };
    return {
      sql: `SELECT ${columns.sql} FROM ${withAuthor} WHERE a.listed_at IS NOT NULL ${newest}`,
      params: [...columns.params, limit, offset],
    };
  }

  feedPage(viewerId: number, authorIds: number[], limit: number, offset: number): Statement {
    const columns = this.articleColumns(viewerId);
    const slice = `(SELECT id, listed_at FROM articles WHERE author_id = ? AND listed_at IS NOT NULL
      ORDER BY listed_at DESC, id DESC LIMIT ?)`;
    const slices = authorIds.map((_, n) => `SELECT * FROM ${slice} s${n}`).join(' UNION ALL ');
    return {
      sql: `SELECT ${columns.sql} FROM (SELECT id, listed_at FROM (${slices}) newest
          ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
        ${this.join} articles a ON a.id = page.id ${this.join} users u ON u.id = a.author_id
        ORDER BY page.listed_at DESC, page.id DESC`,
      params: [...columns.params, ...authorIds.flatMap((id) => [id, offset + limit]), limit, offset],
    };
  }

  bySlug(slug: string, viewerId: number): Statement {
    const columns = this.articleColumns(viewerId);
    return {
      sql: `SELECT ${columns.sql}, a.body AS body FROM articles a ${this.join} users u ON u.id = a.author_id
        WHERE a.slug = ?`,
      params: [...columns.params, slug],
    };
  }

  comments(articleId: string | number, viewerId: number): Statement {
    const anonymous = viewerId === ANONYMOUS;
    return {
      sql: `SELECT c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt, ${AUTHOR},
          ${anonymous ? '0' : following('c.author_id')} AS following
        FROM comments c ${this.join} users u ON u.id = c.author_id WHERE c.article_id = ? ORDER BY c.id DESC`,
      params: anonymous ? [articleId] : [viewerId, articleId],
    };
  }

  keysetPage(sort: KeysetSort, start: KeysetStart | undefined, limit: number, viewerId: number): Statement {
    const columns = this.articleColumns(viewerId);
    const key = SORT_KEYS[sort];
    const order = sort === 'oldest' ? 'ASC' : 'DESC';
    const past = order === 'ASC' ? '>' : '<';
    const value = start && (typeof start.key === 'number' ? start.key : toSqlTimestamp(new Date(start.key)));
    return {
      sql: `SELECT ${columns.sql}, ${key} AS sortKey FROM articles a ${this.join} users u ON u.id = a.author_id
        WHERE a.listed_at IS NOT NULL${start ? ` AND ${key} ${past}= ? AND (${key} ${past} ? OR a.id ${past} ?)` : ''}
        ORDER BY ${key} ${order}, a.id ${order} LIMIT ?`,
      params: [...columns.params, ...(start ? [value, value, start.id] : []), limit],
    };
  }

  cursorAfter(sort: KeysetSort, row: SortedRow): string {
    const key = sort === 'favorites' ? Number(row.sortKey) : isoTimestamp(row.sortKey as Date | string);
    return Buffer.from(JSON.stringify({ s: sort, k: key, i: Number(row.id) })).toString('base64url');
  }

  searchCount(search: SearchQuery | null): Statement | null {
    if (!search) return null;
    const { from, match } = this.searchMatches(search);
    return {
      sql: `SELECT COUNT(*) AS count FROM ${from} WHERE ${match.sql} AND f.listed_at IS NOT NULL`,
      params: match.params,
    };
  }

  searchPage(search: SearchQuery | null, limit: number, offset: number, viewerId: number): Statement | null {
    if (!search) return null;
    const columns = this.articleColumns(viewerId);
    const { from, match, relevance } = this.searchMatches(search);
    return {
      sql: `SELECT ${columns.sql}, a.body AS body FROM (
          SELECT f.id AS id, ${relevance.sql} AS relevance FROM ${from}
          WHERE ${match.sql} AND f.listed_at IS NOT NULL ORDER BY relevance DESC, f.id DESC LIMIT ? OFFSET ?) m
        ${this.join} articles a ON a.id = m.id ${this.join} users u ON u.id = a.author_id
        ORDER BY m.relevance DESC, m.id DESC`,
      params: [...columns.params, ...relevance.params, ...match.params, limit, offset],
    };
  }

  /** The index joined to the article `f` it holds, the match condition, the relevance (higher is better). */
  private searchMatches(search: SearchQuery): { from: string; match: Statement; relevance: Statement } {
    if (this.engine === 'sqlite')
      return {
        from: 'article_search CROSS JOIN articles f ON f.id = article_search.rowid',
        match: { sql: 'article_search MATCH ?', params: [toFts5(search)] },
        relevance: { sql: `-bm25(article_search, ${TITLE_WEIGHT}.0, 1.0)`, params: [] },
      };
    const all = toBooleanMode(search);
    return {
      from: 'article_search s STRAIGHT_JOIN articles f ON f.id = s.article_id',
      match: { sql: MATCH_TEXT, params: [all] },
      relevance: {
        sql: `(${TITLE_WEIGHT} * MATCH(s.title_terms) AGAINST (? IN BOOLEAN MODE) + ${MATCH_TEXT})`,
        params: [toBooleanMode(search, { anyWord: true }), all],
      },
    };
  }

  private articleColumns(viewerId: number): Statement {
    if (viewerId === ANONYMOUS) return { sql: `${ARTICLE}, 0 AS favorited, 0 AS following`, params: [] };
    return {
      sql: `${ARTICLE}, ${FAVORITED} AS favorited, ${following('a.author_id')} AS following`,
      params: [viewerId, viewerId],
    };
  }
}
