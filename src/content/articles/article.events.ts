import type { ClientInfo } from '../../common/client-info';
import { DomainEvent } from '../../events/domain-event';
import type { ArticleStatus } from './article-workflow';

/** Which article: its id, its address and its author. */
export interface ArticleRef {
  id: number;
  slug: string;
  authorId: number;
}

/** `status`: its workflow changed (status, schedule times); the event's article says nothing of the new state. */
export type ArticleField = 'title' | 'description' | 'body' | 'tagList' | 'status';

export class ArticleCreated extends DomainEvent {
  constructor(
    readonly article: ArticleRef,
    readonly actorId: number,
    readonly at: Date,
  ) {
    super();
  }
}

export class ArticleChanged extends DomainEvent {
  constructor(
    /** As it is now; `previousSlug` differs when a new title gave it a new address. */
    readonly article: ArticleRef,
    readonly previousSlug: string,
    readonly fields: readonly ArticleField[],
    readonly actorId: number,
    readonly at: Date,
    /** The status it moved to, when its workflow changed. */
    readonly status: ArticleStatus | null = null,
    /** Where the change came from, when a request made it (a moderator's take-down is audited with it). */
    readonly client: ClientInfo | null = null,
  ) {
    super();
  }
}

/** Moved to the trash: hidden everywhere, with its comments, favorites and tags kept for a restore. */
export class ArticleDeleted extends DomainEvent {
  constructor(
    readonly article: ArticleRef,
    readonly actorId: number,
    readonly at: Date,
    /** Where the deletion came from, when a request made it (a moderator's removal is audited with it). */
    readonly client: ClientInfo | null = null,
  ) {
    super();
  }
}

/** Back from the trash, with its comments, favorites and tags as they were. */
export class ArticleRestored extends DomainEvent {
  constructor(
    readonly article: ArticleRef,
    readonly actorId: number,
    readonly at: Date,
    readonly client: ClientInfo | null = null,
  ) {
    super();
  }
}

/** A user favorited (or stopped favoriting) an article; repeating either changes nothing and publishes nothing. */
export class FavoriteChanged extends DomainEvent {
  constructor(
    readonly article: Pick<ArticleRef, 'id' | 'slug'>,
    readonly userId: number,
    readonly favorited: boolean,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}

/** An article's title, description, body and tags as one version, with who wrote it and when. */
export interface ArticleVersion {
  title: string;
  description: string;
  body: string;
  tagList: string[];
  editorId: number | null;
  writtenAt: Date;
}

/**
 * Published inside the transaction of an edit that changes the title, description, body or tags: the version the
 * edit replaces (the revisions keep it, in the same transaction).
 */
export class ArticleVersionReplaced extends DomainEvent {
  constructor(
    readonly articleId: number,
    readonly previous: ArticleVersion,
    readonly actorId: number,
    readonly at: Date,
  ) {
    super();
  }
}

/**
 * Published inside the transaction that writes an article's title, description or body (a new article, or an edit
 * of any of them): the article's text as it now is, for what indexes it (the search index, in the same transaction).
 */
export class ArticleTextWritten extends DomainEvent {
  constructor(
    readonly articleId: number,
    readonly text: { title: string; description: string; body: string },
    readonly actorId: number,
    readonly at: Date,
    /** A new article (nothing indexed yet), rather than an edit. */
    readonly isNew = false,
  ) {
    super();
  }
}
