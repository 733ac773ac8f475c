import type { Queryable } from './db';
import type { ArticleRow } from './mappers';
import { pageIdsSql } from '../../src/content/articles/article-pages.sql';
import { FOLLOWED_AUTHORS_SQL } from '../../src/users/follows.repository';

/**
 * `tuned`: each page's ids are read from its ordering index first (a deferred join) and only those rows are joined
 * and get the per-viewer subqueries: the shape of Folio's own page SQL (src/content/articles/articles.repository.ts).
 * `folio`: the plain join, sorted and paged after joining, as Folio sent it before the deferred join; kept to show
 * what that change bought.
 */
export type SqlMode = 'folio' | 'tuned';

/** Folio's page columns: author, favorites count, favorited and following as subqueries. */
const ARTICLE_COLUMNS = `a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  (SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id) AS favoritesCount,
  (SELECT COUNT(*) FROM favorites mf WHERE mf.article_id = a.id AND mf.user_id = ?) AS favorited,
  (SELECT COUNT(*) FROM follows mfo WHERE mfo.following_id = a.author_id AND mfo.follower_id = ?) AS following`;
const FROM = 'FROM articles a INNER JOIN users u ON u.id = a.author_id';
/** No viewer id is 0: anonymous reads use the same SQL. */
export const ANONYMOUS = 0;

/** One list shape: its total (from a counter) and its page; page parameters go before limit and offset. */
export interface ListShape {
  countSql: string;
  countParams: unknown[];
  pageSql: string;
  pageParams: unknown[];
}

/** A shape's page both ways: Folio's joins and ORDER BY, or the index query that yields its ids in order. */
interface PageSql {
  folio: string;
  /** Selects `id` and `sort_at`, newest first. */
  ids: string;
}

export class ArticleQueries {
  /** Joins in the written order: the page's few ids drive the lookups. */
  private readonly forcedJoin: string;

  constructor(
    engine: 'mysql' | 'sqlite',
    private readonly mode: SqlMode,
  ) {
    this.forcedJoin = engine === 'mysql' ? 'STRAIGHT_JOIN' : 'CROSS JOIN';
  }

  all(): ListShape {
    return this.shape('SELECT SUM(articles) AS count FROM article_totals', [], [], {
      folio: `${FROM} ORDER BY a.created_at DESC, a.id DESC`,
      ids: 'SELECT id, created_at AS sort_at FROM articles ORDER BY created_at DESC, id DESC',
    });
  }

  /** A tag's page comes from article_tags' (tag_id, created_at, article_id) index. */
  tagged(tag: string): ListShape {
    const tagId = '(SELECT t.id FROM tags t WHERE t.name = ?)';
    return this.shape('SELECT articles_count AS count FROM tags WHERE name = ? LIMIT 1', [tag], [tag], {
      folio: `${FROM} INNER JOIN article_tags link ON link.article_id = a.id WHERE link.tag_id = ${tagId}
        ORDER BY link.created_at DESC, link.article_id DESC`,
      ids: `SELECT article_id AS id, created_at AS sort_at FROM article_tags WHERE tag_id = ${tagId}
        ORDER BY created_at DESC, article_id DESC`,
    });
  }

  by(username: string): ListShape {
    const count = 'SELECT articles_count AS count FROM users WHERE username = ? LIMIT 1';
    return this.shape(count, [username], [username], {
      folio: `${FROM} WHERE u.username = ? ORDER BY a.created_at DESC, a.id DESC`,
      ids: `SELECT id, created_at AS sort_at FROM articles
        WHERE author_id = (SELECT id FROM users WHERE username = ?) ORDER BY created_at DESC, id DESC`,
    });
  }

  /** The authors a reader follows and how many articles each has (the feed's total is their sum). */
  readonly followedAuthors = FOLLOWED_AUTHORS_SQL;

  /**
   * The feed's page from each followed author's newest `reach` articles (Folio's slices: the same SQL text, so
   * the two servers differ only in what surrounds it), or Folio's joins and ORDER BY in `folio` mode.
   */
  feedPage(viewerId: number, authorIds: number[], reach: number): { sql: string; params: unknown[] } {
    if (this.mode === 'folio') {
      const followed = '(SELECT fo.following_id FROM follows fo WHERE fo.follower_id = ?)';
      const sql = `SELECT ${ARTICLE_COLUMNS} ${FROM} WHERE a.author_id IN ${followed}
        ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?`;
      return { sql, params: [viewerId, viewerId, viewerId] };
    }
    const ids = pageIdsSql({ kind: 'feed', followerId: viewerId, authorIds, reach });
    return { sql: this.pageOf(ids.text), params: [viewerId, viewerId, ...ids.params] };
  }

  async bySlug(db: Queryable, slug: string, viewerId: number): Promise<ArticleRow | undefined> {
    const sql = `SELECT ${ARTICLE_COLUMNS}, a.body AS body ${FROM} WHERE a.slug = ?`;
    const [row] = await db.all<ArticleRow>(sql, [viewerId, viewerId, slug]);
    return row;
  }

  private shape(countSql: string, countParams: unknown[], pageParams: unknown[], page: PageSql): ListShape {
    const pageSql =
      this.mode === 'folio'
        ? `SELECT ${ARTICLE_COLUMNS} ${page.folio} LIMIT ? OFFSET ?`
        : this.pageOf(page.ids);
    return { countSql, countParams, pageSql, pageParams };
  }

  /** One page of `ids` (selecting `id` and `sort_at`, newest first) with the article columns; then limit, offset. */
  private pageOf(ids: string): string {
    return `SELECT ${ARTICLE_COLUMNS} FROM (${ids} LIMIT ? OFFSET ?) page
      ${this.forcedJoin} articles a ON a.id = page.id ${this.forcedJoin} users u ON u.id = a.author_id
      ORDER BY page.sort_at DESC, page.id DESC`;
  }
}

/** Tag names per article, in each article's order, in one query. */
export async function tagNamesOf(db: Queryable, articleIds: number[]): Promise<Map<number, string[]>> {
  const byArticle = new Map<number, string[]>(articleIds.map((id) => [id, []]));
  if (articleIds.length === 0) return byArticle;
  const rows = await db.all<{ articleId: number; name: string }>(
    `SELECT link.article_id AS articleId, tag.name AS name FROM article_tags link
     INNER JOIN tags tag ON tag.id = link.tag_id WHERE link.article_id IN (${articleIds.map(() => '?').join(', ')})
     ORDER BY link.article_id ASC, link.position ASC`,
    articleIds,
  );
  for (const row of rows) byArticle.get(Number(row.articleId))?.push(row.name);
  return byArticle;
}
