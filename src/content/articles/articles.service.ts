import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { notFound } from '../../common/errors/http-errors';
import { Database } from '../../database/database.service';
import { isUniqueViolation } from '../../database/db-errors';
import { nextTimestamp } from '../../database/timestamps';
import { authorize, type Permission } from '../../policy/policy';
import type { Actor } from '../../policy/roles';
import { DomainEvents } from '../../events/domain-events.service';
import { UsersService } from '../../users/users.service';
import { TagsService } from '../tags/tags.service';
import { articleChanges } from './article-changes';
import {
  ArticleChanged,
  ArticleCreated,
  ArticleTextWritten,
  ArticleVersionReplaced,
  type ArticleField,
} from './article.events';
import type { Transaction } from '../../database/sql-executor';
import { ArticleListing } from './article-listing.service';
import { isVisibleTo } from './article-visibility';
import { initialWorkflow, nextWorkflow, type ArticleStatus } from './article-workflow';
import { toNewArticleDto } from './article-row';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesRepository, StoredArticle } from './articles.repository';
import { SingleArticleResponseDto } from './dto/article-response.dto';
import { CreateArticleDto } from './dto/create-article.dto';
import { UpdateArticleDto } from './dto/update-article.dto';
import { slugify, withRandomSuffix } from './slug';

const SLUG_ATTEMPTS = 5;
/** The fields the search index holds. */
const TEXT_FIELDS: readonly ArticleField[] = ['title', 'description', 'body'];
const SLUG_INDEX = { index: 'UQ_articles_slug', columns: ['slug'] };
/** Slugs that name routes of their own under /api/articles. */
const RESERVED_SLUGS = new Set(['feed']);

/** The write side of articles: create and update (content and workflow), each atomic; deletion is ArticleTrash's. */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly tags: TagsService,
    private readonly users: UsersService,
    private readonly queries: ArticlesQueryService,
    private readonly database: Database,
    private readonly events: DomainEvents,
    private readonly listing: ArticleListing,
  ) {}

  /**
   * Writes the article, its tag links and the counters in one transaction and answers from what it wrote: a new
   * article has no favorites and its author does not follow themselves, so nothing needs reading back.
   * `at` is the creation time: now, except for content written with its own history (the demo seed).
   */
  async create(
    author: Pick<AuthUser, 'id' | 'profile'>,
    dto: CreateArticleDto,
    at = new Date(),
  ): Promise<SingleArticleResponseDto> {
    const workflow = initialWorkflow(dto, at);
    const { slug, result } = await this.withUniqueSlug(slugify(dto.title), undefined, (candidate) =>
      this.database.transaction(async (tx) => {
        // Counters first: their row locks are taken before the foreign-key checks below share-lock the same rows.
        if (workflow.listedAt !== null) {
          await this.users.countArticle(author.id, 1, tx);
          await this.articles.addToTotal(1, tx);
        }
        const { title, description, body } = dto;
        const id = await this.articles.insert(
          { slug: candidate, title, description, body, authorId: author.id, createdAt: at, ...workflow },
          tx,
        );
        await this.listing.scheduleJobs(id, workflow, tx);
        await this.events.publishWithin(
          tx,
          new ArticleTextWritten(id, { title, description, body }, author.id, at, true),
        );
        return {
          id,
          tagList: await this.tags.link({ id, listedAt: workflow.listedAt }, dto.tagList ?? [], tx),
        };
      }),
    );
    await this.events.publish(
      new ArticleCreated({ id: result.id, slug, authorId: author.id }, author.id, at),
    );
    const { title, description, body } = dto;
    const article = { title, description, body, slug, tagList: result.tagList, createdAt: at };
    return { article: toNewArticleDto({ ...article, ...workflow, authorId: author.id }, author.profile) };
  }

  /**
   * Changes only what differs; an update that changes nothing writes nothing (updatedAt stays). The author or an
   * admin may (`article.update`); taking a published article down alone is moderation too (`article.unpublish`).
   * The workflow is decided on the row as locked, so a scheduled publication racing this edit keeps both.
   */
  async update(
    slug: string,
    actor: Actor,
    dto: UpdateArticleDto,
    client: ClientInfo | null = null,
  ): Promise<SingleArticleResponseDto> {
    const article = await this.findAllowedOrFail(slug, actor, (found) => permissionFor(dto, found.status));
    const currentTags = dto.tagList && (await this.tags.namesByArticle([article.id])).get(article.id);
    const changes = articleChanges(article, currentTags, dto);
    const now = new Date();
    if (changes.fields.length === 0 && nextWorkflow(article, dto, now) === article)
      return this.queries.findOne(slug, actor);
    const { slug: newSlug, result } = await this.withUniqueSlug(
      slugAfter(article, dto.title),
      article.id,
      (candidate) =>
        this.database.transaction(async (tx) => {
          const locked = await this.articles.findStoredForUpdate(article.id, tx);
          if (!locked || locked.deletedAt !== null) throw notFound('article');
          // From the row as locked: an edit committed since the first read moves this one's time after its own.
          const at = nextTimestamp(locked.updatedAt);
          const next = nextWorkflow(locked, dto, now);
          if (next !== locked) await this.listing.apply(locked, next, tx);
          const newSlugColumn = candidate === article.slug ? {} : { slug: candidate };
          const columns = { ...changes.columns, ...newSlugColumn };
          if (Object.keys(columns).length > 0 || changes.tagList !== undefined) {
            await this.keepVersion(locked, actor.id, at, tx);
            await this.articles.update(article.id, columns, at, actor.id, tx);
          }
          if (changes.fields.some((field) => TEXT_FIELDS.includes(field))) {
            const { title, description, body } = { ...locked, ...changes.columns };
            const text = { title, description, body };
            await this.events.publishWithin(tx, new ArticleTextWritten(article.id, text, actor.id, at));
          }
          if (changes.tagList !== undefined)
            await this.tags.replace({ id: article.id, listedAt: next.listedAt }, changes.tagList, tx);
          return { at, status: next !== locked ? next.status : null };
        }),
    );
    const { at, status } = result;
    const fields: ArticleField[] = status !== null ? [...changes.fields, 'status'] : changes.fields;
    const ref = { id: article.id, slug: newSlug, authorId: article.authorId };
    await this.events.publish(new ArticleChanged(ref, article.slug, fields, actor.id, at, status, client));
    return this.queries.findOne(newSlug, actor);
  }

  /** The version an edit is about to replace, for the revisions (in the edit's transaction). */
  private async keepVersion(
    current: StoredArticle,
    actorId: number,
    at: Date,
    tx: Transaction,
  ): Promise<void> {
    const tagList = (await this.tags.namesByArticle([current.id], tx)).get(current.id) ?? [];
    const { title, description, body, editedBy: editorId, updatedAt: writtenAt } = current;
    const previous = { title, description, body, tagList, editorId, writtenAt };
    await this.events.publishWithin(tx, new ArticleVersionReplaced(current.id, previous, actorId, at));
  }

  /** 404 for an article the actor may not even see; then 403 unless the policy allows `permission`. */
  private async findAllowedOrFail(
    slug: string,
    actor: Actor,
    permission: Permission | ((article: StoredArticle) => Permission),
  ): Promise<StoredArticle> {
    const article = await this.articles.findStoredBySlug(slug);
    if (!article || article.deletedAt !== null || !isVisibleTo(actor, article)) throw notFound('article');
    authorize(actor, typeof permission === 'function' ? permission(article) : permission, article.authorId);
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

/** Taking an article down, and nothing else, is moderation; any other change is the author's (or an admin's). */
function permissionFor(dto: UpdateArticleDto, current: ArticleStatus): Permission {
  const content = [dto.title, dto.description, dto.body, dto.tagList, dto.publishAt, dto.unpublishAt];
  const takesDown = current === 'published' && (dto.status === 'unpublished' || dto.status === 'draft');
  return takesDown && content.every((value) => value === undefined) ? 'article.unpublish' : 'article.update';
}

/** A new title gives a new slug, unless it slugifies as the old one did (the article then keeps its address). */
function slugAfter(article: StoredArticle, title: string | undefined): string {
  if (title === undefined) return article.slug;
  const titleSlug = slugify(title);
  return titleSlug === slugify(article.title) ? article.slug : titleSlug;
}
