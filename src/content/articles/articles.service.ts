import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user';
import { notFound } from '../../common/errors/http-errors';
import { Database } from '../../database/database.service';
import { isUniqueViolation } from '../../database/db-errors';
import { nextTimestamp } from '../../database/timestamps';
import type { ClientInfo } from '../../common/client-info';
import { authorize, type Permission } from '../../policy/policy';
import type { Actor } from '../../policy/roles';
import { DomainEvents } from '../../events/domain-events.service';
import { UsersService } from '../../users/users.service';
import { TagsService } from '../tags/tags.service';
import { articleChanges } from './article-changes';
import { ArticleChanged, ArticleCreated, ArticleDeleted } from './article.events';
import { toNewArticleDto } from './article-row';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesRepository, StoredArticle } from './articles.repository';
import { SingleArticleResponseDto } from './dto/article-response.dto';
import { CreateArticleDto } from './dto/create-article.dto';
import { UpdateArticleDto } from './dto/update-article.dto';
import { slugify, withRandomSuffix } from './slug';

const SLUG_ATTEMPTS = 5;
const SLUG_INDEX = { index: 'UQ_articles_slug', columns: ['slug'] };
/** Slugs that name routes of their own under /api/articles. */
const RESERVED_SLUGS = new Set(['feed']);

/** The write side of articles: create, update and delete, each atomic; only the author may change an article. */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly tags: TagsService,
    private readonly users: UsersService,
    private readonly queries: ArticlesQueryService,
    private readonly database: Database,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Writes the article, its tag links and the counters in one transaction and answers from what it wrote: a new
   * article has no favorites and its author does not follow themselves, so nothing needs reading back.
   * `at` is the publication time: now, except for content written with its own history (the demo seed).
   */
  async create(
    author: Pick<AuthUser, 'id' | 'profile'>,
    dto: CreateArticleDto,
    at = new Date(),
  ): Promise<SingleArticleResponseDto> {
    const { slug, result } = await this.withUniqueSlug(slugify(dto.title), undefined, (candidate) =>
      this.database.transaction(async (tx) => {
        // Counters first: their row locks are taken before the foreign-key checks below share-lock the same rows.
        await this.users.countArticle(author.id, 1, tx);
        await this.articles.addToTotal(1, tx);
        const { title, description, body } = dto;
        const id = await this.articles.insert(
          { slug: candidate, title, description, body, authorId: author.id, createdAt: at },
          tx,
        );
        return { id, tagList: await this.tags.link({ id, createdAt: at }, dto.tagList ?? [], tx) };
      }),
    );
    await this.events.publish(
      new ArticleCreated({ id: result.id, slug, authorId: author.id }, author.id, at),
    );
    return {
      article: toNewArticleDto({ ...dto, slug, tagList: result.tagList, createdAt: at }, author.profile),
    };
  }

  /** Changes only what differs; an update that changes nothing writes nothing (updatedAt stays). */
  /** The author or an admin (the policy's `article.update`). */
  async update(slug: string, actor: Actor, dto: UpdateArticleDto): Promise<SingleArticleResponseDto> {
    const userId = actor.id;
    const article = await this.findAllowedOrFail(slug, actor, 'article.update');
    const currentTags = dto.tagList && (await this.tags.namesByArticle([article.id])).get(article.id);
    const changes = articleChanges(article, currentTags, dto);
    if (changes.fields.length === 0) return this.queries.findOne(slug, userId);
    const at = nextTimestamp(article.updatedAt);
    const { slug: newSlug } = await this.withUniqueSlug(
      slugAfter(article, dto.title),
      article.id,
      (candidate) =>
        this.database.transaction(async (tx) => {
          if (!(await this.articles.lock(article.id, tx))) throw notFound('article');
          const newSlugColumn = candidate === article.slug ? {} : { slug: candidate };
          await this.articles.update(article.id, { ...changes.columns, ...newSlugColumn }, at, tx);
          if (changes.tagList !== undefined) await this.tags.replace(article, changes.tagList, tx);
        }),
    );
    const ref = { id: article.id, slug: newSlug, authorId: article.authorId };
    await this.events.publish(new ArticleChanged(ref, article.slug, changes.fields, userId, at));
    return this.queries.findOne(newSlug, userId);
  }

  /**
   * Removes the article, its tag links and its share of the counters in one transaction; comments and favorites
   * go with it (their foreign keys cascade). The row is locked first, so a concurrent delete finds it gone.
   */
  /** The author, a moderator or an admin (the policy's `article.delete`). */
  async remove(slug: string, actor: Actor, client: ClientInfo | null = null): Promise<void> {
    const article = await this.findAllowedOrFail(slug, actor, 'article.delete');
    await this.database.transaction(async (tx) => {
      if (!(await this.articles.lock(article.id, tx))) throw notFound('article');
      await this.tags.unlink(article.id, tx);
      await this.articles.delete(article.id, tx);
      await this.users.countArticle(article.authorId, -1, tx);
      await this.articles.addToTotal(-1, tx);
    });
    const ref = { id: article.id, slug: article.slug, authorId: article.authorId };
    await this.events.publish(new ArticleDeleted(ref, actor.id, new Date(), client));
  }

  private async findAllowedOrFail(
    slug: string,
    actor: Actor,
    permission: Permission,
  ): Promise<StoredArticle> {
    const article = await this.articles.findStoredBySlug(slug);
    if (!article) throw notFound('article');
    authorize(actor, permission, article.authorId);
    return article;
  }

  /**
   * Runs `write` with the base slug and, when the unique index refuses it, again with a suffixed one. An update
   * looks first (an article keeps its own slug, and most titles it takes are free anyway); a new article just tries.
   */
  private async withUniqueSlug<T>(
    base: string,
    ownId: number | undefined,
    write: (slug: string) => Promise<T>,
  ): Promise<{ slug: string; result: T }> {
    const taken =
      RESERVED_SLUGS.has(base) ||
      (ownId !== undefined && (await this.articles.isSlugTakenByAnother(base, ownId)));
    let candidate = taken ? withRandomSuffix(base) : base;
    for (let attempt = 1; ; attempt++) {
      try {
        return { slug: candidate, result: await write(candidate) };
      } catch (error) {
        if (!isUniqueViolation(error, SLUG_INDEX) || attempt >= SLUG_ATTEMPTS) throw error;
        candidate = withRandomSuffix(base);
      }
    }
  }
}

/** A new title gives a new slug, unless it slugifies as the old one did (the article then keeps its address). */
function slugAfter(article: StoredArticle, title: string | undefined): string {
  if (title === undefined) return article.slug;
  const titleSlug = slugify(title);
  return titleSlug === slugify(article.title) ? article.slug : titleSlug;
}
