import { Injectable } from '@nestjs/common';
import { ResponseCache } from '../../cache/response-cache.service';
import { OnDomainEvent } from '../../events/on-domain-event.decorator';
import { AccountClosed, UserUpdated } from '../../users/user.events';
import {
  ArticleChanged,
  ArticleCreated,
  ArticleDeleted,
  ArticleRestored,
  FavoriteChanged,
} from '../articles/article.events';
import { CommentAdded, CommentDeleted, CommentRestored } from '../comments/comment.events';

/** The lists (every page, every filter) and the tags: a new, changed or deleted article or a favorite changes them. */
const LISTS = 'lists';

/** One article's own view and its comments. */
const articleScope = (slug: string): string => `article:${slug}`;

/**
 * The content's anonymous responses in the response cache: which key each read is filed under, in which scope,
 * and which scopes each domain event retires. Writers never call it: they publish what happened.
 */
@Injectable()
export class ContentCache {
  constructor(private readonly cache: ResponseCache) {}

  tags<T>(load: () => Promise<T>): Promise<T> {
    return this.cache.read('tags', LISTS, load);
  }

  articleList<T>(
    filters: readonly unknown[],
    viewerId: number | undefined,
    load: () => Promise<T>,
  ): Promise<T> {
    return this.cache.readShared(viewerId, `articles:${JSON.stringify(filters)}`, LISTS, load);
  }

  article<T>(slug: string, viewerId: number | undefined, load: () => Promise<T>): Promise<T> {
    return this.cache.readShared(viewerId, `article:${slug}`, articleScope(slug), load);
  }

  comments<T>(slug: string, viewerId: number | undefined, load: () => Promise<T>): Promise<T> {
    return this.cache.readShared(viewerId, `comments:${slug}`, articleScope(slug), load);
  }

  @OnDomainEvent(ArticleCreated)
  articleCreated(): Promise<void> {
    return this.cache.invalidate([LISTS]);
  }

  @OnDomainEvent(ArticleChanged)
  articleChanged({ article, previousSlug }: ArticleChanged): Promise<void> {
    return this.cache.invalidate([LISTS, articleScope(previousSlug), articleScope(article.slug)]);
  }

  @OnDomainEvent(ArticleDeleted)
  @OnDomainEvent(ArticleRestored)
  articleToOrFromTrash({ article }: ArticleDeleted | ArticleRestored): Promise<void> {
    return this.cache.invalidate([LISTS, articleScope(article.slug)]);
  }

  /** The count shows in the lists and on the article. */
  @OnDomainEvent(FavoriteChanged)
  favoriteChanged({ article }: FavoriteChanged): Promise<void> {
    return this.cache.invalidate([LISTS, articleScope(article.slug)]);
  }

  @OnDomainEvent(CommentAdded)
  commentAdded({ comment }: CommentAdded): Promise<void> {
    return this.cache.invalidate([articleScope(comment.article.slug)]);
  }

  @OnDomainEvent(CommentDeleted)
  @OnDomainEvent(CommentRestored)
  commentToOrFromTrash({ comment }: CommentDeleted | CommentRestored): Promise<void> {
    return this.cache.invalidate([articleScope(comment.article.slug)]);
  }

  /** Its articles, comments and favorites left every list and article. */
  @OnDomainEvent(AccountClosed)
  async accountClosed(): Promise<void> {
    await this.cache.invalidate('all');
  }

  /** Articles and comments show their author's profile, anywhere. */
  @OnDomainEvent(UserUpdated)
  async userUpdated(event: UserUpdated): Promise<void> {
    if (event.changesProfile) await this.cache.invalidate('all');
  }
}
