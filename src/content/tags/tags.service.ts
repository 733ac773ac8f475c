import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ResponseCache } from '../../cache/response-cache.service';
import { EntityManager, In, Repository } from 'typeorm';
import { insertIgnoreInto, placeholders, runWrite } from '../../database/sql-writes';
import { toSqlTimestamp } from '../../database/timestamps';
import { TagsResponseDto } from './dto/tags-response.dto';
import { ArticleTag } from './entities/article-tag.entity';
import { Tag } from './entities/tag.entity';
import { LISTS_SCOPE } from '../cache-scopes';

/** The article fields a tag link copies. */
export interface TaggedArticle {
  id: number;
  createdAt: Date;
}

@Injectable()
export class TagsService {
  constructor(
    @InjectRepository(Tag) private readonly tags: Repository<Tag>,
    private readonly cache: ResponseCache,
  ) {}

  /** Tags in use, the most used first (from the per-tag counters, not by counting links). */
  listInUse(): Promise<TagsResponseDto> {
    return this.cache.read('tags', LISTS_SCOPE, async () => {
      const rows: { name: string }[] = await this.tags.manager.query(
        'SELECT name FROM tags WHERE articles_count > 0 ORDER BY articles_count DESC, name ASC',
      );
      return { tags: rows.map((row) => row.name) };
    });
  }

  /** Replaces an article's tags with `names`, in their order (inside the caller's transaction). */
  async replaceArticleTags(manager: EntityManager, article: TaggedArticle, names: string[]): Promise<void> {
    await this.removeArticleTags(manager, article.id);
    await this.addArticleTags(manager, article, names);
  }

  /** Unlinks every tag of an article, keeping the tags' counters exact. */
  async removeArticleTags(manager: EntityManager, articleId: number): Promise<void> {
    const links = await manager.find(ArticleTag, { select: { tagId: true }, where: { articleId } });
    if (links.length === 0) return;
    await manager.decrement(Tag, { id: In(links.map((link) => link.tagId)) }, 'articlesCount', 1);
    await manager.delete(ArticleTag, { articleId });
  }

  /**
   * Tags an article, keeping the given order; new tag names are created once, even under races. Answers the
   * linked tags' names as stored (MySQL may match "Café" to an existing "cafe").
   */
  async addArticleTags(manager: EntityManager, article: TaggedArticle, names: string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const tagByName = await this.ensureTags(manager, names);
    // Names the database collates as equal ("Café", "cafe" on MySQL) share one tag: link it once.
    const tags = [...new Map(names.map((name) => [tagByName.get(name)!.id, tagByName.get(name)!])).values()];
    const tagIds = tags.map((tag) => tag.id);
    // The counter update locks the tag rows before the links' foreign-key checks share-lock them (no deadlock).
    await runWrite(
      manager,
      `UPDATE tags SET articles_count = articles_count + 1 WHERE id IN (${placeholders(tagIds)})`,
      tagIds,
    );
    const createdAt = toSqlTimestamp(article.createdAt);
    await runWrite(
      manager,
      `INSERT INTO article_tags (article_id, tag_id, position, created_at) VALUES ${tagIds.map(() => '(?, ?, ?, ?)').join(', ')}`,
      tagIds.flatMap((tagId, position) => [article.id, tagId, position, createdAt]),
    );
    return tags.map((tag) => tag.name);
  }

  /** Tag names per article, in each article's order, for many articles in one query. */
  async namesByArticle(articleIds: number[]): Promise<Map<number, string[]>> {
    const byArticle = new Map<number, string[]>(articleIds.map((id) => [id, []]));
    if (articleIds.length === 0) return byArticle;
    const rows: { articleId: number | string; name: string }[] = await this.tags.manager.query(
      `SELECT l.article_id AS articleId, t.name AS name FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id
       WHERE l.article_id IN (${placeholders(articleIds)}) ORDER BY l.article_id, l.position`,
      articleIds,
    );
    for (const row of rows) byArticle.get(Number(row.articleId))?.push(row.name);
    return byArticle;
  }

  /** Only missing names are inserted: re-inserting existing ones would share-lock rows that are about to be updated. */
  private async ensureTags(manager: EntityManager, names: string[]): Promise<Map<string, TagRow>> {
    const select = `SELECT id, name FROM tags WHERE name IN (${placeholders(names)})`;
    let rows = await manager.query<TagRow[]>(select, names);
    const missing = names.filter((name) => !findTag(rows, name));
    if (missing.length > 0) {
      await runWrite(
        manager,
        `${insertIgnoreInto(manager)} tags (name, articles_count) VALUES ${missing.map(() => '(?, 0)').join(', ')}`,
        missing,
      );
      rows = await manager.query<TagRow[]>(select, names);
    }
    return new Map(names.map((name) => [name, matchingTag(rows, name)]));
  }
}

interface TagRow {
  id: number;
  name: string;
}

/** MySQL's collation matches names case- and accent-insensitively, so an existing tag may differ in spelling. */
function findTag(rows: TagRow[], name: string): TagRow | undefined {
  const exact = rows.find((row) => row.name === name);
  return exact ?? rows.find((row) => row.name.localeCompare(name, undefined, { sensitivity: 'base' }) === 0);
}

function matchingTag(rows: TagRow[], name: string): TagRow {
  const tag = findTag(rows, name);
  if (!tag) throw new Error(`tag "${name}" was neither inserted nor found`);
  return tag;
}
