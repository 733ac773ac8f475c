import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../database/sql-executor';
import { ContentCache } from '../cache/content-cache.service';
import { TagsResponseDto } from './dto/tags-response.dto';
import { matchTagRows } from './tag-name';
import { TagsRepository } from './tags.repository';

/** The article fields a tag link copies: its list sort key, null while it is not published (and not counted). */
export interface TaggedArticle {
  id: number;
  listedAt: Date | null;
}

@Injectable()
export class TagsService {
  constructor(
    private readonly tags: TagsRepository,
    private readonly cache: ContentCache,
  ) {}

  findAll(): Promise<TagsResponseDto> {
    return this.cache.tags(async () => ({ tags: await this.tags.findNamesInUse() }));
  }

  /** Tag names per article, in each article's order, for many articles in one query. */
  async namesByArticle(articleIds: number[], tx?: Transaction): Promise<Map<number, string[]>> {
    const byArticle = new Map<number, string[]>(articleIds.map((id) => [id, []]));
    for (const { articleId, name } of await this.tags.findLinkedNames(articleIds, tx))
      byArticle.get(articleId)?.push(name);
    return byArticle;
  }

  /**
   * Tags an article, keeping the given order; new names are created once, even under races. Answers the linked
   * tags' names as stored (MySQL's collation may match "Café" to an existing "cafe").
   */
  async link(article: TaggedArticle, names: string[], tx: Transaction): Promise<string[]> {
    if (names.length === 0) return [];
    let rows = await this.tags.findByNames(names, tx);
    // Only missing names are inserted: re-inserting existing ones would share-lock rows about to be updated.
    const absent = matchTagRows(rows, names).missing;
    if (absent.length > 0) {
      await this.tags.insertMissing(absent, tx);
      rows = await this.tags.findByNames(names, tx);
    }
    const { linked, missing } = matchTagRows(rows, names);
    if (missing.length > 0) throw new Error(`tags ${missing.join(', ')} were neither inserted nor found`);
    const tagIds = linked.map((tag) => tag.id);
    // The counter update locks the tag rows before the links' foreign-key checks share-lock them (no deadlock).
    if (article.listedAt !== null) await this.tags.addToArticleCounts(tagIds, 1, tx);
    await this.tags.insertLinks(article.id, tagIds, article.listedAt, tx);
    return linked.map((tag) => tag.name);
  }

  /** Unlinks every tag of an article, keeping the tags' counters (of published articles) exact. */
  async unlink(article: TaggedArticle, tx: Transaction): Promise<void> {
    const tagIds = await this.tags.findLinkedTagIds(article.id, tx);
    if (tagIds.length === 0) return;
    if (article.listedAt !== null) await this.tags.addToArticleCounts(tagIds, -1, tx);
    await this.tags.deleteLinks(article.id, tx);
  }

  /** Replaces an article's tags with `names`, in their order. */
  async replace(article: TaggedArticle, names: string[], tx: Transaction): Promise<string[]> {
    await this.unlink(article, tx);
    return this.link(article, names, tx);
  }

  /** An article was published or taken out of the lists: its links follow, its tags count it in or out. */
  async setListed(before: TaggedArticle, listedAt: Date | null, tx: Transaction): Promise<void> {
    const tagIds = await this.tags.findLinkedTagIds(before.id, tx);
    if (tagIds.length === 0) return;
    const wasListed = before.listedAt !== null;
    if (wasListed !== (listedAt !== null)) await this.tags.addToArticleCounts(tagIds, wasListed ? -1 : 1, tx);
    await this.tags.setListedAt(before.id, listedAt, tx);
  }

  /** Counts an author's published articles out of their tags' counters (the account is closing). */
  uncountAuthor(authorId: number, tx: Transaction): Promise<void> {
    return this.tags.uncountAuthor(authorId, tx);
  }
}
