import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import type { SqlExecutor } from '../../database/sql-executor';
import { fromSqlTimestamp, toSqlTimestamp } from '../../database/timestamps';
import type { ArticleVersion } from '../articles/article.events';

/** A revision as lists show it, with its editor's username (null once they are gone). */
export interface RevisionSummaryRow {
  id: number;
  title: string;
  editorUsername: string | null;
  writtenAt: Date;
  replacedAt: Date;
}

/** A stored revision: one past version of an article. */
export type RevisionRow = RevisionSummaryRow & Omit<ArticleVersion, 'editorId' | 'title' | 'writtenAt'>;

const SUMMARY_COLUMNS = `r.id AS id, r.title AS title, r.written_at AS writtenAt, r.replaced_at AS replacedAt,
  u.username AS editorUsername`;

/** article_revisions: the past versions of each article, the newest ARTICLE_REVISIONS_MAX kept. */
@Injectable()
export class RevisionsRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({ params: [1, exampleVersion(), new Date(0)] })
  async insert(
    articleId: number,
    version: ArticleVersion,
    replacedAt: Date,
    executor: SqlExecutor = this.db,
  ) {
    await executor.execute(
      `INSERT INTO article_revisions (article_id, editor_id, title, description, body, tag_list, written_at, replaced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        articleId,
        version.editorId,
        version.title,
        version.description,
        version.body,
        JSON.stringify(version.tagList),
        toSqlTimestamp(version.writtenAt),
        toSqlTimestamp(replacedAt),
      ],
    );
  }

  /** Deletes all but the newest `keep` revisions of the article. */
  @GenerateSql({ params: [1, 50] })
  async prune(articleId: number, keep: number, executor: SqlExecutor = this.db): Promise<void> {
    // The derived table lets MySQL read the table it deletes from.
    await executor.execute(
      `DELETE FROM article_revisions WHERE article_id = ? AND id <= (SELECT id FROM (SELECT id FROM article_revisions
         WHERE article_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?) oldest_kept_too_many)`,
      [articleId, articleId, keep],
    );
  }

  /** The article's revisions, newest first, without their texts (a page of bodies would weigh megabytes). */
  @GenerateSql({ params: [1, 20, 0] })
  async findByArticle(articleId: number, limit: number, offset: number): Promise<RevisionSummaryRow[]> {
    const rows = await this.db.query<RevisionSummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM article_revisions r LEFT JOIN users u ON u.id = r.editor_id
       WHERE r.article_id = ? ORDER BY r.id DESC LIMIT ? OFFSET ?`,
      [articleId, limit, offset],
    );
    return rows.map(toSummaryRow);
  }

  @GenerateSql({ params: [1] })
  async countByArticle(articleId: number): Promise<number> {
    const [row] = await this.db.query<{ count: number | string }>(
      'SELECT COUNT(*) AS count FROM article_revisions WHERE article_id = ?',
      [articleId],
    );
    return Number(row?.count ?? 0);
  }

  @GenerateSql({ params: [1, 1] })
  async findOne(articleId: number, id: number): Promise<RevisionRow | null> {
    const [row] = await this.db.query<RevisionRow>(
      `SELECT ${SUMMARY_COLUMNS}, r.description AS description, r.body AS body, r.tag_list AS tagList
       FROM article_revisions r LEFT JOIN users u ON u.id = r.editor_id WHERE r.article_id = ? AND r.id = ?`,
      [articleId, id],
    );
    if (!row) return null;
    const tagList = JSON.parse(row.tagList as unknown as string) as string[];
    return { ...toSummaryRow(row), description: row.description, body: row.body, tagList };
  }
}

function toSummaryRow<T extends RevisionSummaryRow>(row: T): RevisionSummaryRow {
  return {
    id: Number(row.id),
    title: row.title,
    editorUsername: row.editorUsername,
    writtenAt: fromSqlTimestamp(row.writtenAt),
    replacedAt: fromSqlTimestamp(row.replacedAt),
  };
}

function exampleVersion(): ArticleVersion {
  return {
    title: 'How to train your dragon',
    description: 'Ever wonder how?',
    body: 'You have to believe',
    tagList: ['dragons'],
    editorId: 1,
    writtenAt: new Date(0),
  };
}
