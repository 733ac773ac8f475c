import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import { placeholders, type SqlExecutor } from '../../database/sql-executor';
import { toSqlTimestamp } from '../../database/timestamps';

export interface TagRow {
  id: number;
  name: string;
}

/**
 * tags (each name once, with how many published articles carry it) and article_tags (the links, in the author's
 * order, with the article's list sort key so that a tag's published articles come newest first from one index).
 */
/** Tags in use, the most used first. */
export const TAGS_IN_USE_SQL =
  'SELECT name FROM tags WHERE articles_count > 0 ORDER BY articles_count DESC, name ASC';

@Injectable()
export class TagsRepository {
  constructor(private readonly db: Database) {}

  /** Tags in use, the most used first (from the counters, not by counting links). */
  @GenerateSql()
  async findNamesInUse(): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>(TAGS_IN_USE_SQL);
    return rows.map((row) => row.name);
  }

  /** Every linked tag name of the given articles, in each article's order. */
  @GenerateSql({ params: [[1, 2]] })
  async findLinkedNames(
    articleIds: number[],
    executor: SqlExecutor = this.db,
  ): Promise<{ articleId: number; name: string }[]> {
    if (articleIds.length === 0) return [];
    const rows = await executor.query<{ articleId: number | string; name: string }>(
      `SELECT l.article_id AS articleId, t.name AS name FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id
       WHERE l.article_id IN (${placeholders(articleIds)}) ORDER BY l.article_id, l.position`,
      articleIds,
    );
    return rows.map((row) => ({ articleId: Number(row.articleId), name: row.name }));
  }

  @GenerateSql({ params: [['dragons', 'training']] })
  async findByNames(names: string[], executor: SqlExecutor = this.db): Promise<TagRow[]> {
    const rows = await executor.query<TagRow>(
      `SELECT id, name FROM tags WHERE name IN (${placeholders(names)})`,
      names,
    );
    return rows.map((row) => ({ id: Number(row.id), name: row.name }));
  }

  /** Creates the tags whose names are free; a name a concurrent writer created first is skipped, not an error. */
  @GenerateSql({ params: [['dragons', 'training']] })
  async insertMissing(names: string[], executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute(
      `${executor.dialect.insertIgnore} tags (name, articles_count) VALUES ${names.map(() => '(?, 0)').join(', ')}`,
      names,
    );
  }

  /** Adds `delta` to the tags' article counters (each tag once). */
  @GenerateSql({ params: [[1, 2], 1] })
  async addToArticleCounts(tagIds: number[], delta: 1 | -1, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute(
      `UPDATE tags SET articles_count = articles_count + ? WHERE id IN (${placeholders(tagIds)})`,
      [delta, ...tagIds],
    );
  }

  /** Links an article to `tagIds`, in that order, with its list sort key (null while it is not published). */
  @GenerateSql({ params: [1, [1, 2], new Date(0)] })
  async insertLinks(
    articleId: number,
    tagIds: number[],
    listedAt: Date | null,
    executor: SqlExecutor = this.db,
  ): Promise<void> {
    const sortKey = listedAt === null ? null : toSqlTimestamp(listedAt);
    await executor.execute(
      `INSERT INTO article_tags (article_id, tag_id, position, listed_at) VALUES ${tagIds.map(() => '(?, ?, ?, ?)').join(', ')}`,
      tagIds.flatMap((tagId, position) => [articleId, tagId, position, sortKey]),
    );
  }

  /** Copies an article's new list sort key to its links. */
  @GenerateSql({ params: [1, new Date(0)] })
  async setListedAt(
    articleId: number,
    listedAt: Date | null,
    executor: SqlExecutor = this.db,
  ): Promise<void> {
    await executor.execute('UPDATE article_tags SET listed_at = ? WHERE article_id = ?', [
      listedAt === null ? null : toSqlTimestamp(listedAt),
      articleId,
    ]);
  }

  @GenerateSql({ params: [1] })
  async findLinkedTagIds(articleId: number, executor: SqlExecutor = this.db): Promise<number[]> {
    const rows = await executor.query<{ tagId: number }>(
      'SELECT tag_id AS tagId FROM article_tags WHERE article_id = ?',
      [articleId],
    );
    return rows.map((row) => Number(row.tagId));
  }

  @GenerateSql({ params: [1] })
  async deleteLinks(articleId: number, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute('DELETE FROM article_tags WHERE article_id = ?', [articleId]);
  }

  /** Counts an author's listed articles out of their tags (their account is closing, in its transaction). */
  @GenerateSql({ params: [1] })
  async uncountAuthor(authorId: number, executor: SqlExecutor = this.db): Promise<void> {
    const listedLinks = `FROM article_tags l INNER JOIN articles a ON a.id = l.article_id
      WHERE a.author_id = ? AND l.listed_at IS NOT NULL`;
    await executor.execute(
      `UPDATE tags SET articles_count = articles_count - (SELECT COUNT(*) ${listedLinks} AND l.tag_id = tags.id)
       WHERE id IN (SELECT l.tag_id ${listedLinks})`,
      [authorId, authorId],
    );
  }
}
