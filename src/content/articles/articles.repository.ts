import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import type { SqlExecutor } from '../../database/sql-executor';
import { fromSqlTimestamp, toSqlTimestamp } from '../../database/timestamps';
import type { ArticleFilter, ListFilter } from './article-filter';
import {
  articleBySlugSql,
  countSql,
  DIRECT_PAGE_MAX_OFFSET,
  FEED_SLICES_MAX,
  pageSql,
} from './article-pages.sql';
import type { ArticleRow } from './article-row';
import { queryCountSql, queryPageSql, type PageStart, type QueryFilter } from './article-query.sql';
import { parseSearchQuery, type SearchQuery } from '../search/search-text';
import type { ArticleVisibility } from './article-visibility';
import type { ArticleStatus, Workflow } from './article-workflow';
import { ARTICLE_TOTAL_SHARDS } from './entities/article-total.entity';

/** An article as stored, for the writes that change it. */
export interface StoredArticle extends Workflow {
  id: number;
  /** Who wrote the current version. */
  editedBy: number | null;
  /** In the trash since (null: not in the trash), put there by `deletedBy`. */
  deletedAt: Date | null;
  deletedBy: number | null;
  slug: string;
  title: string;
  description: string;
  body: string;
  authorId: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A new article's row: updated_at starts equal to created_at. */
export type NewArticleRow = Omit<StoredArticle, 'id' | 'updatedAt' | 'editedBy' | 'deletedAt' | 'deletedBy'>;

const STORED_COLUMNS = `id, slug, title, description, body, author_id AS authorId, created_at AS createdAt,
  updated_at AS updatedAt, status, published_at AS publishedAt, listed_at AS listedAt, publish_at AS publishAt,
  unpublish_at AS unpublishAt, edited_by AS editedBy, deleted_at AS deletedAt, deleted_by AS deletedBy`;

export type ArticleColumnChanges = Partial<Pick<StoredArticle, 'slug' | 'title' | 'description' | 'body'>>;

const CHANGEABLE: (keyof ArticleColumnChanges)[] = ['slug', 'title', 'description', 'body'];

/**
 * articles and article_totals. Slugs are compared exactly by the database (a binary collation on MySQL/MariaDB,
 * SQLite's default on SQLite), so `slug = ?` never matches another case or accent.
 */
/** A row of a query-language page: the article, its sort key (for the next cursor), a search's total. */
export type QueryRow = ArticleRow & { sortKey: unknown };

@Injectable()
export class ArticlesRepository {
  constructor(private readonly db: Database) {}

  /** How many articles a filter matches: from the counters for the common shapes, else by counting. */
  @GenerateSql(
    { name: 'all', params: [{ kind: 'all' }] },
    { name: 'tag', params: [{ kind: 'tag', tag: 'dragons' }] },
    { name: 'author', params: [{ kind: 'author', author: 'jake' }] },
    { name: 'combined', params: [{ kind: 'combined', tag: 'dragons', favorited: 'jake' }] },
    { name: 'own drafts', params: [{ kind: 'own', authorId: 1, status: 'draft' }] },
  )
  async count(filter: ListFilter): Promise<number> {
    const { text, params } = countSql(filter, this.db.dialect);
    const [row] = await this.db.query<{ count: number | string | null }>(text, params);
    return Number(row?.count ?? 0);
  }

  @GenerateSql(
    { name: 'all', params: [{ kind: 'all' }, 20, 0, 0] },
    { name: 'all, signed in', params: [{ kind: 'all' }, 20, 0, 1] },
    { name: 'all, far page', params: [{ kind: 'all' }, 20, DIRECT_PAGE_MAX_OFFSET, 0] },
    { name: 'tag', params: [{ kind: 'tag', tag: 'dragons' }, 20, 0, 0] },
    { name: 'tag, far page', params: [{ kind: 'tag', tag: 'dragons' }, 20, DIRECT_PAGE_MAX_OFFSET, 0] },
    { name: 'author', params: [{ kind: 'author', author: 'jake' }, 20, 0, 0] },
    { name: 'author, far page', params: [{ kind: 'author', author: 'jake' }, 20, DIRECT_PAGE_MAX_OFFSET, 0] },
    {
      name: 'combined',
      params: [{ kind: 'combined', tag: 'dragons', author: 'jake', favorited: 'jane' }, 20, 0, 0],
    },
    { name: 'feed', params: [{ kind: 'feed', followerId: 1, authorIds: [2, 3], reach: 20 }, 20, 0, 1] },
    {
      name: 'feed of many',
      params: [{ kind: 'feed', followerId: 1, authorIds: manyIds(), reach: 20 }, 20, 0, 1],
    },
    { name: 'own, all statuses', params: [{ kind: 'own', authorId: 1 }, 20, 0, 1] },
    { name: 'own drafts', params: [{ kind: 'own', authorId: 1, status: 'draft' }, 20, 0, 1] },
  )
  findPage(filter: ArticleFilter, limit: number, offset: number, viewerId: number): Promise<ArticleRow[]> {
    const { text, params } = pageSql(filter, limit, offset, viewerId, this.db.dialect);
    return this.db.query<ArticleRow>(text, params);
  }

  /** A page of a query beyond RealWorld's filters (article-query.sql.ts), each row with its sort key. */
  @GenerateSql(
    { name: 'newest', params: [{ kind: 'query', sort: 'newest' }, undefined, 20, 0] },
    {
      name: 'updated, after a cursor',
      params: [{ kind: 'query', sort: 'updated' }, { key: '2026-01-01T00:00:00.000Z', id: 9 }, 20, 1],
    },
    { name: 'most favorited', params: [{ kind: 'query', sort: 'favorites' }, { key: 5, id: 9 }, 20, 0] },
    {
      name: 'several authors, tags all, date ranges',
      params: [
        {
          kind: 'query',
          sort: 'oldest',
          authors: ['jake', 'jane'],
          tags: { names: ['dragons', 'training'], match: 'all' },
          created: { from: new Date(0), to: new Date(1e12) },
          updated: { from: new Date(0) },
        },
        undefined,
        20,
        0,
      ],
    },
    {
      name: 'search by relevance, second page',
      params: [
        {
          kind: 'query',
          sort: 'relevance',
          text: searchExample(),
          tags: { names: ['dragons'], match: 'any' },
        },
        { position: 20 },
        20,
        0,
      ],
    },
  )
  findQueryPage(
    filter: QueryFilter,
    start: PageStart | undefined,
    limit: number,
    viewerId: number,
  ): Promise<QueryRow[]> {
    const { text, params } = queryPageSql(filter, start, limit, viewerId, this.db.dialect);
    return this.db.query<QueryRow>(text, params);
  }

  @GenerateSql(
    { name: 'authors', params: [{ kind: 'query', sort: 'newest', authors: ['jake', 'jane'] }] },
    { name: 'search', params: [{ kind: 'query', sort: 'relevance', text: searchExample() }] },
  )
  async countQuery(filter: QueryFilter): Promise<number> {
    const { text, params } = queryCountSql(filter, this.db.dialect);
    const [row] = await this.db.query<{ count: number | string | null }>(text, params);
    return Number(row?.count ?? 0);
  }

  /** The article with its body, its tags and the viewer's fields. */
  @GenerateSql(
    { name: 'anonymous', params: ['how-to-train-your-dragon', 0] },
    { name: 'signed in', params: ['how-to-train-your-dragon', 1] },
  )
  async findBySlug(
    slug: string,
    viewerId: number,
    executor: SqlExecutor = this.db,
  ): Promise<ArticleRow | null> {
    const { text, params } = articleBySlugSql(slug, viewerId, executor.dialect);
    const [row] = await executor.query<ArticleRow>(text, params);
    return row ?? null;
  }

  /** The article's id with what deciding its visibility needs; null for one in the trash. */
  @GenerateSql({ params: ['how-to-train-your-dragon'] })
  async findIdBySlug(slug: string): Promise<({ id: number } & ArticleVisibility) | null> {
    const [row] = await this.db.query<{ id: number; status: ArticleStatus; authorId: number }>(
      'SELECT id, status, author_id AS authorId FROM articles WHERE slug = ? AND deleted_at IS NULL',
      [slug],
    );
    return row ? { id: Number(row.id), status: row.status, authorId: Number(row.authorId) } : null;
  }

  /** The article, in the trash or not. */
  @GenerateSql({ params: ['how-to-train-your-dragon'] })
  async findStoredBySlug(slug: string): Promise<StoredArticle | null> {
    const [row] = await this.db.query<StoredArticle>(
      `SELECT ${STORED_COLUMNS} FROM articles WHERE slug = ?`,
      [slug],
    );
    return row ? toStoredArticle(row) : null;
  }

  /** The article, its row locked until the transaction ends (null when it is gone). */
  @GenerateSql({ params: [1] })
  async findStoredForUpdate(id: number, executor: SqlExecutor = this.db): Promise<StoredArticle | null> {
    const [row] = await executor.query<StoredArticle>(
      `SELECT ${STORED_COLUMNS} FROM articles WHERE id = ?${executor.dialect.forUpdate}`,
      [id],
    );
    return row ? toStoredArticle(row) : null;
  }

  /** Stores the workflow columns (the tag links' copy of `listed_at` is TagsService.setListed's). */
  @GenerateSql({ params: [1, publishedExample()] })
  async setWorkflow(id: number, workflow: Workflow, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute(
      `UPDATE articles SET status = ?, published_at = ?, listed_at = ?, publish_at = ?, unpublish_at = ? WHERE id = ?`,
      [
        workflow.status,
        nullableTimestamp(workflow.publishedAt),
        nullableTimestamp(workflow.listedAt),
        nullableTimestamp(workflow.publishAt),
        nullableTimestamp(workflow.unpublishAt),
        id,
      ],
    );
  }

  @GenerateSql({ params: ['how-to-train-your-dragon', 1] })
  async isSlugTakenByAnother(slug: string, articleId: number): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS taken FROM articles WHERE slug = ? AND id <> ?', [
      slug,
      articleId,
    ]);
    return rows.length > 0;
  }

  @GenerateSql({ params: [newArticleExample()] })
  async insert(article: NewArticleRow, executor: SqlExecutor = this.db): Promise<number> {
    const createdAt = toSqlTimestamp(article.createdAt);
    const { insertId } = await executor.execute(
      `INSERT INTO articles (slug, title, description, body, author_id, edited_by, created_at, updated_at, status,
         published_at, listed_at, publish_at, unpublish_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        article.slug,
        article.title,
        article.description,
        article.body,
        article.authorId,
        article.authorId,
        createdAt,
        createdAt,
        article.status,
        nullableTimestamp(article.publishedAt),
        nullableTimestamp(article.listedAt),
        nullableTimestamp(article.publishAt),
        nullableTimestamp(article.unpublishAt),
      ],
    );
    return insertId;
  }

  /** Sets the given columns, updated_at and who edited it. */
  @GenerateSql({ params: [1, { slug: 'a-new-title', title: 'A new title', body: 'Text' }, new Date(0), 2] })
  async update(
    id: number,
    changes: ArticleColumnChanges,
    at: Date,
    editorId: number,
    executor: SqlExecutor = this.db,
  ): Promise<void> {
    const columns = CHANGEABLE.filter((column) => changes[column] !== undefined);
    await executor.execute(
      `UPDATE articles SET ${[...columns, 'updated_at', 'edited_by'].map((column) => `${column} = ?`).join(', ')} WHERE id = ?`,
      [...columns.map((column) => changes[column]), toSqlTimestamp(at), editorId, id],
    );
  }

  /** Locks the article's row until the transaction ends; answers whether it still exists out of the trash. */
  @GenerateSql({ params: [1] })
  async lock(id: number, executor: SqlExecutor = this.db): Promise<boolean> {
    const rows = await executor.query(
      `SELECT 1 AS found FROM articles WHERE id = ? AND deleted_at IS NULL${executor.dialect.forUpdate}`,
      [id],
    );
    return rows.length > 0;
  }

  /** Adds `delta` to the article's favorites counter (in the transaction that adds or removes the favorite). */
  @GenerateSql({ params: [1, 1] })
  async addToFavoritesCount(id: number, delta: 1 | -1, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute('UPDATE articles SET favorites_count = favorites_count + ? WHERE id = ?', [
      delta,
      id,
    ]);
  }

  /** Puts the article in the trash (or, with `at` null, takes it out); its workflow is ArticleListing's. */
  @GenerateSql(
    { name: 'to the trash', params: [1, new Date(0), 2] },
    { name: 'out', params: [1, null, null] },
  )
  async setTrashed(
    id: number,
    at: Date | null,
    actorId: number | null,
    executor: SqlExecutor = this.db,
  ): Promise<void> {
    await executor.execute('UPDATE articles SET deleted_at = ?, deleted_by = ? WHERE id = ?', [
      nullableTimestamp(at),
      actorId,
      id,
    ]);
  }

  /** Counts an author's listed articles out of the total (their account is closing, in its transaction). */
  @GenerateSql({ params: [1] })
  async uncountAuthor(authorId: number, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute(
      `UPDATE article_totals SET articles = articles -
         (SELECT COUNT(*) FROM articles WHERE author_id = ? AND listed_at IS NOT NULL)
       WHERE shard = ?`,
      [authorId, randomInt(ARTICLE_TOTAL_SHARDS)],
    );
  }

  /** Counts a user's favorites out of the articles they favorited (their account is closing). */
  @GenerateSql({ params: [1] })
  async uncountFavoritesOf(userId: number, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute(
      `UPDATE articles SET favorites_count = favorites_count - 1
       WHERE id IN (SELECT article_id FROM favorites WHERE user_id = ?)`,
      [userId],
    );
  }

  /** Counts an article in or out of the total, on a random shard so that concurrent writers rarely wait. */
  @GenerateSql({ params: [1] })
  async addToTotal(delta: 1 | -1, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute('UPDATE article_totals SET articles = articles + ? WHERE shard = ?', [
      delta,
      randomInt(ARTICLE_TOTAL_SHARDS),
    ]);
  }
}

function toStoredArticle(row: StoredArticle): StoredArticle {
  const time = (value: Date | null): Date | null => (value === null ? null : fromSqlTimestamp(value));
  return {
    ...row,
    id: Number(row.id),
    authorId: Number(row.authorId),
    editedBy: row.editedBy === null ? null : Number(row.editedBy),
    deletedBy: row.deletedBy === null ? null : Number(row.deletedBy),
    deletedAt: time(row.deletedAt),
    createdAt: fromSqlTimestamp(row.createdAt),
    updatedAt: fromSqlTimestamp(row.updatedAt),
    publishedAt: time(row.publishedAt),
    listedAt: time(row.listedAt),
    publishAt: time(row.publishAt),
    unpublishAt: time(row.unpublishAt),
  };
}

const nullableTimestamp = (value: Date | null): string | null =>
  value === null ? null : toSqlTimestamp(value);

function publishedExample(): Workflow {
  return {
    status: 'published',
    publishedAt: new Date(0),
    listedAt: new Date(0),
    publishAt: null,
    unpublishAt: null,
  };
}

function searchExample(): SearchQuery {
  return parseSearchQuery('dragon train*')!;
}

function manyIds(): number[] {
  return Array.from({ length: FEED_SLICES_MAX + 1 }, (_, n) => n + 2);
}

function newArticleExample(): NewArticleRow {
  return {
    slug: 'how-to-train-your-dragon',
    title: 'How to train your dragon',
    description: 'Ever wonder how?',
    body: 'You have to believe',
    authorId: 1,
    createdAt: new Date(0),
    ...publishedExample(),
  };
}
