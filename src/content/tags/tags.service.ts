import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { TagsResponseDto } from './dto/tags-response.dto';
import { ArticleTag } from './entities/article-tag.entity';
import { Tag } from './entities/tag.entity';

@Injectable()
export class TagsService {
  constructor(
    @InjectRepository(Tag) private readonly tags: Repository<Tag>,
    @InjectRepository(ArticleTag) private readonly articleTags: Repository<ArticleTag>,
  ) {}

  /** Tags in use, the most used first. */
  async listInUse(): Promise<TagsResponseDto> {
    const rows: { name: string }[] = await this.tags
      .createQueryBuilder('tag')
      .select('tag.name', 'name')
      .innerJoin(ArticleTag, 'link', 'link.tag_id = tag.id')
      .groupBy('tag.id')
      .addGroupBy('tag.name')
      .orderBy('COUNT(*)', 'DESC')
      .addOrderBy('tag.name', 'ASC')
      .getRawMany();
    return { tags: rows.map((row) => row.name) };
  }

  /** Replaces an article's tags with `names`, in their order. */
  async replaceArticleTags(manager: EntityManager, articleId: number, names: string[]): Promise<void> {
    await manager.delete(ArticleTag, { articleId });
    await this.addArticleTags(manager, articleId, names);
  }

  /** Tags a new article, keeping the given order; new tag names are created once, even under races. */
  async addArticleTags(manager: EntityManager, articleId: number, names: string[]): Promise<void> {
    if (names.length === 0) return;
    const tagIdByName = await this.ensureTags(manager, names);
    // Names the database collates as equal ("Café", "cafe" on MySQL) share one tag: link it once.
    const tagIds = [...new Set(names.map((name) => tagIdByName.get(name)!))];
    await manager.insert(
      ArticleTag,
      tagIds.map((tagId, position) => ({ articleId, tagId, position })),
    );
  }

  /** Tag names per article, in each article's order, for many articles in one query. */
  async namesByArticle(articleIds: number[]): Promise<Map<number, string[]>> {
    const byArticle = new Map<number, string[]>(articleIds.map((id) => [id, []]));
    if (articleIds.length === 0) return byArticle;
    const rows: { articleId: number; name: string }[] = await this.articleTags
      .createQueryBuilder('link')
      .select('link.article_id', 'articleId')
      .addSelect('tag.name', 'name')
      .innerJoin(Tag, 'tag', 'tag.id = link.tag_id')
      .where({ articleId: In(articleIds) })
      .orderBy('link.article_id')
      .addOrderBy('link.position')
      .getRawMany();
    for (const row of rows) byArticle.get(Number(row.articleId))?.push(row.name);
    return byArticle;
  }

  private async ensureTags(manager: EntityManager, names: string[]): Promise<Map<string, number>> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Tag)
      .values(names.map((name) => ({ name })))
      .orIgnore()
      .updateEntity(false)
      .execute();
    const rows = await manager.find(Tag, { where: { name: In(names) } });
    return new Map(names.map((name) => [name, matchingTag(rows, name).id]));
  }
}

/** MySQL's collation matches names case- and accent-insensitively, so an existing tag may differ in spelling. */
function matchingTag(rows: Tag[], name: string): Tag {
  const exact = rows.find((row) => row.name === name);
  const similar = rows.find((row) => row.name.localeCompare(name, undefined, { sensitivity: 'base' }) === 0);
  const tag = exact ?? similar;
  if (!tag) throw new Error(`tag "${name}" was neither inserted nor found`);
  return tag;
}
