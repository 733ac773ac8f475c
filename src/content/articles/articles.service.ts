import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ResponseCache } from '../../cache/response-cache.service';
import { Not, Repository } from 'typeorm';
import { forbidden, notFound } from '../../common/errors/http-errors';
import { isUniqueViolation } from '../../database/db-errors';
import type { AuthUser } from '../../common/auth-user';
import { runWrite } from '../../database/sql-writes';
import { nextTimestamp, toSqlTimestamp } from '../../database/timestamps';
import { lockRows, Transactions } from '../../database/transactions.service';
import { articleScope, LISTS_SCOPE } from '../cache-scopes';
import { countArticle } from './article-counters';
import { toNewArticleDto } from './article-row';
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

  /**
   * Writes the article, its tag links and the counters in one transaction and answers from what it wrote: a new
   * article has no favorites and its author does not follow themselves, so nothing needs reading back.
   */
  async create(
    author: Pick<AuthUser, 'id' | 'profile'>,
    dto: CreateArticleDto,
  ): Promise<SingleArticleResponseDto> {
    const now = new Date();
    let tagList: string[] = [];
    const slug = await this.withUniqueSlug(slugify(dto.title), undefined, (candidate) =>
      this.transactions.run(async (manager) => {
        // Counters first: their row locks are taken before the foreign-key checks below share-lock the same rows.
        await countArticle(manager, author.id, 1);
        const createdAt = toSqlTimestamp(now);
        const { insertId } = await runWrite(
          manager,
          `INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [candidate, dto.title, dto.description, dto.body, author.id, createdAt, createdAt],
        );
        tagList = await this.tags.addArticleTags(
          manager,
          { id: insertId, createdAt: now },
          dto.tagList ?? [],
        );
      }),
    );
    await this.cache.invalidate([LISTS_SCOPE]);
    return { article: toNewArticleDto({ ...dto, slug, tagList, createdAt: now }, author.profile) };
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
    await this.cache.invalidate([LISTS_SCOPE, articleScope(slug), articleScope(newSlug)]);
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
    await this.cache.invalidate([LISTS_SCOPE, articleScope(slug)]);
  }

  /**
   * Slugs match exactly on every engine (MySQL's collation alone would also match other cases and accents): one
   * article has one address, which is also what its cached responses are filed under.
   */
  async findIdBySlugOrFail(slug: string): Promise<number> {
    const [article] = await this.articles.manager.query<{ id: number; slug: string }[]>(
      'SELECT id, slug FROM articles WHERE slug = ?',
      [slug],
    );
    if (!article || article.slug !== slug) throw notFound('article');
    return Number(article.id);
  }

  private async findOwnedOrFail(slug: string, userId: number): Promise<Article> {
    const article = await this.articles.findOneBy({ slug });
    if (!article || article.slug !== slug) throw notFound('article');
    if (article.authorId !== userId) throw forbidden('article');
    return article;
  }

  /**
   * Runs `write` with the base slug if it is free, otherwise with a suffixed one. The unique index is the real
   * guard: when a concurrent write takes the same slug first, the write is retried with a fresh suffix.
   */
  /**
   * Runs `write` with the base slug and, when the unique index refuses it, again with a suffixed one. An update
   * looks first (an article keeps its own slug, and most titles it takes are free anyway); a new article just tries.
   */
  private async withUniqueSlug(
    base: string,
    ownId: number | undefined,
    write: (slug: string) => Promise<void>,
  ): Promise<string> {
    const taken = RESERVED_SLUGS.has(base) || (ownId !== undefined && (await this.isSlugTaken(base, ownId)));
    let candidate = taken ? withRandomSuffix(base) : base;
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

  private isSlugTaken(slug: string, ownId: number): Promise<boolean> {
    return this.articles.existsBy({ slug, id: Not(ownId) });
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
