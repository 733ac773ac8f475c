import type { ClientInfo } from '../../common/client-info';
import { DomainEvent } from '../../events/domain-event';

export interface CommentRef {
  id: number;
  authorId: number;
  article: { id: number; slug: string };
}

export class CommentAdded extends DomainEvent {
  constructor(
    readonly comment: CommentRef,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.comment.authorId;
  }
}

export class CommentDeleted extends DomainEvent {
  constructor(
    readonly comment: CommentRef,
    readonly actorId: number,
    readonly at: Date,
    /** Where the deletion came from, when a request made it (a moderator's removal is audited with it). */
    readonly client: ClientInfo | null = null,
  ) {
    super();
  }
}

/** Back from the trash. */
export class CommentRestored extends DomainEvent {
  constructor(
    readonly comment: CommentRef,
    readonly actorId: number,
    readonly at: Date,
    readonly client: ClientInfo | null = null,
  ) {
    super();
  }
}
