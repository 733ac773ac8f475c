import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ResponseCache } from '../../cache/response-cache.service';
import { Not, Repository } from 'typeorm';
import { forbidden, notFound } from '../../common/errors/http-errors';
import { isUniqueViolation } from '../../database/db-errors';
import { nextTimestamp } from '../../database/timestamps';
import { lockRows, Transactions } from '../../database/transactions.service';
import { countArticle } from './article-counters';
import { TagsService } from '../tags/tags.service';
import { ArticlesQueryService } from './articles-query.service';
import { SingleArticleResponseDto } from './dto/article-response.dto';
import { CreateArticleDto } from './dto/create-article.dto';
import { UpdateArticleDto } from './dto/update-article.dto';
import { Article } from './entities/article.entity';
import { slugify, withRandomSuffix } from './slug';

const SLUG_ATTEMPTS = 5;
const SLUG_INDEX = { index: 'UQ_articles_slug', columns: ['slug'] };
/** Slugs that name routes of their own under /api/articles. */
const RESERVED_SLUGS = new Set(['feed']);

/** The write side of articles: create, update and delete, each atomic; only the author may change an article. */
@Injectable()
export class ArticlesService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly tags: TagsService,
    private readonly queries: ArticlesQueryService,
    private readonly transactions: Transactions,
    private readonly cache: ResponseCache,
  ) {}

  async create(authorId: number, dto: CreateArticleDto): Promise<SingleArticleResponseDto> {
    const now = new Date();
    const slug = await this.withUniqueSlug(slugify(dto.title), undefined, (candidate) =>
      this.transactions.run(async (manager) => {
        const fields = {
          slug: candidate,
          title: dto.title,
          description: dto.description,
          body: dto.body,
          authorId,
        };
        // Counters first: their row locks are taken before the foreign-key checks below share-lock the same rows.
        await countArticle(manager, authorId, 1);
        const { identifiers } = await manager.insert(Article, { ...fields, createdAt: now, updatedAt: now });
        await this.tags.addArticleTags(
          manager,
          { id: identifiers[0].id as number, createdAt: now },
          dto.tagList ?? [],
        );
      }),
    );
    await this.cache.invalidate();
    return this.queries.findBySlugOrFail(slug, authorId);
  }

  async update(slug: string, userId: number, dto: UpdateArticleDto): Promise<SingleArticleResponseDto> {
    const article = await this.findOwnedOrFail(slug, userId);
    const titleSlug = dto.title === undefined ? undefined : slugify(dto.title);
    const target = titleSlug === undefined || titleSlug === slugify(article.title) ? article.slug : titleSlug;
    const changes = {
      title: dto.title,
      description: dto.description,
      body: dto.body,
      updatedAt: nextTimestamp(article.updatedAt),
    };
    const newSlug = await this.withUniqueSlug(target, article.id, (candidate) =>
      this.transactions.run(async (manager) => {
        await manager.update(Article, { id: article.id }, withoutUndefined({ ...changes, slug: candidate }));
        if (dto.tagList !== undefined) await this.tags.replaceArticleTags(manager, article, dto.tagList);
      }),
    );
    await this.cache.invalidate();
    return this.queries.findBySlugOrFail(newSlug, userId);
  }

  /**
   * Removes the article, its tag links and its share of the counters in one transaction; comments and favorites
   * go with it (their foreign keys cascade). The row is locked first, so a concurrent delete finds it gone.
   */
  async delete(slug: string, userId: number): Promise<void> {
    const article = await this.findOwnedOrFail(slug, userId);
    await this.transactions.run(async (manager) => {
      if (!(await lockRows(manager, Article, { id: article.id }))) throw notFound('article');
      await this.tags.removeArticleTags(manager, article.id);
      await manager.delete(Article, { id: article.id });
      await countArticle(manager, article.authorId, -1);
    });
    await this.cache.invalidate();
  }

  async findIdBySlugOrFail(slug: string): Promise<number> {
    const [article] = await this.articles.manager.query<{ id: number }[]>(
      'SELECT id FROM articles WHERE slug = ?',
      [slug],
    );
    if (!article) throw notFound('article');
    return Number(article.id);
  }

  private async findOwnedOrFail(slug: string, userId: number): Promise<Article> {
    const article = await this.articles.findOneBy({ slug });
    if (!article) throw notFound('article');
    if (article.authorId !== userId) throw forbidden('article');
    return article;
  }

  /**
   * Runs `write` with the base slug if it is free, otherwise with a suffixed one. The unique index is the real
   * guard: when a concurrent write takes the same slug first, the write is retried with a fresh suffix.
   */
  private async withUniqueSlug(
    base: string,
    ownId: number | undefined,
    write: (slug: string) => Promise<void>,
  ): Promise<string> {
    let candidate = (await this.isSlugTaken(base, ownId)) ? withRandomSuffix(base) : base;
    for (let attempt = 1; ; attempt++) {
      try {
        await write(candidate);
        return candidate;
      } catch (error) {
        if (!isUniqueViolation(error, SLUG_INDEX) || attempt >= SLUG_ATTEMPTS) throw error;
        candidate = withRandomSuffix(base);
      }
    }
  }

  private async isSlugTaken(slug: string, ownId: number | undefined): Promise<boolean> {
    if (RESERVED_SLUGS.has(slug)) return true;
    return this.articles.existsBy(ownId === undefined ? { slug } : { slug, id: Not(ownId) });
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
